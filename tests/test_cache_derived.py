"""What a large dataset's load cache holds besides the dataset: the quote index, every person's
mentions and each paragraph's word count, written by the detached writer and used at once by a start
from the cache; each the same as computed, and computed instead when it is missing or damaged."""

from __future__ import annotations

import sys

import pytest

from anora_tui.core.loading import cache, cache_derived, cache_file
from anora_tui.core.loading.cache import load_cached
from anora_tui.core.mentions import Mention
from anora_tui.core.reading_time import ReadingTime, paragraph_words
from anora_tui.core.search import SearchIndexes
from anora_tui.core.search.names import PeopleNames
from anora_tui.core.search.paragraphs import ParagraphIndex
from anora_tui.core.search.quotes import QuoteIndex
from anora_tui.paths import cache_dir, default_data_dir

QUERIES = ["money", "the", "sean baker", '"the film"', "@baker", "@mikey film", "it's", "-the", "zzzz", "an"]


pytestmark = pytest.mark.usefixtures("cache_home")  # each test its own cache directory


@pytest.fixture
def written_inline(monkeypatch: pytest.MonkeyPatch, cache_home) -> None:
    """The detached writer runs in this process (so the test sees it finish), and the shipped
    dataset counts as large (its derived values are stored), in a cache directory of the test's own
    (a cache an earlier test in the same worker wrote, without derived values, was read instead)."""

    def inline(work) -> bool:
        work()
        return True

    monkeypatch.setattr(cache, "_in_detached_process", inline)
    monkeypatch.setattr(cache, "_lowest_priority", lambda: None)  # this process is the test's
    monkeypatch.setattr(cache_derived, "worth_storing", lambda dataset: True)
    monkeypatch.setattr(cache_derived, "text_worth_storing", lambda indexes: True)


def cached_start():
    """A first start (writing the cache behind), then a start from that cache."""
    fresh = load_cached(default_data_dir(), write_behind=True)
    cached = load_cached(default_data_dir())
    assert "_parts" in cached.__dict__  # from the cache
    return fresh, cached


def test_a_start_from_the_cache_has_the_derived_values_ready(written_inline, monkeypatch):
    fresh, cached = cached_start()
    assert cached.mentions_counted  # at once: read from the cache, not scanned
    monkeypatch.setattr(cache_file.CachedParts, "stored", lambda self, name, pause=None: pytest.fail(f"{name} read twice"))
    assert dict(cached._mentions) == dict(fresh._mentions)
    assert sum(map(len, cached._mentions.values())) > 100  # the shipped article names many people
    for section in fresh.sections:
        for number in range(1, len(section.paragraphs) + 1):
            assert cached.mentions_in(section.id, number) == fresh.mentions_in(section.id, number)


def test_the_stored_quote_index_searches_as_a_built_one(written_inline, monkeypatch):
    fresh, cached = cached_start()
    built = QuoteIndex(fresh)
    monkeypatch.setattr(QuoteIndex, "__init__", lambda *args: pytest.fail("built although stored"))
    monkeypatch.setattr(PeopleNames, "__init__", lambda *args: pytest.fail("built although stored"))
    indexes = SearchIndexes(cached)
    stored = indexes.quotes
    assert stored.search("film").count == built.search("film").count
    assert "people" not in vars(stored) and "people" not in vars(indexes)  # not read for a plain search
    assert stored.search("@mik").count == built.search("@mik").count > 0
    assert indexes.people is stored.people  # one PeopleNames for both scopes
    # Every attribute a build makes is there (a new one must be stored, or made again, too).
    assert vars(stored).keys() - {"_people_of"} == vars(built).keys()
    for part in ("text", "people"):
        assert vars(getattr(stored, part)).keys() == vars(getattr(built, part)).keys()
    assert vars(stored.people.index).keys() == vars(built.people.index).keys()
    for query in QUERIES:
        ours, theirs = stored.search(query), built.search(query)
        assert (ours.count, ours.total, ours.bits) == (theirs.count, theirs.total, theirs.bits), query
        assert [hit.quote.id for hit in ours.hits[:20]] == [hit.quote.id for hit in theirs.hits[:20]], query
    assert stored.people.matching(["mik"]) == built.people.matching(["mik"])


TEXT_QUERIES = ["money", "the", "sean baker", '"the film"', "@baker", "@mikey film", "it's", "!the", "zzzz", "palace"]


def test_the_stored_text_index_searches_as_a_built_one(written_inline, monkeypatch):
    """A long article's text scope is searched at once from the cache: at 100,000 quotes its 130,000
    paragraphs took the first search of the text 7 s of CPU to index, minutes at a million."""
    fresh, cached = cached_start()
    built = ParagraphIndex(fresh)
    monkeypatch.setattr(ParagraphIndex, "__init__", lambda *args: pytest.fail("built although stored"))
    monkeypatch.setattr(PeopleNames, "__init__", lambda *args: pytest.fail("built although stored"))
    indexes = SearchIndexes(cached)
    stored = indexes.get("text")
    assert "people" not in vars(stored) and "people" not in vars(indexes)  # not read for a plain search
    assert stored.search("film").count == built.search("film").count > 0
    assert indexes.people is stored.people  # one PeopleNames for every scope
    assert vars(stored).keys() - {"_people_of"} == vars(built).keys()
    assert vars(stored.text).keys() == vars(built.text).keys()
    for query in TEXT_QUERIES:
        ours, theirs = stored.search(query), built.search(query)
        assert (ours.count, ours.total, ours.bits) == (theirs.count, theirs.total, theirs.bits), query
        assert [(hit.section, hit.paragraph, hit.spans) for hit in ours.hits[:20]] == [
            (hit.section, hit.paragraph, hit.spans) for hit in theirs.hits[:20]
        ], query


