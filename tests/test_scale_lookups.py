"""What a keystroke reads of a large dataset: only what it needs (a person's page, whether a place
exists, the people's names), and the same as reading everything would give."""

from __future__ import annotations

from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from anora_tui.core.mentions import sections_left_showing
from anora_tui.core.navigation import Location
from anora_tui.core.places import place_exists
from anora_tui.core.search.names import PeopleNames
from anora_tui.core.search.chunked_list import CHUNK, CHUNK_BYTES, ChunkedList
from anora_tui.ui.panes.person_detail import (
    NAMED,
    NAMED_CHAR,
    NOTE_CHAR,
    SECTION_CHARS,
    SECTION_STYLES,
    VIA_NOTE,
    mentions_map,
)
from anora_tui.ui.widgets.film_strip import Mark, cell_range, proportional_strip


def strip_of_every_section(lengths: list[int], width: int) -> str:
    total, marks, start = sum(lengths), [], 0
    for index, length in enumerate(lengths):
        marks.append(Mark(start, length, f".s{index % 2}", "█▓"[index % 2]))
        start += length
    return proportional_strip(width, total, marks)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=300), st.integers(0, 90))
def test_drawing_only_the_sections_left_showing_draws_the_same_strip(lengths, width):
    """Brute force: every section drawn in order, later ones over earlier ones, against only those
    `sections_left_showing` picks (sections with no paragraphs included: then it picks them all)."""
    starts = [0]
    for length in lengths:
        starts.append(starts[-1] + length)
    total = starts[-1]
    showing = sections_left_showing(starts, width, lambda start, length: cell_range(start, length, total, width))
    assert list(showing) == sorted(set(showing))
    if all(lengths):
        assert len(showing) <= max(width, 1)
    marks = [Mark(starts[i], starts[i + 1] - starts[i], f".s{i % 2}", "█▓"[i % 2]) for i in showing]
    assert proportional_strip(width, total, marks) == strip_of_every_section(lengths, width)


def test_a_persons_mentions_map_draws_few_sections_of_a_long_article():
    """A thousand sections on 30 cells: at most 30 of them are drawn, and the strip is the one every
    section drawn gives."""
    lengths = [1 + index % 7 for index in range(1000)]
    starts = [0]
    for length in lengths:
        starts.append(starts[-1] + length)
    cells = lambda start, length: cell_range(start, length, starts[-1], 30)  # noqa: E731
    assert len(sections_left_showing(starts, 30, cells)) <= 30


def test_the_mentions_map_is_the_one_drawn_from_every_section(shipped_dataset):
    """The page's strip against the strip every section (then every mention) drawn in order gives,
    as the page drew it before."""
    dataset = shipped_dataset
    starts = dataset.paragraph_starts
    assert list(starts) == [0, *accumulate(len(section.paragraphs) for section in dataset.sections)]
    offsets = dict(zip((section.id for section in dataset.sections), starts))
    for person in dataset.people:
        mentions = dataset.mentions_of(person.id)
        for width in (1, 7, 40, 113):
            marks = [Mark(offsets[section.id], len(section.paragraphs), SECTION_STYLES[section.index % 2],
                          SECTION_CHARS[section.index % 2]) for section in dataset.sections]
            marks += [Mark(offsets[m.section] + m.paragraph - 1, 1, *((NAMED, NAMED_CHAR) if m.spans else (VIA_NOTE, NOTE_CHAR)))
                      for m in mentions]
            every = proportional_strip(width, starts[-1], marks)
            shown = mentions_map(dataset, person.id, width)
            assert shown.plain.split("\n")[0] == every.plain
            assert [span for span in shown.spans if span.end <= width] == list(every.spans)


