"""The palette's bounded name search (core/search/name_keys.py, place_names.py): it must find exactly
what an exhaustive scan of every entry finds, in the same order, however few entries it reads."""

from __future__ import annotations

from bisect import bisect_left
from unittest import mock

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from anora_tui.core.model import Article, Character, Dataset, Person, Section
from anora_tui.core.navigation import Location
from anora_tui.core.search import EXACT, PREFIXES, START, WORDS, NameIndex, SearchIndexes
from anora_tui.core.search import name_keys
from anora_tui.core.search.name_keys import LONGEST, BandedNames, NameKeys, folded_names
from anora_tui.core.search.names import name_fit
from anora_tui.core.search.place_names import PlaceNames, place_label
from anora_tui.core.search.query import WORD
from anora_tui.core.search.folding import fold_text


def banded(bands: list[list[tuple[str, ...]]]) -> BandedNames:
    return BandedNames([NameKeys(band, band.__getitem__) for band in bands])


def exhaustive(bands: list[list[tuple[str, ...]]], text: str, limit: int) -> list[tuple[int, str, int]]:
    """Every entry looked at: those whose names have a word starting with each word typed, the best
    `limit` by (band, whole words, a name starting so, length of the own name, entry), then ranked
    by (band, fit, length, entry). As (entry, name, fit)."""
    words = WORD.findall(fold_text(text))
    if not words or limit <= 0:
        return []
    found = []
    offset = 0
    for number, band in enumerate(bands):
        for entry, names in enumerate(band):
            folded = folded_names(names)
            held = [word for name in folded for word in name.split()]
            if not all(any(h.startswith(word) for h in held) for word in words):
                continue
            whole = all(word in held for word in words)
            starting = any(name.startswith(words[0]) for name in folded)
            length = min(len(folded[0]), LONGEST) if folded else 0
            fit, which = name_fit(folded, words)
            shown = [name for name in dict.fromkeys(names) if name]
            found.append(((number, not whole, not starting, length, entry),
                          (number, fit, length, entry), (offset + entry, shown[which], fit)))
        offset += len(band)
    best = sorted(found)[:limit]
    return [match for _, _, match in sorted(best, key=lambda item: item[1])]


def as_tuples(matches) -> list[tuple[int, str, int]]:
    return [(m.entry, m.name, m.fit) for m in matches]


# Names from few syllables, so that words share their starts, repeat, and tie on length.
SYLLABLES = ["ka", "ki", "ko", "ma", "mi", "sa", "se", "to"]
word_strategy = st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=3).map("".join)
name_strategy = st.lists(word_strategy, min_size=1, max_size=3).map(" ".join) | st.sampled_from(["", "Ka-Mi", "KÁ mi", "—", "ka\x01mi"])
entry_strategy = st.lists(name_strategy, min_size=1, max_size=3).map(tuple)
bands_strategy = st.lists(st.lists(entry_strategy, max_size=25), min_size=1, max_size=3)
query_strategy = st.lists(
    st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=2).map("".join).map(lambda w: w[: max(1, len(w) - 1)])
    | word_strategy,
    min_size=1, max_size=3,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(bands=bands_strategy, text=query_strategy, limit=st.integers(min_value=0, max_value=8))
def test_the_bounded_search_returns_the_first_of_an_exhaustive_scan(bands, text, limit):
    assert as_tuples(banded(bands).find(text, limit)) == exhaustive(bands, text, limit)


@settings(max_examples=300, deadline=None)
@given(bands=bands_strategy, text=query_strategy, limit=st.integers(min_value=0, max_value=8))
def test_the_heads_kept_for_short_prefixes_find_what_the_whole_merge_finds(bands, text, limit):
    # Heads of two ranks for every prefix: most queries read past them into the merge behind.
    with mock.patch.multiple(name_keys, HEAD_LENGTH=2, HEAD_MIN_WORDS=0):
        index = banded(bands)
    assert as_tuples(index.find(text, limit)) == exhaustive(bands, text, limit)


def test_short_prefixes_have_their_heads_kept_and_read():
    names = [(f"ka{n:03d} mi{n:03d}",) for n in range(400)]
    keys = NameKeys(names, names.__getitem__)
    heads = keys._words._heads
    assert set(heads) >= {"k", "ka", "m", "mi"}
    assert list(heads["k"]) == list(range(name_keys.HEAD_LENGTH))
    ranks = keys._words.merged("ka")  # past its head, on into the merge, each rank once
    assert list(ranks) == list(range(400))
    assert [m.name for m in keys.best(["ka"], 3)] == ["ka000 mi000", "ka001 mi001", "ka002 mi002"]


