"""A cached_example dataset's quotes and people are made one at a time, as they are read, and are the same
records (and the same values) a built dataset has."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest
from dataset_lookups import made_fields

from anora_tui.core.loading.cache_blocks import columns_of
from anora_tui.core.loading.lazy_records import LazyGroups, RecordSource, TextColumn, encode_texts
from anora_tui.core.model import PERSON_KINDS, Person, Quote

ENCODE = json.JSONEncoder(check_circular=False, separators=(",", ":")).encode


pytestmark = pytest.mark.usefixtures("cache_home")  # each test its own cache directory


def test_a_paragraphs_quotes_are_made_without_the_others(cached_example, example_dataset):
    quote = example_dataset.quotes[len(example_dataset.quotes) // 2]
    shown = cached_example.quotes_in(quote.section, quote.paragraph)
    assert shown == example_dataset.quotes_in(quote.section, quote.paragraph)
    assert cached_example.quotes_by_id[quote.id] == quote
    assert cached_example.record_at("quotes", quote.order) == quote
    assert cached_example.count_of("quotes") == len(example_dataset.quotes)
    assert "quotes" not in made_fields(cached_example)
    # Made later, the collection holds the very records the lookups gave.
    assert cached_example.quotes[quote.order] is cached_example.quotes_by_id[quote.id]
    assert all(a is b for a, b in zip(shown, cached_example.quotes_in(quote.section, quote.paragraph)))
    assert cached_example.quotes == example_dataset.quotes


def test_the_people_list_makes_no_person_it_does_not_show(cached_example, example_dataset):
    for kind in PERSON_KINDS:
        of_kind = cached_example.people_of_kind(kind)
        assert len(of_kind) == len(example_dataset.people_of_kind(kind))
        if of_kind:
            assert of_kind[0] == example_dataset.people_of_kind(kind)[0]
            assert of_kind[-1:] == example_dataset.people_of_kind(kind)[-1:]
    assert "people" not in made_fields(cached_example)
    assert cached_example.values_of("people", "id") == [person.id for person in example_dataset.people]
    assert "people" not in made_fields(cached_example)
    for kind in PERSON_KINDS:
        assert tuple(cached_example.people_of_kind(kind)) == example_dataset.people_of_kind(kind)
        assert cached_example.people_of_kind(kind) == example_dataset.people_of_kind(kind)
    person = cached_example.people_of_kind("cast")[0]
    assert cached_example.people[cached_example.values_of("people", "id").index(person.id)] is person
    assert cached_example.mentions_of(person.id) == example_dataset.mentions_of(person.id)


@pytest.mark.parametrize("every", [1, 2, 3])
def test_the_people_a_filter_keeps_are_by_kind_in_order_and_made_only_when_read(cached_example, example_dataset, every):
    from anora_tui.core.search.bitsets import bits_from_positions
    from anora_tui.core.search.people_filter import people_bits_by_kind, people_by_kind_in

    kept = set(range(0, len(example_dataset.people), every))
    bits = bits_from_positions(kept, len(example_dataset.people))
    by_kind = people_by_kind_in(cached_example, bits, people_bits_by_kind(cached_example))
    assert "people" not in made_fields(cached_example)
    built = people_by_kind_in(example_dataset, bits, people_bits_by_kind(example_dataset))
    for kind in PERSON_KINDS:
        expected = tuple(p for p in example_dataset.people_of_kind(kind) if example_dataset.people.index(p) in kept)
        assert len(by_kind.get(kind, ())) == len(expected)
        assert tuple(by_kind.get(kind, ())) == expected
        assert tuple(built.get(kind, ())) == expected
    assert people_by_kind_in(cached_example, 0, people_bits_by_kind(cached_example)) == {}


def test_repeated_values_are_shared_by_the_records_that_hold_them(cached_example):
    seen: dict[str, str] = {}
    for quote in cached_example.quotes:
        for value in (quote.speaker, quote.section, quote.form):
            assert seen.setdefault(value, value) is value
    assert len(seen) < 3 * len(cached_example.quotes)  # the example repeats speakers, sections and forms


@pytest.mark.parametrize(
    "texts",
    [
        [],
        [""],
        ["plain", "“Typographic” — quotes’ text", "a \"quoted\" \\ back\nslash", "\ud800 lone surrogate", "😀"],
    ],
)
def test_text_column_gives_back_each_text(texts):
    array, lengths = encode_texts(texts, ENCODE)
    assert json.loads(array) == texts  # the block is JSON, as the rest of the file
    column = TextColumn(array, lengths)
    assert len(column) == len(texts)
    assert [column[i] for i in range(len(texts))] == texts
    assert list(column) == texts
    if texts:
        assert column[-1] == texts[-1]


@pytest.mark.parametrize(
    "array, lengths",
    [
        (b'["a","b"]', [3]),  # fewer lengths than texts
        (b'["a","b"]', [3, 4]),  # lengths that do not add up
        (b'"a","b"', [3, 3]),  # not an array
        (b'["a","b"]', [3, "3"]),
        (b'["a","b"]', [-1, 7]),
    ],
)
def test_text_column_refuses_what_encode_texts_did_not_write(array, lengths):
    with pytest.raises(ValueError):
        TextColumn(array, lengths)


def test_columns_store_repeated_values_once(example_dataset):
    columns = columns_of(example_dataset.quotes, Quote)
    speaker = [f.name for f in fields(Quote)].index("speaker")
    assert type(columns[speaker]) is dict
    assert len(columns[speaker]["values"]) == len({q.speaker for q in example_dataset.quotes})
    people = columns_of(example_dataset.people, Person)
    assert type(people[0]) is list  # ids: each its own


def small_source() -> RecordSource:
    return RecordSource([["a", "b", "c"]], lambda value: ("made", value), 3, ["id"])


@pytest.mark.parametrize(
    "keys, members, sizes",
    [
        (["x"], [3], [1]),  # a position outside the collection
        (["x"], [-1], [1]),
        (["x", "x"], None, [1, 2]),  # a key twice
        (["x"], None, [2]),  # sizes that do not cover the collection
        (["x", "y"], None, [3, 0]),  # an empty group
    ],
)
def test_a_lazy_lookup_refuses_what_grouping_of_did_not_write(keys, members, sizes):
    with pytest.raises(ValueError):
        LazyGroups(keys, members, sizes, small_source())


def test_a_lazy_lookup_makes_only_the_groups_read():
    source = small_source()
    groups = LazyGroups(["x", "y"], [2, 0, 1], [1, 2], source)
    assert list(groups) == ["x", "y"] and "y" in groups and "z" not in groups
    assert groups["x"] == (("made", "c"),)
    assert source._made == [None, None, ("made", "c")]
    assert groups.get("z") is None
    assert groups["y"] == (("made", "a"), ("made", "b"))
    assert source.all()[2] is groups["x"][0]