def test_whether_a_person_exists_reads_no_lookup_of_the_quotes(cached_example):
    """Asking for a person (the history checks every place it goes to) made the quotes' lookup by
    id too: a million ids, 0.4 s of every person opened at a million quotes."""
    person = cached_example.values_of("people", "id")[0]
    assert place_exists(cached_example, Location("person", person))
    assert not place_exists(cached_example, Location("person", "no-such-person"))
    assert "quotes_by_id" not in cached_example.__dict__
    quote = cached_example.values_of("quotes", "id")[0]
    assert place_exists(cached_example, Location("quote", quote))
    assert not place_exists(cached_example, Location("scene", "no-such-scene"))


def test_the_people_names_make_no_person(cached_example, example_dataset):
    """Their ids and names are read as columns: a cached dataset makes no record of a person for them
    (52,000 records at 100,000 quotes)."""
    built = PeopleNames(example_dataset)
    names = PeopleNames.from_parts(cached_example, built.index, built.all_article_words)
    assert "people" not in cached_example.__dict__
    assert names.ids == built.ids
    for person in example_dataset.people:
        assert names.name_of(person.id) == built.name_of(person.id) == person.name


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=5), st.text(max_size=40)), min_size=1, max_size=3 * 40))
def test_a_chunked_list_reads_back_the_list_it_was_stored_from(items):
    import anora_tui.core.search.chunked_list as chunked_list

    originals = chunked_list.CHUNK, chunked_list.CHUNK_BYTES
    chunked_list.CHUNK, chunked_list.CHUNK_BYTES = 40, 200  # several chunks, cut by count or by size
    try:
        stored = chunked_list.chunked(items)
        listed = ChunkedList(stored)
        assert len(listed) == len(items)
        assert list(listed) == items and listed == items
        assert [listed[i] for i in range(len(items))] == items
        assert [listed[-i] for i in range(1, len(items) + 1)] == [items[-i] for i in range(1, len(items) + 1)]
        for start in range(0, len(items), 7):
            assert listed[start : start + 11] == items[start : start + 11]
        assert list(listed) == items  # read again after some chunks are decoded
        for chunk, start, end in zip(stored["chunks"], [0, *stored["ends"]], stored["ends"]):
            # each chunk within the budget, but for an item larger alone
            assert 0 < end - start <= 40 and (len(chunk) <= 200 + 64 or end - start == 1)
    finally:
        chunked_list.CHUNK, chunked_list.CHUNK_BYTES = originals
    assert (CHUNK, CHUNK_BYTES) == originals


def test_a_chunked_list_refuses_what_it_was_not_stored_as():
    import marshal

    import pytest

    two = {"ends": [1, 2], "chunks": [marshal.dumps([("a",)]), marshal.dumps([("b",)])]}
    assert list(ChunkedList(two)) == [("a",), ("b",)] and len(ChunkedList({"ends": [], "chunks": []})) == 0
    for stored in (
        [marshal.dumps([("a",)])],  # chunks without their ends
        "x",
        {"ends": [1], "chunks": "x"},
        {"ends": [1, 2], "chunks": two["chunks"][:1]},
        {"ends": [2, 2], "chunks": two["chunks"]},  # an empty chunk
        {"ends": [1, "2"], "chunks": two["chunks"]},
        {**two, "more": 1},
    ):
        with pytest.raises(ValueError):
            ChunkedList(stored)
    for chunks in ([b"not marshal"], [marshal.dumps(("a",))], [marshal.dumps([("a",), ("b",)])]):
        listed = ChunkedList({"ends": [1], "chunks": chunks})
        with pytest.raises((ValueError, EOFError, TypeError)):  # found when that chunk is first read
            listed[0]


def test_work_made_ahead_lets_the_readers_thread_run(monkeypatch):
    """A loop on a background thread gives up the interpreter's lock every few hundred items (else
    the reader's thread waits up to 5 ms each time it wants it back), and yields every item, in order."""
    import anora_tui.core.background as background

    calls = []
    monkeypatch.setattr(background.time, "sleep", calls.append)
    assert list(background.letting_go(range(1000), every=100)) == list(range(1000))
    assert calls == [0] * 10