NAMES = [  # as tests/test_search_text.py gives NameIndex: (names, priority)
    (("Sean Baker", "Baker", "Sean"), 0),
    (("Baker films lavish weddings",), 2),
    (("Berlin Film Festival",), 2),
    (("Timothée Chalamet",), 0),
    (("Mikey Madison", "Madison", "Mikey"), 0),
    (("Casting Mikey Madison",), 1),
    (("Yuri Borisov", "Yura Borisov", "Yura"), 0),
]


def test_it_ranks_as_the_name_index_does():
    index = NameIndex([names for names, _ in NAMES], priority=[priority for _, priority in NAMES])
    bands = [[names for names, priority in NAMES if priority == band] for band in range(3)]
    order = [i for band in range(3) for i, (_, priority) in enumerate(NAMES) if priority == band]
    keys = banded(bands)
    for query in ("baker", "madison", "madi", "mik mad", "yura", "yura bor", "berlin", "theme", "timothee", "s", "b"):
        expected = [(m.entry, m.name, m.fit) for m in index.find(query, 10)]
        assert [(order[m.entry], m.name, m.fit) for m in keys.find(query, 10)] == expected, query
    [match] = keys.find("yura", 5)
    assert (match.name, match.fit) == ("Yura", EXACT)
    assert {m.fit for m in keys.find("madi", 5)} == {START, PREFIXES}
    assert [m.fit for m in keys.find("madison", 5)] == [EXACT, WORDS]


def test_a_large_band_stops_at_the_limit_and_finds_the_rare():
    names = [(f"Name{n} Person",) for n in range(20_000)] + [("Rare Person",)]
    keys = banded([names])
    assert len(keys.find("n", 20)) == 20
    assert [m.entry for m in keys.find("n", 3)] == [0, 1, 2]  # the shortest names, then in order
    assert keys.find("person", 0) == []
    assert keys.find("name19999", 3)[0].entry == 19_999
    assert [m.entry for m in keys.find("rare", 3)] == [20_000]
    assert [m.entry for m in keys.find("pers rar", 3)] == [20_000]


def test_the_shipped_places(shipped_dataset):
    places = SearchIndexes(shipped_dataset).places
    dataset = shipped_dataset
    assert len(places) == (len(dataset.people) + len(dataset.characters) + len(dataset.sections)
                           + len(dataset.scenes) + len(dataset.events))
    first = places.find("mik mad", 5)[0]
    assert place_label(places, first.entry) == "Person: Mikey Madison"
    assert places.place(first.entry).location == Location("person", "mikey-madison")
    ani = dataset.characters_by_id["ani"]
    found = [places.place(m.entry) for m in places.find(ani.name, 10)]
    character = next(place for place in found if place.kind == "Character")
    assert character.location == Location("person", ani.played_by)
    assert character.detail == f"played by {dataset.people_by_id[ani.played_by].name}"
    kinds = [places.place(entry).kind for entry in range(len(places))]
    assert kinds == sorted(kinds, key=["Person", "Character", "Section", "Scene", "Event"].index)
    yura = places.find("yura", 3)[0]
    assert (places.place(yura.entry).name, yura.name, yura.fit) == ("Yuri Borisov", "Yura", EXACT)


def many_people(count: int) -> Dataset:
    """A dataset with `count` people (names from syllables) and a character each tenth."""
    syllables = [c + v for c in "bdklmnrstvz" for v in "aeio"]

    def name(n: int) -> str:
        return (syllables[n % 44] + syllables[n // 44 % 44] + syllables[n // 1936 % 44]).capitalize()

    people = [Person(f"p{n}", f"{name(n)} {name(n * 7 + 3)}", "crew", ("crew",), "Someone.") for n in range(count)]
    characters = [Character(f"c{n}", name(n * 13 + 5), f"p{n}", "A character.") for n in range(0, count, 10)]
    section = Section("s0", "Only section", ("Some text.",), 0)
    return Dataset.build(Article("Many", "Test", "2024-01-01", (section,)), people, characters, (), (), (), ())


def test_places_at_scale_match_an_exhaustive_scan():
    dataset = many_people(8_000)
    places = PlaceNames(dataset)
    bands = [[(p.name, *p.aliases, *p.known_as) for p in dataset.people] + [(c.name, *c.aliases) for c in dataset.characters],
             [(s.title,) for s in dataset.sections], []]
    for query in ("b", "ba", "bab", "ka k", "o", "only", "zz", dataset.people[4321].name.lower()):
        assert as_tuples(places.find(query, 15)) == exhaustive(bands, query, 15), query


def test_packed_words_read_as_the_sorted_list_they_were_made_from():
    words = sorted({"a", "ab", "abc", "b", "é", "日本", "zz"})
    packed = name_keys.PackedWords(words)
    assert len(packed) == len(words) and list(packed) == words
    for probe in ["", "a", "aa", "abd", "c", "é", "日", "zzz"]:
        assert bisect_left(packed, probe) == bisect_left(words, probe), probe
    with pytest.raises(IndexError):
        packed[len(words)]
