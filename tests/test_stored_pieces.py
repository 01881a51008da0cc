"""A derived block's lists of bytes (the names' chunks, each word's bitset) are raw pieces after its
skeleton, each with its CRC-32 in the skeleton: a block read lazily reads its skeleton only, and each
piece from the file when it is first needed. At a million quotes the first search of the text waited
0.8 s to read and check all of the text index's 237 MB, when its first word needs a few bitsets. A
piece found damaged when it is read is made again from the dataset (a word's bitset, the names)."""

from __future__ import annotations

import pytest

from anora_tui.core.loading import cache_derived
from anora_tui.core.loading.cache import load_cached
from anora_tui.core.loading.cache_derived import DamagedPiece, StoredPieces, decode, decode_skeleton, encode, skeleton_end
from anora_tui.core.search import SearchIndexes, text_index
from anora_tui.core.search.names import PeopleNames
from anora_tui.core.search.quotes import QuoteIndex
from anora_tui.core.search.chunked_list import CHUNK, ChunkedList, chunked
from anora_tui.paths import cache_dir, default_data_dir

from test_cache_derived import QUERIES, cached_start, written_inline  # noqa: F401  (a fixture)

VALUE = {
    "format": 9,
    "chunks": [b"one", b"", b"three" * 100],
    "nested": {"bits": [bytes(range(200)), b"\x01"], "plain": [1, 2, 3]},
    "lists": [[b"a", b"b"], {"x": [b"c"]}],
    "empty": [],
}


class CountingReads:
    """Reads a block's raw pieces from memory, keeping each (length, offset) asked for."""

    def __init__(self, block: bytes) -> None:
        self.raw = block[skeleton_end(block) :]
        self.asked: list[tuple[int, int]] = []

    def __call__(self, length: int, offset: int) -> bytes:
        self.asked.append((length, offset))
        return self.raw[offset : offset + length]


def lazily(block: bytes, reads: CountingReads):
    return decode_skeleton(block[: skeleton_end(block)], reads, len(reads.raw))


def test_a_block_reads_the_same_at_once_or_lazily():
    block = encode(VALUE)
    assert decode(block) == VALUE
    reads = CountingReads(block)
    value = lazily(block, reads)
    assert reads.asked == []  # the skeleton only
    assert isinstance(value["chunks"], StoredPieces) and isinstance(value["nested"]["bits"], StoredPieces)
    assert value["nested"]["plain"] == [1, 2, 3] and value["empty"] == []
    assert value["nested"]["bits"][1] == b"\x01"
    assert reads.asked == [(1, len(b"one") + len(b"three" * 100) + 200)]  # that piece, and only it
    assert list(value["chunks"]) == VALUE["chunks"] and list(value["lists"][1]["x"]) == [b"c"]


def test_each_piece_is_checked_when_it_is_read():
    block = bytearray(encode(VALUE))
    block[skeleton_end(block) + 1] ^= 0x01  # in "one", the first raw piece
    reads = CountingReads(bytes(block))
    value = lazily(bytes(block), reads)
    assert value["chunks"][2] == b"three" * 100  # the others read as written
    with pytest.raises(DamagedPiece):
        value["chunks"][0]
    with pytest.raises(ValueError):
        decode(bytes(block))  # read at once: every piece is checked


@pytest.mark.parametrize("cut", [1, 5])
def test_a_block_cut_short_or_padded_is_refused(cut):
    block = encode(VALUE)
    with pytest.raises(ValueError):
        decode(block[:-cut])
    with pytest.raises(ValueError):
        decode(block + b"\x00" * cut)
    with pytest.raises(ValueError):
        decode(block[:cut])


def test_a_piece_that_cannot_be_read_is_damaged():
    def failing(length: int, offset: int) -> bytes:
        raise OSError(5, "Input/output error")

    block = encode(VALUE)
    value = decode_skeleton(block[: skeleton_end(block)], failing, len(block) - skeleton_end(block))
    with pytest.raises(DamagedPiece, match="Input/output error"):
        value["chunks"][0]


