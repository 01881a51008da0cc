"""A cached dataset's quotes and people are made one at a time, as they are read, and are the same
records (and the same values) a built dataset has."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from anora_tui.core.loading.cache import load_cached
from anora_tui.core.loading.cache_blocks import columns_of
from anora_tui.core.loading.lazy_records import LazyGroups, RecordSource, TextColumn, encode_texts
from anora_tui.core.model import PERSON_KINDS, Dataset, Person, Quote

ENCODE = json.JSONEncoder(check_circular=False, separators=(",", ":")).encode


pytestmark = pytest.mark.usefixtures("cache_home")  # each test its own cache directory


@pytest.fixture
def cached(example_data_dir: Path) -> Dataset:
    load_cached(example_data_dir)  # writes the cache
    return load_cached(example_data_dir)


def made_fields(dataset: Dataset) -> set[str]:
    return {f.name for f in fields(Dataset)} & set(vars(dataset))


def test_a_paragraphs_quotes_are_made_without_the_others(cached, example_dataset):
    quote = example_dataset.quotes[len(example_dataset.quotes) // 2]
    shown = cached.quotes_in(quote.section, quote.paragraph)
    assert shown == example_dataset.quotes_in(quote.section, quote.paragraph)
    assert cached.quotes_by_id[quote.id] == quote
    assert cached.record_at("quotes", quote.order) == quote
    assert cached.count_of("quotes") == len(example_dataset.quotes)
    assert "quotes" not in made_fields(cached)
    # Made later, the collection holds the very records the lookups gave.
    assert cached.quotes[quote.order] is cached.quotes_by_id[quote.id]
    assert all(a is b for a, b in zip(shown, cached.quotes_in(quote.section, quote.paragraph)))
    assert cached.quotes == example_dataset.quotes


def test_the_people_list_makes_no_person_it_does_not_show(cached, example_dataset):
    for kind in PERSON_KINDS:
        of_kind = cached.people_of_kind(kind)
        assert len(of_kind) == len(example_dataset.people_of_kind(kind))
        if of_kind:
            assert of_kind[0] == example_dataset.people_of_kind(kind)[0]
            assert of_kind[-1:] == example_dataset.people_of_kind(kind)[-1:]
    assert "people" not in made_fields(cached)
    assert cached.values_of("people", "id") == [person.id for person in example_dataset.people]
    assert "people" not in made_fields(cached)
    for kind in PERSON_KINDS:
        assert tuple(cached.people_of_kind(kind)) == example_dataset.people_of_kind(kind)
        assert cached.people_of_kind(kind) == example_dataset.people_of_kind(kind)
    person = cached.people_of_kind("cast")[0]
    assert cached.people[cached.values_of("people", "id").index(person.id)] is person
    assert cached.mentions_of(person.id) == example_dataset.mentions_of(person.id)


def test_repeated_values_are_shared_by_the_records_that_hold_them(cached):
    seen: dict[str, str] = {}
    for quote in cached.quotes:
        for value in (quote.speaker, quote.section, quote.form):
            assert seen.setdefault(value, value) is value
    assert len(seen) < 3 * len(cached.quotes)  # the example repeats speakers, sections and forms


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
