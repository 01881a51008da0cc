"""The work made ahead (the people's names and the palette's places, read from a large dataset's
cache on a background thread) stops for a key typed meanwhile only at its pause points, so none of
the stretches between them may grow with the data: at 100,000 quotes one `dict()` of every name's
owners, a sort of every word as a build leaves them, a `dict()` of every person's name and chunks
of 4,096 names each held a key typed as the work went on after a quiet second (up to 38 ms of CPU).
Counted here, never timed: the pause points come a chunk or a slice at a time."""

from __future__ import annotations

import math

import pytest

from anora_tui.core.loading import cache_derived
from anora_tui.core.loading.loader import load_dataset
from anora_tui.core.search import SearchIndexes, names as names_module, stored
from anora_tui.core.search.names import PeopleNames
from anora_tui.core.search.stored import people_names_from_plain, people_names_to_plain

PARTS = ("names", "names_folded", "owners", "first_word_owners", "article_words")


def stored_names(dataset) -> dict:
    return cache_derived.decode(cache_derived.encode(people_names_to_plain(PeopleNames(dataset))))


def count_pauses(monkeypatch) -> list[str]:
    pauses: list[str] = []
    for module in (stored, names_module):
        monkeypatch.setattr(module, "give_way", lambda module=module: pauses.append(module.__name__))
    return pauses


def test_the_stored_names_are_read_a_chunk_and_a_slice_at_a_time(monkeypatch, example_dataset):
    monkeypatch.setattr(stored, "CHUNK", 2)
    monkeypatch.setattr(names_module, "NAMES_AT_ONCE", 2)
    plain = stored_names(example_dataset)
    pauses = count_pauses(monkeypatch)
    names = people_names_from_plain(example_dataset, plain)
    people = example_dataset.count_of("people")
    # A pause after each chunk of each part (the owners and first words made into their dicts a
    # chunk at a time, not in one `dict()` after the last), and after each slice of the people's names.
    chunks = sum(len(plain[part]) for part in PARTS)
    assert len(pauses) >= chunks + math.ceil(people / 2)
    assert pauses.count(names_module.__name__) >= math.ceil(people / 2)
    built = PeopleNames(example_dataset)
    assert names.index.parts() == built.index.parts()
    assert [names.name_of(person_id) for person_id in built.ids] == [built.name_of(i) for i in built.ids]


def test_the_stored_words_come_in_order(example_dataset):
    """The index sorts its words when it reads them: stored in order, that sort is one pass over them
    (ten times quicker than sorting them as a build leaves them: 8 ms of 45,000 words at 100k quotes)."""
    plain = stored_names(example_dataset)
    for part in ("owners", "first_word_owners"):
        words = [word for word, _ in stored._from_chunks(plain[part])]
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
