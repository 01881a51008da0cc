"""The work made ahead (the people's names and the palette's places, read from a large dataset's
cache on a background thread) stops for a key typed meanwhile only at its pause points, so none of
the stretches between them may grow with the data: at 100,000 quotes one `dict()` of every name's
owners, a sort of every word as a build leaves them, a `dict()` of every person's name and chunks
of 4,096 names each held a key typed as the work went on after a quiet second (up to 38 ms of CPU).
Counted here, never timed: the pause points come a chunk or a slice at a time."""

from __future__ import annotations

import pytest
from test_cache_derived import cached_start, written_inline  # noqa: F401  (a fixture)

from anora_tui.core.loading import cache_derived
from anora_tui.core.loading.loader import load_dataset
from anora_tui.core.search import SearchIndexes, chunked_list, names as names_module, stored
from anora_tui.core.search.names import PeopleNames
from anora_tui.core.search.stored import people_names_from_plain, people_names_to_plain

WORDS = ("owner_words", "first_words")
PARTS = ("names", "names_folded", "owners", "first_word_owners", "article_words", *WORDS)  # a chunk when first read


def stored_names(dataset) -> dict:
    return cache_derived.decode(cache_derived.encode(people_names_to_plain(PeopleNames(dataset))))


def count_pauses(monkeypatch) -> list[str]:
    pauses: list[str] = []
    for module in (stored, names_module):
        monkeypatch.setattr(module, "give_way", lambda module=module: pauses.append(module.__name__))
    return pauses


def test_the_stored_names_make_nothing_per_person_when_read(example_dataset):
    """Reading the stored names makes nothing with an entry per person: a dict of every person's name
    took 76 ms of the People filter's first letter at a million quotes (`name_of`, for a hint's
    three names, reads the person's record)."""
    names = people_names_from_plain(example_dataset, stored_names(example_dataset))
    people = example_dataset.count_of("people")
    assert not [name for name, value in vars(names).items() if isinstance(value, dict) and len(value) >= people]
    built = PeopleNames(example_dataset)
    assert names.index.parts() == built.index.parts()
    assert [names.name_of(person_id) for person_id in built.ids] == [person.name for person in example_dataset.people]


def test_the_stored_names_are_decoded_as_they_are_read(monkeypatch, example_dataset):
    """The names, their folded forms, the words and their owners and the article's words are decoded a
    chunk at a time as they are read, none when the names are read: decoding every chunk to check
    it took 1.5 s of CPU at a million quotes, which the People filter's first letter waited for."""
    import marshal

    monkeypatch.setattr(chunked_list, "CHUNK", 2)
    plain = stored_names(example_dataset)
    chunk_of = {chunk: part for part in PARTS for chunk in plain[part]["chunks"]}
    decoded: list[str] = []

    class CountingMarshal:
        @staticmethod
        def loads(data):
            decoded.append(chunk_of.get(data, "other"))
            return marshal.loads(data)

    monkeypatch.setattr(chunked_list, "marshal", CountingMarshal)
    names = people_names_from_plain(example_dataset, plain)
    assert all(len(plain[part]["chunks"]) > 2 for part in PARTS)
    assert decoded == []
    built = PeopleNames(example_dataset)
    assert names.matching(["r"]) == built.matching(["r"]) and names.matching(["r"])
    assert 0 < decoded.count("owners") < len(plain["owners"]["chunks"])  # only the chunks of words starting so


def test_a_stored_chunk_not_as_written_is_raised_when_read(monkeypatch):
    """A chunk is checked when first read (each is checked against its CRC-32 as it is read from the
    cache: only a bug could make one that is not a list of its length), and raised as a bug, never
    read as something else."""
    import marshal

    monkeypatch.setattr(chunked_list, "CHUNK", 2)
    stored_list = chunked_list.chunked(list(range(7)))
    listed = chunked_list.ChunkedList(stored_list)
    assert list(listed) == list(range(7))
    for start in range(8):
        for stop in range(8):
            assert chunked_list.ChunkedList(stored_list)[start:stop] == list(range(7))[start:stop]
    assert listed[::3] == [0, 3, 6] and listed[-2:] == [5, 6]
    short = chunked_list.ChunkedList({**stored_list, "chunks": [marshal.dumps([0]), *stored_list["chunks"][1:]]})
    with pytest.raises(ValueError):
        short[0]
    assert short[2] == 2
    with pytest.raises(ValueError):
        chunked_list.ChunkedList({**stored_list, "chunks": [*stored_list["chunks"][:-1], marshal.dumps("6")]})[6]
    assert len(chunked_list.ChunkedList(chunked_list.chunked([]))) == 0