def test_reading_time_from_the_stored_counts(written_inline):
    fresh, cached = cached_start()
    assert cached.stored("paragraph_words") == paragraph_words(fresh)
    ours, theirs = ReadingTime(cached), ReadingTime(fresh)
    assert ours.total_words == theirs.total_words > 0
    for section in fresh.sections:
        for number in range(len(section.paragraphs) + 1):
            assert ours.words_left(section.id, number) == theirs.words_left(section.id, number)


def test_word_counts_are_the_regex_rule():
    """`str.split` counts what `\\S+` finds, white space of any kind included."""
    import re

    for text in ["a  b", " lead and trail ", "tab\tnew\nline", "nbsp\u00a0thin\u2009em\u2003", "", "\u3000x\x1cy"]:
        assert len(text.split()) == len(re.findall(r"\S+", text))


def test_a_small_dataset_stores_only_what_its_first_frame_reads(monkeypatch):
    """The People list's mention counts and the reading time's word counts (read from the cache, the
    first frame need not scan the article for names); not the indexes, made when first used."""
    monkeypatch.setattr(cache, "_in_detached_process", lambda work: work() or True)
    monkeypatch.setattr(cache, "_lowest_priority", lambda: None)  # this process is the test's
    fresh, cached = cached_start()
    assert cached.mentions_counted  # read from the cache, not scanned
    assert dict(cached._mentions) == dict(fresh._mentions)
    assert cached.stored("paragraph_words") == paragraph_words(fresh)
    assert set(cache_derived.FIRST_FRAME) == {"mentions", "paragraph_words"}
    for name in set(cache_derived.NAMES) - set(cache_derived.FIRST_FRAME):
        assert cached.stored(name) is None, name


def test_a_cache_written_in_the_foreground_stores_nothing_more(monkeypatch):
    monkeypatch.setattr(cache_derived, "worth_storing", lambda dataset: True)
    load_cached(default_data_dir())  # no write-behind: `check` and `quotes` never wait for them
    cached = load_cached(default_data_dir())
    assert "_parts" in cached.__dict__
    assert all(cached.stored(name) is None for name in cache_derived.NAMES)


@pytest.mark.parametrize("name", cache_derived.NAMES)
def test_a_damaged_derived_block_is_computed_instead(written_inline, name):
    fresh, _ = cached_start()
    [path] = cache_dir().glob("*.json")
    _key, header, header_end = cache_file.read_header(path)
    offset, length, _crc = header["blocks"][name]
    data = bytearray(path.read_bytes())
    data[header_end + offset + length // 2] ^= 0x01  # one bit: the CRC-32 tells
    path.write_bytes(bytes(data))
    notices: list[str] = []
    cached = load_cached(default_data_dir(), notices.append)
    assert cached.stored(name) is None
    assert cached == fresh and notices == []  # the dataset itself is sound
    assert dict(cached._mentions) == dict(fresh._mentions)
    assert SearchIndexes(cached).quotes.search("film").count == QuoteIndex(fresh).search("film").count
    assert SearchIndexes(cached).get("text").search("film").count == ParagraphIndex(fresh).search("film").count
    assert ReadingTime(cached).total_words == ReadingTime(fresh).total_words


def test_stored_mentions_are_mentions(written_inline):
    fresh, cached = cached_start()
    person_id = next(iter(fresh._mentions))
    assert all(type(m) is Mention for m in cached.mentions_of(person_id))
    assert cached.mentions_of(person_id) == fresh.mentions_of(person_id)


def test_the_derived_values_are_computed_at_the_lowest_priority(written_inline, monkeypatch):
    """Only the detached writer computes them, and it steps aside for the reader first."""
    order: list[str] = []
    monkeypatch.setattr(cache, "_lowest_priority", lambda: order.append("lowered"))
    derived_plain = cache_derived.derived_plain
    monkeypatch.setattr(cache_derived, "derived_plain", lambda *args: order.append("computed") or derived_plain(*args))
    cached_start()
    assert order == ["lowered", "computed"]


def test_the_detached_writer_steps_aside_before_it_encodes_anything(written_inline, monkeypatch):
    """Encoding the dataset's blocks takes a second at 100,000 quotes, while the reader draws its
    first frame: it is done at the lowest priority too."""
    order: list[str] = []
    monkeypatch.setattr(cache, "_lowest_priority", lambda: order.append("lowered"))
    to_plain = cache.dataset_to_plain
    monkeypatch.setattr(cache, "dataset_to_plain", lambda dataset: order.append("encoded") or to_plain(dataset))
    cached_start()
    assert order == ["lowered", "encoded"]


def test_the_stored_names_are_read_in_chunks_that_share_their_words(example_dataset):
    """One `marshal.loads` of every name held the interpreter's lock for seconds at a million quotes:
    the big parts are chunks, each read alone, and a word is still one string wherever it is."""
    from anora_tui.core.search.stored import people_names_from_plain, people_names_to_plain

    plain = people_names_to_plain(PeopleNames(example_dataset))
    for part in ("names", "names_folded", "owners", "first_word_owners", "article_words"):
        chunks = plain[part]["chunks"]
        assert chunks and all(type(chunk) is bytes for chunk in chunks), part
    decoded = cache_derived.decode(cache_derived.encode(plain))
    names = people_names_from_plain(example_dataset, decoded)
    built = PeopleNames(example_dataset)
    assert names.index.parts() == built.index.parts()
    folded_words = {word for name in names.index.parts().folded for part in name for word in part.split()}
    shared = [word for word in names.index.parts().owners if word in folded_words]
    assert shared and all(word is sys.intern(word) for word in shared)
