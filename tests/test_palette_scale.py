"""The command palette and the search screen on datasets larger than the ones made at once (the
palette's places are then made ahead on a thread, or on a worker thread when the palette opens;
the quote index on a worker thread): they list the right things, and the reader types on meanwhile."""

from __future__ import annotations

import threading

import pytest
from textual.command import CommandList

from anora_tui.core.model import Article, Character, Dataset, Person, Quote, Section
from anora_tui.core.navigation import Location
from anora_tui.core.search import place_names
from anora_tui.core.search.indexes import SMALL
from ui_harness import NARROW, SIZES, WIDE, open_reader, screen_text, settle, wait_for

pytestmark = pytest.mark.usefixtures("place_saved_at_exit")

SYLLABLES = [c + v for c in "bdklmnrstvz" for v in "aeio"]


def syllable_name(n: int) -> str:
    return (SYLLABLES[n % 44] + SYLLABLES[n // 44 % 44] + SYLLABLES[n // 1936 % 44]).capitalize()


def large_dataset(people: int, quotes: int = 0) -> Dataset:
    """`people` people named from syllables (a character for each tenth), one section, and `quotes`
    quotes spread over them, each saying its number in words the article has."""
    crowd = [Person(f"p{n}", f"{syllable_name(n)} {syllable_name(n * 7 + 3)}", "crew", ("crew",), "Someone.")
             for n in range(people)]
    characters = [Character(f"c{n}", syllable_name(n * 13 + 5), f"p{n}", "A character.") for n in range(0, people, 10)]
    said = [f"Quote {n} about money and film number {n % 97}." for n in range(quotes)]
    section = Section("s0", "Only section", (" ".join(f"“{text}”" for text in said) or "Some text.",), 0)
    quoted = [Quote(f"q{n}", f"p{n % people}", text, "s0", 1) for n, text in enumerate(said)]
    return Dataset.build(Article("Many", "Test", "2024-01-01", (section,)), crowd, characters, (), (), quoted, ())


@pytest.fixture(scope="module")
def crowd() -> Dataset:
    dataset = large_dataset(8_000)
    assert len(dataset.people) + len(dataset.characters) > SMALL  # not made at once
    return dataset


def palette_hits(app) -> list[str]:
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt).split("\n")[0] for i in range(options.option_count)]


@SIZES
async def test_the_palette_finds_a_person_among_thousands(crowd, isolated_state, size):
    person = crowd.people[4321]
    async with open_reader(crowd, size) as (app, pilot):
        await wait_for(pilot, lambda: app.search_indexes.places_ready, message="the places were never made")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*person.name.lower())
        label = f"Person: {person.name}"
        await wait_for(pilot, lambda: palette_hits(app)[:1] == [label] or palette_hits(app)[:1] == [f"{label} — crew"],
                       message=lambda: f"{label} is not the top hit: {palette_hits(app)[:3]}")
        assert label in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.history.current == Location("person", person.id)


async def test_a_character_among_thousands_leads_to_the_actor(crowd, isolated_state):
    character = crowd.characters[123]
    async with open_reader(crowd, WIDE) as (app, pilot):
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*character.name.lower())
        label = f"Character: {character.name}"
        await wait_for(pilot, lambda: any(hit.startswith(label) for hit in palette_hits(app)),
                       message=lambda: f"no {label}: {palette_hits(app)[:5]}")
        hit = next(i for i, hit in enumerate(palette_hits(app)) if hit.startswith(label))
        for _ in range(hit):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert app.history.current == Location("person", character.played_by)


async def test_the_palette_opens_and_takes_typing_while_its_places_are_made(isolated_state, monkeypatch):
    dataset = large_dataset(6_000)
    release = threading.Event()
    made = place_names.PlaceNames

    def slowly_made(dataset):  # the places wait until the test lets them be made
        assert release.wait(20), "never released"
        return made(dataset)

    monkeypatch.setattr("anora_tui.core.search.indexes.PlaceNames", slowly_made)
    person = dataset.people[777]
    async with open_reader(dataset, NARROW) as (app, pilot):
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*person.name.lower())
        await settle(pilot)
        assert person.name.lower() in screen_text(app)  # typed while nothing is listed yet
        assert not app.search_indexes.places_ready
        release.set()
        await wait_for(pilot, lambda: any(hit.startswith(f"Person: {person.name}") for hit in palette_hits(app)),
                       message=lambda: f"no {person.name}: {palette_hits(app)[:3]}")


async def test_the_palette_lists_its_first_places_before_their_index_is_made(isolated_state, monkeypatch):
    dataset = large_dataset(6_000)
    release = threading.Event()
    made = place_names.PlaceNames

    def slowly_made(dataset):
        assert release.wait(20), "never released"
        return made(dataset)

    monkeypatch.setattr("anora_tui.core.search.indexes.PlaceNames", slowly_made)
    async with open_reader(dataset, WIDE) as (app, pilot):
        await pilot.press("ctrl+p")
        first = f"Person: {dataset.people[0].name}"
        try:
            await wait_for(pilot, lambda: palette_hits(app)[:1] in ([first], [f"{first} — crew"]),
                           message=lambda: f"not listed at once: {palette_hits(app)[:3]}")
            assert not app.search_indexes.places_ready
            await pilot.press(*dataset.people[42].name.lower())
        finally:
            release.set()
        await wait_for(pilot, lambda: palette_hits(app)[:1] == [f"Person: {dataset.people[42].name} — crew"],
                       message=lambda: f"not found once made: {palette_hits(app)[:3]}")


@SIZES
async def test_the_search_screen_at_scale_counts_lists_and_previews(isolated_state, size):
    dataset = large_dataset(200, quotes=SMALL + 1_000)
    async with open_reader(dataset, size) as (app, pilot):
        await pilot.press("slash")
        await wait_for(pilot, lambda: app.search_indexes.is_built("quotes"), message="the quote index was never built")
        await settle(pilot)
        for typed in ("n", "numb", "number 96"):
            await pilot.press("ctrl+u", *typed)
            await settle(pilot)
            result = app.screen.result
            # every word typed, anywhere in the quote (inside words too, ranked after)
            expected = sum(all(word in quote.text.lower() for word in typed.split()) for quote in dataset.quotes)
            assert result.count == expected, typed
            text = screen_text(app)
            assert f"{expected:,} of {len(dataset.quotes):,} quotes" in text
            first = result.hits[0].quote
            assert first.text[:20] in text  # the first hit is listed (and previewed when there is room)