def test_the_stored_words_come_in_order(example_dataset):
    """The index sorts its words when it reads them: stored in order, that sort is one pass over them
    (ten times quicker than sorting them as a build leaves them: 8 ms of 45,000 words at 100k quotes)."""
    plain = stored_names(example_dataset)
    for part in WORDS:
        words = list(chunked_list.ChunkedList(plain[part]))
        assert len(words) > 1 and words == sorted(words), part


@pytest.mark.parametrize("format_", [2, None])
def test_names_stored_by_an_earlier_build_are_made_again_not_read(example_data_dir, format_):
    """Names stored in another layout (chunks of 4,096, words as a build leaves them) are not read:
    they are made from the dataset, as without a cache."""
    dataset = load_dataset(example_data_dir)  # its own: it is given the stored names
    plain = stored_names(dataset)
    plain["format"] = format_
    with pytest.raises(ValueError):
        people_names_from_plain(dataset, plain)
    dataset.keep_derived("people_names", plain)
    indexes = SearchIndexes(dataset)
    assert indexes._stored_people() is None
    assert indexes.people.index.parts() == PeopleNames(dataset).index.parts()


def test_a_stored_block_is_decoded_a_piece_at_a_time_out_of_the_files_lock(written_inline):
    """Reading the people's names from the cache: one `marshal.loads` of the whole block held the
    interpreter's lock for 5 ms at 100,000 quotes. Each chunk is now a piece of its own, a pause point
    after each; and the file's lock is free meanwhile (the reader's thread may read a field)."""
    import threading

    _, dataset = cached_start()
    parts = dataset.__dict__["_parts"]
    pauses: list[bool] = []

    def pause() -> None:  # a pause point: is the file's lock free for another thread?
        free: list[bool] = []

        def try_lock() -> None:
            free.append(parts._lock.acquire(blocking=False))
            if free[0]:
                parts._lock.release()

        thread = threading.Thread(target=try_lock)
        thread.start()
        thread.join(10)
        pauses.append(free == [True])

    plain = dataset.stored("people_names", pause)
    assert plain is not None and plain["format"] == stored.FORMAT
    chunks = sum(len(plain[part]) for part in PARTS)
    assert len(pauses) >= chunks and all(pauses)
    assert people_names_from_plain(dataset, plain).index.parts() == PeopleNames(dataset).index.parts()


def test_a_block_in_an_earlier_layout_is_not_read():
    """A block `marshal` wrote whole (before the pieces) is refused, never taken for something else."""
    import marshal

    with pytest.raises(ValueError):
        cache_derived.decode(marshal.dumps({"format": 2, "names": [b"x"]}))
    assert cache_derived.decode(cache_derived.encode({"format": 3, "names": [b"x"]})) == {"format": 3, "names": [b"x"]}


def test_each_stored_chunk_is_made_out_of_the_collectors_reach(monkeypatch, example_dataset):
    """The objects a chunk makes started young passes of the collector on the thread reading them
    (up to 9 ms at 100,000 quotes, within a stretch): each chunk is decoded with the collector
    paused and frozen after it, and the pause never spans a pause point."""
    from contextlib import contextmanager

    chunks = stored._in_chunks(list(range(7)), 2)
    events: list[str] = []

    @contextmanager
    def paused():
        events.append("paused")
        yield
        events.append("resumed")

    monkeypatch.setattr(stored, "gc_paused", paused)
    monkeypatch.setattr(stored, "give_way", lambda: events.append("pause point"))
    assert stored._from_chunks(chunks) == list(range(7))
    assert events.count("paused") == len(chunks) > 1
    assert "".join(event[0] for event in events) == "prp" * len(chunks)


def test_making_a_words_postings_pauses_between_its_steps_and_heads(monkeypatch):
    """The places made (not read) ahead, in a first start: two words' postings at 100,000 quotes held a
    key 0.2 s; each step and each prefix's head is now followed by a pause point."""
    from anora_tui.core.search import name_keys

    pauses: list[int] = []
    monkeypatch.setattr(name_keys, "give_way", lambda: pauses.append(1))
    words = {f"{first}{second}{n}": [n] for first in "abc" for second in "xyz" for n in range(20)}
    postings = name_keys.Postings(words)
    heads = len(postings._heads)
    assert heads >= 3 + 9  # a, b, c and ax ... cz each start more than HEAD_MIN_WORDS words
    assert len(pauses) >= heads + 3
    assert list(postings.merged("bx")) == list(range(20))


def test_a_chunked_list_read_through_keeps_no_chunk(monkeypatch):
    """Reading every item (the text scope's `@` over thousands of people) keeps no chunk decoded: kept,
    they were the 33 MiB at 100,000 quotes the chunks are there to save."""
    monkeypatch.setattr(chunked_list, "CHUNK", 2)
    chunked = chunked_list.ChunkedList(chunked_list.chunked(list(range(7))))
    assert list(chunked) == list(range(7))
    assert chunked._decoded[:3] == [None, None, None]
    assert chunked[2] == 2 and chunked._decoded[1] == [2, 3]