def test_making_the_palettes_places_lets_the_readers_thread_run(monkeypatch, example_dataset):
    import anora_tui.core.background as background
    from anora_tui.core.search.place_names import PlaceNames

    calls = []
    monkeypatch.setattr(background.time, "sleep", calls.append)
    monkeypatch.setattr(background, "LET_GO_EVERY", 4)
    monkeypatch.setattr(background.letting_go, "__defaults__", (4,))
    places = PlaceNames(example_dataset)
    assert calls and set(calls) == {0}
    assert [places.place(match.entry).name for match in places.find("mara", 3)][:1] == ["Mara Quill"]


def test_the_names_read_ahead_group_a_stored_indexs_quotes_by_speaker(example_dataset):
    """A stored quote index groups its quotes by speaker when first needed: that was the first `@`
    typed (4 s at a million quotes). The reader's work ahead does it after reading the people's names
    (`group_speakers`), and `@name` finds what a built index finds. Reading the names does not: the
    People filter's first letter, which reads them, waited 0.4 s for it at a million quotes."""
    from anora_tui.core.loading import cache_derived
    from anora_tui.core.search import SearchIndexes
    from anora_tui.core.search.quotes import QuoteIndex
    from anora_tui.core.search.stored import folded_to_plain, index_to_plain, quote_index_from_plain

    built = QuoteIndex(example_dataset)
    indexes = SearchIndexes(example_dataset)
    plain = cache_derived.decode(cache_derived.encode(index_to_plain(built)))
    stored = quote_index_from_plain(example_dataset, plain, lambda: indexes.people, lambda: folded_to_plain(built))
    indexes._stored_quote_index = lambda: stored  # as if the load cache held it
    assert indexes.quotes is stored
    assert "_positions_by_speaker" not in stored.__dict__
    indexes.people
    assert "_positions_by_speaker" not in stored.__dict__
    indexes.group_speakers("quotes")
    assert "_positions_by_speaker" in stored.__dict__
    for query in ("@mara", "@q", "@ines the", "@nobody"):
        assert stored.search(query).bits == built.search(query).bits, query


def test_the_people_lists_ids_are_read_without_making_every_person(cached_example, example_dataset):
    """Escape from a person finds them in the People list by id: a cached dataset's people are read
    as a column for it, not made (520,000 records, 3 s at a million quotes)."""
    from anora_tui.ui.widgets.link_list import RecordRows

    for kind in {person.kind for person in example_dataset.people}:
        records = cached_example.people_of_kind(kind)
        assert records.values_of("id") == [person.id for person in example_dataset.people_of_kind(kind)]
        assert records.values_of("name") == [person.name for person in example_dataset.people_of_kind(kind)]
    assert "people" not in cached_example.__dict__
    kinds = sorted({person.kind for person in example_dataset.people})
    rows = RecordRows([(kind, cached_example.people_of_kind(kind)) for kind in kinds], "person", lambda record: "")
    built = RecordRows([(kind, example_dataset.people_of_kind(kind)) for kind in kinds], "person", lambda record: "")
    for person in example_dataset.people:
        location = Location("person", person.id)
        assert rows.index_of(location) == built.index_of(location) is not None
    assert rows.index_of(Location("person", "nobody")) is None
    assert "people" not in cached_example.__dict__


def test_a_person_is_found_among_their_kind_by_id_alone(cached_example, example_dataset):
    """A cached dataset's people of a kind know where a person stands through the lookup by id:
    none of them is made or read for it."""
    kinds = sorted({person.kind for person in example_dataset.people})
    cached_example.people_by_id  # the lookup the reader makes ahead
    for kind in kinds:
        built = example_dataset.people_of_kind(kind)
        records = cached_example.people_of_kind(kind)
        for offset, person in enumerate(built):
            assert records.offset_of(person.id) == offset
        others = [person.id for person in example_dataset.people if person.kind != kind]
        assert all(records.offset_of(person_id) is None for person_id in [*others, "nobody"])
    assert "people" not in cached_example.__dict__
