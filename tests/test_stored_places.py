"""The palette's places as the load cache stores them (a large dataset's cache: 13 s of CPU to make at
a million quotes): read back, they find exactly what an exhaustive scan finds, as the places made
from the dataset do; anything else stored is refused, and the places are made instead."""

from __future__ import annotations

import marshal
from unittest import mock

import pytest
from hypothesis import given, settings
from test_cache_derived import cached_start, written_inline  # noqa: F401  (a fixture)
from test_name_keys import as_tuples, bands_strategy, exhaustive, query_strategy

from anora_tui.core.loading import cache_derived
from anora_tui.core.search import SearchIndexes, name_keys
from anora_tui.core.search.name_keys import BandedNames, NameKeys
from anora_tui.core.search.place_names import PlaceNames

QUERIES = ["mara", "m", "q", "ines hal", "salt", "the", "zzz", "ma qu", "r"]


def round_trip(value):
    return marshal.loads(marshal.dumps(value))


def stored_bands(bands: list[list[tuple[str, ...]]]) -> BandedNames:
    made = [NameKeys(band, band.__getitem__) for band in bands]
    return BandedNames([
        NameKeys.from_plain(round_trip(keys.to_plain()), band.__getitem__, len(band)) for keys, band in zip(made, bands)
    ])


@settings(max_examples=200, deadline=None)
@given(bands=bands_strategy, text=query_strategy)
def test_stored_keys_find_what_an_exhaustive_scan_finds(bands, text):
    with mock.patch.multiple(name_keys, HEAD_LENGTH=2, HEAD_MIN_WORDS=0):  # heads, and merges past them
        index = stored_bands(bands)
    for limit in (1, 3, 8):
        assert as_tuples(index.find(text, limit)) == exhaustive(bands, text, limit)


def test_stored_places_are_the_places_made(example_dataset, cached_example):
    made = PlaceNames(example_dataset)
    plain = cache_derived.decode(cache_derived.encode(made.to_plain()))
    stored = PlaceNames.from_plain(cached_example, plain)
    assert len(stored) == len(made)
    assert [stored.place(entry) for entry in range(len(stored))] == [made.place(entry) for entry in range(len(made))]
    for query in QUERIES:
        assert stored.find(query, 15) == made.find(query, 15), query


def damaged(plain: dict) -> list:
    band = plain["bands"][0]
    words = band["words"]
    return [
        None, {**plain, "format": 0}, {**plain, "bands": plain["bands"][:2]},
        {**plain, "bands": [{**band, "entry_of": band["entry_of"][:-4]}, *plain["bands"][1:]]},
        {**plain, "bands": [{**band, "entry_of": b"\xff" * len(band["entry_of"])}, *plain["bands"][1:]]},
        {**plain, "bands": [{**band, "length_of": b"x"}, *plain["bands"][1:]]},
        {**plain, "bands": [{**band, "words": {**words, "ranks": words["ranks"][:-4]}}, *plain["bands"][1:]]},
        {**plain, "bands": [{**band, "words": {**words, "text": words["text"] + "x"}}, *plain["bands"][1:]]},
        {**plain, "bands": [{**band, "words": {**words, "heads": {1: b""}}}, *plain["bands"][1:]]},
        {**plain, "bands": [{**band, "firsts": "no"}, *plain["bands"][1:]]},
    ]


def test_anything_else_stored_is_refused(example_dataset):
    plain = PlaceNames(example_dataset).to_plain()
    for number, bad in enumerate(damaged(plain)):
        with pytest.raises((ValueError, TypeError, KeyError)):
            PlaceNames.from_plain(example_dataset, bad)
            print(number)


def test_the_indexes_read_the_stored_places_or_make_them(example_dataset):
    made = PlaceNames(example_dataset)
    indexes = SearchIndexes(example_dataset)
    with mock.patch.object(type(example_dataset), "stored", lambda self, name, pause=None: made.to_plain() if name == "places" else None):
        stored = indexes.places
        assert stored is not made and stored.find("mara", 5) == made.find("mara", 5)
    bad = SearchIndexes(example_dataset)
    with mock.patch.object(type(example_dataset), "stored", lambda self, name, pause=None: {"format": 0} if name == "places" else None):
        assert bad.places.find("mara", 5) == made.find("mara", 5)  # made instead


def test_a_large_datasets_cache_stores_the_places(example_dataset):
    plain = cache_derived.derived_plain(example_dataset)
    assert "places" in plain
    stored = PlaceNames.from_plain(example_dataset, cache_derived.decode(cache_derived.encode(plain["places"])))
    assert stored.find("m", 15) == PlaceNames(example_dataset).find("m", 15)


def test_stored_arrays_are_checked_slice_by_slice(monkeypatch):
    from array import array

    monkeypatch.setattr(name_keys, "_CHECKED_AT_ONCE", 3)
    assert name_keys._within(array("i", [0, 4, 2, 1, 3, 4, 0]), 5)
    assert not name_keys._within(array("i", [0, 4, 2, 1, 3, 5, 0]), 5)
    assert not name_keys._within(array("i", [0, 4, 2, -1]), 5)
    assert name_keys._within(array("i"), 0)
    assert name_keys._ascending(array("q", [0, 1, 1, 3, 4, 4, 9]))
    assert not name_keys._ascending(array("q", [0, 1, 2, 1, 4]))  # the drop at a slice's edge
    assert not name_keys._ascending(array("q", [0, 1, 2, 3, 4, 5, 6, 5]))


@pytest.mark.usefixtures("cache_home")
def test_a_start_from_a_large_datasets_cache_reads_its_places(written_inline, monkeypatch):  # noqa: F811
    """Through the cache file: the detached writer stores the places, a start from the cache reads
    them instead of making them, and they find what the places made from the YAML find."""
    fresh, cached = cached_start()
    made = PlaceNames(fresh)
    monkeypatch.setattr(PlaceNames, "__init__", lambda self, dataset: pytest.fail("made, not read"))
    places = SearchIndexes(cached).places
    assert len(places) == len(made)
    for query in ["mik", "mikey mad", "yura", "baker", "s", "an", "brighton", "the", "zzz"]:
        assert places.find(query, 15) == made.find(query, 15), query
        assert [places.place(m.entry) for m in places.find(query, 15)] == [made.place(m.entry) for m in made.find(query, 15)]
