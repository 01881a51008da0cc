"""The palette's places over a dataset read from the load cache: found by the people's names without
making a record of each person, and the same as over the dataset built from the YAML."""

from __future__ import annotations

import pytest
from dataset_lookups import made_fields

from anora_tui.core.search.place_names import PlaceCatalogue, PlaceNames

pytestmark = pytest.mark.usefixtures("cache_home")  # each test its own cache directory

QUERIES = ["mik", "mikey mad", "yura", "baker", "s", "an", "ivan", "brighton", "the", "zzz"]


def test_places_from_the_cache_make_no_person_they_do_not_show(cached_example, example_dataset):
    places = PlaceNames(cached_example)
    assert "people" not in made_fields(cached_example)
    built = PlaceNames(example_dataset)
    assert len(places) == len(built)
    for query in QUERIES:
        found = places.find(query, 15)
        assert found == built.find(query, 15), query
        assert [places.place(m.entry) for m in found] == [built.place(m.entry) for m in found], query
    assert "people" not in made_fields(cached_example)


def test_the_catalogue_lists_every_place_as_the_index_does(cached_example, example_dataset):
    catalogue, built = PlaceCatalogue(cached_example), PlaceNames(example_dataset)
    assert [catalogue.place(entry) for entry in range(len(catalogue))] == [
        built.place(entry) for entry in range(len(built))
    ]
    with pytest.raises(IndexError):
        catalogue.place(len(catalogue))