def test_a_chunked_list_made_again_past_a_damaged_chunk():
    items = [f"name {n}" for n in range(CHUNK * 2 + 7)]
    block = encode({"items": chunked(items)})
    reads = CountingReads(block)
    value = lazily(block, reads)
    made_again: list[int] = []
    listed = ChunkedList(value["items"], lambda: made_again.append(1) or list(items))
    assert listed[5] == "name 5" and made_again == []
    # The middle chunk damaged on disk after the block was opened: found when it is first read.
    raw = bytearray(reads.raw)
    raw[len(raw) // 2] ^= 0x20
    reads.raw = bytes(raw)
    assert listed[CHUNK + 3] == f"name {CHUNK + 3}" and made_again == [1]
    assert listed[:] == items and list(listed) == items and made_again == [1]  # made again once
    with pytest.raises(ValueError):  # with nothing to make it again from: raised
        ChunkedList(value["items"])[CHUNK + 3]


def flip_in_block(name: str, at_end: int = 1, part: str | None = None) -> None:
    """One bit of the cache file's block `name`, `at_end` bytes from its end (its last raw piece), or
    from the end of the raw pieces of its `part` (a list of bytes)."""
    from anora_tui.core.loading import cache_file

    [path] = cache_dir().glob("*.json")
    _key, header, header_end = cache_file.read_header(path)
    offset, length, _crc = header["blocks"][name]
    data = bytearray(path.read_bytes())
    end = length
    if part is not None:
        block = bytes(data[header_end + offset : header_end + offset + length])
        skeleton = skeleton_end(block)
        value = decode_skeleton(block[:skeleton], lambda size, at: b"", length - skeleton)
        end = skeleton + value[part].end
    data[header_end + offset + end - at_end] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_stored_index_finds_a_damaged_bitset_again(written_inline, monkeypatch):
    """The quote index's last raw piece is a word's bitset: damaged, that word is found again in
    the texts, and every search finds what a built index finds."""
    fresh, _ = cached_start()
    flip_in_block("quote_index", part="dense")
    cached = load_cached(default_data_dir())
    built = QuoteIndex(fresh)
    stored = SearchIndexes(cached).quotes
    found_again: list[int] = []
    real = text_index._posting_of
    monkeypatch.setattr(text_index, "_posting_of", lambda *args: found_again.append(1) or real(*args))
    for query in QUERIES:
        ours, theirs = stored.search(query), built.search(query)
        assert (ours.count, ours.bits) == (theirs.count, theirs.bits), query
    for word in built.text.parts()[1]:  # every word's bitset read
        ours, theirs = stored.text.positions_with_every_word([word]), built.text.positions_with_every_word([word])
        assert list(ours) == list(theirs), word
    assert found_again == [1]  # the damaged one, once


def test_a_damaged_first_key_is_made_instead(written_inline, monkeypatch):
    """The one-character terms are stored too (a search's first key reads three bitsets, not
    hundreds): one that cannot be read is made from the postings, as without a cache."""
    fresh, _ = cached_start()
    flip_in_block("quote_index", part="first_keys", at_end=1)
    cached = load_cached(default_data_dir())
    built = QuoteIndex(fresh)
    stored = SearchIndexes(cached).quotes
    made: list[str] = []
    monkeypatch.setattr(stored.text, "_compute_term", lambda term, real=stored.text._compute_term: made.append(term) or real(term))
    for letter in text_index.FIRST_KEYS:
        assert stored.search(letter).bits == built.search(letter).bits, letter
    assert len(made) == 1  # the damaged one; every other one read as stored
    stored.text.prepare_first_keys()  # the damaged one made again, as the reader does ahead
    assert stored.text.first_keys_ready and stored.search(made[0]).bits == built.search(made[0]).bits


def test_the_stored_names_are_made_again_past_a_damaged_chunk(written_inline, monkeypatch):
    fresh, _ = cached_start()
    flip_in_block("people_names", at_end=8)  # the first words' owners: `order` is in the skeleton
    cached = load_cached(default_data_dir())
    built = PeopleNames(fresh)
    made: list[int] = []
    real_init = PeopleNames.__init__
    monkeypatch.setattr(PeopleNames, "__init__", lambda self, *args: made.append(1) or real_init(self, *args))
    stored = SearchIndexes(cached).people
    for typed in ("mik", "sean baker", "b", "madison", "zz"):
        assert stored.matching([typed]) == built.matching([typed]), typed
    ours, theirs = stored.index.parts(), built.index.parts()
    assert list(ours.first_word_owners.owners) == list(theirs.first_word_owners.owners)  # the damaged chunk
    assert made == [1]
    assert ours == theirs and stored.index.find("mi", 5) == built.index.find("mi", 5)


def test_a_damaged_skeleton_is_not_read(written_inline):
    fresh, _ = cached_start()
    [path] = cache_dir().glob("*.json")
    from anora_tui.core.loading import cache_file

    _key, header, header_end = cache_file.read_header(path)
    offset, _length, _crc = header["blocks"]["quote_index"]
    data = bytearray(path.read_bytes())
    data[header_end + offset + 6] ^= 0x01  # in the skeleton
    path.write_bytes(bytes(data))
    cached = load_cached(default_data_dir())
    assert cached.stored("quote_index", lazily=True) is None


def test_the_pieces_are_read_after_the_cache_file_is_closed(written_inline):
    """A block read lazily keeps a descriptor of its own: the cache's is closed when a field is
    found damaged (the dataset is then loaded from the YAML), and the file may be replaced meanwhile."""
    fresh, _ = cached_start()
    cached = load_cached(default_data_dir())
    stored = SearchIndexes(cached).quotes
    parts = cached.__dict__["_parts"]
    parts._close()
    for path in cache_dir().glob("*.json"):
        path.unlink()
    assert stored.search("film").bits == QuoteIndex(fresh).search("film").bits


def test_the_cache_header_holds_the_skeletons_crc(written_inline):
    import zlib

    from anora_tui.core.loading import cache_file

    cached_start()
    [path] = cache_dir().glob("*.json")
    _key, header, header_end = cache_file.read_header(path)
    data = path.read_bytes()
    for name in cache_derived.NAMES:
        offset, length, crc = header["blocks"][name]
        block = data[header_end + offset : header_end + offset + length]
        assert zlib.crc32(block[: skeleton_end(block)]) == crc == cache_derived.skeleton_crc(block), name
