"""The held-out kind of test: another film's making-of article, written from docs/data-format.md alone
(tests/data/kestrel-point: no runtime, no scene minutes, undated events, no notes, collections grouped
in other files), reads in the reader with nothing of the shipped article on any screen, and the
reader's navigation tests pass on it too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import test_app_navigation as navigation
from screen_reading import THREE_SIZES
from ui_harness import SIZES, WIDE, screen_lines, screen_text, settle

from anora_tui.core.loading.loader import load_dataset
from anora_tui.core.model import Dataset
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.screens.help import HelpScreen

pytestmark = pytest.mark.usefixtures("quick_pilot", "place_saved_at_exit")

OTHER_FILM_DIR = Path(__file__).parent / "data" / "kestrel-point"


@pytest.fixture(scope="module")
def other_film() -> Dataset:
    return load_dataset(OTHER_FILM_DIR)


def shipped_words(dataset: Dataset) -> re.Pattern[str]:
    """Whole words that name something of the shipped article: its film, publication, people,
    characters and scenes."""
    article = dataset.article
    names = {article.film_title, article.publication}
    names |= {name for person in dataset.people for name in (person.name, *person.aliases)}
    names |= {name for character in dataset.characters for name in (character.name, *character.aliases)}
    names |= {scene.title for scene in dataset.scenes}
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")\b")


def test_the_other_film_is_the_shape_the_shipped_one_is_not(other_film):
    assert other_film.article.film_runtime_minutes is None and not other_film.notes
    assert all(scene.position.start_minute is None for scene in other_film.scenes)
    assert any(not event.dated for event in other_film.events)
    assert len({event.date[:4] for event in other_film.events if event.dated}) == 1
    assert sorted(p.name for p in OTHER_FILM_DIR.glob("*.yaml")) == ["article.yaml", "cast.yaml", "film.yaml", "quotes.yaml"]


@THREE_SIZES
async def test_every_screen_of_the_other_film_shows_nothing_of_the_shipped_article(other_film, shipped_dataset, size):
    forbidden = shipped_words(shipped_dataset)
    app = AnoraApp(other_film)
    seen: list[str] = []

    def look(where: str) -> None:
        text = screen_text(app)
        found = forbidden.findall(text)
        assert not found, f"{where}: {found}\n{text}"
        seen.append(text)

    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        look("start")
        assert other_film.article.film_title in screen_text(app)  # the title line names the film
        for section in other_film.sections:
            await pilot.press("escape", "2")
            app.reading.open_section(section.id)
            await settle(pilot)
            look(f"section {section.id}")
        for person in other_film.people:
            app.people.show_person(person.id)
            await pilot.press("3")
            await settle(pilot)
            look(f"person {person.id}")
        for scene in other_film.scenes:
            app.timeline.show_scene(scene.id)
            await pilot.press("4")
            await settle(pilot)
            look(f"scene {scene.id}")
        for event in other_film.events:
            app.timeline.show_event(event.id)
            await pilot.press("4")
            await settle(pilot)
            look(f"event {event.id}")
            if not event.dated:
                assert event.when in screen_text(app) and "placed by its order" in screen_text(app)
        await pilot.press("escape", "t")  # back to the list: the story track
        await settle(pilot)
        look("story track")
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        look("help")
        await pilot.press("escape", "slash", *"light")
        await settle(pilot)
        look("search")
        await pilot.press("escape", "ctrl+p", *"keeper")
        await settle(pilot)
        look("palette")
    assert len(seen) == 5 + len(other_film.sections) + len(other_film.people) + len(other_film.scenes) + len(other_film.events)


async def test_the_timeline_says_how_it_places_what_the_article_does_not_time(other_film):
    app = AnoraApp(other_film)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        shown = screen_text(app)
        caption = app.query_one("#timeline-caption")
        assert caption.tooltip == (
            "Low Tide at Kestrel Point · no runtime or minutes given: scenes in story order, not to scale"
        )
        assert "Low Tide at Kestrel Point · no runtime" in shown  # wrapped in the pane, whole
        assert "0:00" not in shown  # no invented minutes
        assert app.timeline.strip.strip_layout.scale == "order"
        await pilot.press("t")
        await settle(pilot)
        shown = screen_text(app)
        assert caption.tooltip == "4 events in 2023 (2 undated: placed by their order)"
        axis = " ".join(screen_lines(app, app.timeline.strip))  # the strip over its axis
        assert "2023" in axis and "Mar" in axis and "2025" not in axis  # one year, in months
        assert "the winter before the shoot" in shown and "during the shoot" in shown


# The reader's navigation tests, on the other film.


@SIZES
async def test_navigation_start_and_contents(other_film, size):
    await navigation.test_start_then_contents_opens_a_section_and_the_side_panes_follow(other_film, size)


@SIZES
async def test_navigation_name_person_quote_scene_back_and_forward(other_film, size):
    await navigation.test_name_to_person_to_quote_and_to_scene_with_back_and_forward(other_film, size)


@SIZES
async def test_navigation_escape_backs_out(other_film, size):
    await navigation.test_escape_backs_out_one_step_at_a_time(other_film, size)
