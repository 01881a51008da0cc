"""The whole reader: every navigation path, at 80×24 and 160×48, asserting focus and what is shown.

Also holds the small harness the other App tests import (running async tests, reading the screen).
"""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest
import textual._wait

from anora_tui.app import AnoraApp
from anora_tui.loader import load_dataset
from anora_tui.model import Dataset
from anora_tui.navigation import Location
from anora_tui.resources import default_data_dir
from anora_tui.widgets.link_list import LinkList
from anora_tui.widgets.quote_search import QuoteSearchScreen
from anora_tui.widgets.reading import quote_location

WIDE = (160, 48)
NARROW = (80, 24)
SIZES = pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x48"])


# --- harness -----------------------------------------------------------------------------------


def run_async(test):
    """Run an `async def` test with asyncio (no pytest async plugin is installed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


def screen_lines(app) -> list[str]:
    """The screen as the user sees it, one string per row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def find_on_screen(app, needle: str) -> tuple[int, int]:
    """The (x, y) of the first place `needle` is on screen."""
    for y, line in enumerate(screen_lines(app)):
        if needle in line:
            return line.index(needle), y
    raise AssertionError(f"{needle!r} is not on screen:\n{screen_text(app)}")


@pytest.fixture(autouse=True)
def quick_pilot(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot waits after every key until the CPU looks idle, polling every 20 ms; poll every 2 ms.
    Nothing depends on that wait: the tests `settle` (process every queued message) before looking."""
    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", 0.002)


@pytest.fixture(autouse=True)
def isolated_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every App test keeps its state (and any crash report) under tmp_path."""
    state_home = tmp_path / "xdg-state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state_home))
    return state_home / "anora-tui" / "state.json"


@pytest.fixture(scope="session")
def shipped_dataset() -> Dataset:
    return load_dataset(default_data_dir())


async def settle(pilot) -> None:
    """Let every pending message, refresh, call_after_refresh callback and scroll animation run:
    rounds of "process all queued messages, then refresh the screen"."""
    for _ in range(3):
        await pilot._wait_for_screen()
        pilot.app.screen._on_timer_update()
    await pilot.app.animator.wait_until_complete()
    await pilot._wait_for_screen()


async def resize(pilot, width: int, height: int) -> None:
    """Resize the terminal and wait out the App's resize debounce (a 1/120 s timer) before settling."""
    await pilot.resize_terminal(width, height)
    await pilot.pause(0.03)
    await settle(pilot)


def focused_pane(app: AnoraApp) -> str | None:
    for node in app.focused.ancestors_with_self if app.focused else ():
        if node.id in ("contents", "reading", "people", "timeline"):
            return node.id
    return None


def displayed(widget) -> bool:
    """Really on screen: it and all its ancestors are displayed, and it has a size."""
    return widget.display and all(a.display for a in widget.ancestors) and widget.region.area > 0


async def wait_for(pilot, predicate, timeout: float = 3.0) -> None:
    """Pause until `predicate()` holds (for work done in workers, like the palette's search)."""
    for _ in range(int(timeout / 0.02)):
        if predicate():
            return
        await pilot.pause(0.02)
    assert predicate(), "timed out waiting"


async def press_until(pilot, predicate, key: str = "down", limit: int = 60) -> None:
    """Press `key` until `predicate()` holds (bounded), e.g. to reach a row of a list."""
    for _ in range(limit):
        if predicate():
            return
        await pilot.press(key)
    assert predicate(), f"pressed {key!r} {limit} times without reaching the target"


def highlighted(app: AnoraApp) -> Location | None:
    focused = app.focused
    return focused.highlighted_location if isinstance(focused, LinkList) else None


async def open_person_from_reading(pilot, app: AnoraApp, person_id: str) -> None:
    """In the reading pane, step through the names with ] until the person's, then Enter."""
    await pilot.press("2")
    await settle(pilot)
    await press_until(
        pilot,
        lambda: app.reading.selected is not None and app.reading.selected.person_id == person_id,
        "right_square_bracket",
    )
    await pilot.press("enter")
    await settle(pilot)


def quick_person(dataset: Dataset) -> str:
    """Someone named in the first section with a scene and a quote, and the fewest rows to step through."""
    first = dataset.sections[0]
    named = {p for n in range(1, len(first.paragraphs) + 1) for p in dataset.people_named_in(first.id, n)}
    candidates = [p for p in named if dataset.scenes_with(p) and dataset.quotes_by(p)]
    return min(candidates, key=lambda p: (len(dataset.quotes_by(p)), p))


async def palette(pilot, app: AnoraApp, query: str, expect: str) -> None:
    """Open the command palette, type the query, wait for the `expect`ed hit and choose it."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*query)
    await wait_for(pilot, lambda: expect in screen_text(app))
    await pilot.press("enter")
    await settle(pilot)


# --- navigation paths ----------------------------------------------------------------------------


@SIZES
@run_async
async def test_start_then_contents_opens_a_section_and_the_side_panes_follow(shipped_dataset, size) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        first = shipped_dataset.sections[0]
        total = len(shipped_dataset.sections)
        assert focused_pane(app) == "reading" and displayed(app.reading)
        assert app.reading.section_id == first.id and app.contents.current == first.id
        assert first.title in screen_text(app) and f"Section 1 of {total}" in screen_text(app)
        assert app.history.current == Location("section", first.id)
        assert displayed(app.contents) is (size == WIDE) and displayed(app.people) is (size == WIDE)
        named = {p for n in app.reading.in_view for p in shipped_dataset.people_named_in(first.id, n)}
        assert app.people.named == named and app.timeline.discussed_section == first.id

        await pilot.press("1")
        await settle(pilot)
        assert focused_pane(app) == "contents" and displayed(app.contents)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        third = shipped_dataset.sections[2]
        assert focused_pane(app) == "reading"
        assert app.reading.section_id == third.id and app.contents.current == third.id
        assert third.title in screen_text(app) and f"Section 3 of {total}" in screen_text(app)
        assert app.history.current == Location("section", third.id)
        assert app.timeline.discussed_section == third.id

        await pilot.press("end")  # scrolling changes who is marked as named
        await settle(pilot)
        later = {p for n in app.reading.in_view for p in shipped_dataset.people_named_in(third.id, n)}
        assert app.people.named == later


@SIZES
@run_async
async def test_name_to_person_to_quote_and_to_scene_with_back_and_forward(shipped_dataset, size) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        start = app.history.current
        person = quick_person(shipped_dataset)
        await open_person_from_reading(pilot, app, person)
        assert focused_pane(app) == "people" and displayed(app.people) and app.people.showing_detail
        assert shipped_dataset.people_by_id[person].description[:30] in screen_text(app)
        assert app.history.current == Location("person", person)

        # person -> one of their quotes: the reading pane, at the quote, highlighted
        await press_until(pilot, lambda: (highlighted(app) or start).kind == "quote")
        quote_id = highlighted(app).id
        await pilot.press("enter")
        await settle(pilot)
        expected = quote_location(shipped_dataset, quote_id)
        assert focused_pane(app) == "reading" and displayed(app.reading)
        assert app.reading.section_id == expected.id
        assert app.reading.highlight == (expected.paragraph, expected.span)
        assert expected.paragraph in app.reading.in_view
        assert app.history.current == Location("quote", quote_id)

        # back to the person, then on to one of their scenes
        await pilot.press("b")
        await settle(pilot)
        assert focused_pane(app) == "people" and app.history.current == Location("person", person)
        await press_until(pilot, lambda: (highlighted(app) or start).kind == "scene")
        scene_id = highlighted(app).id
        await pilot.press("enter")
        await settle(pilot)
        assert focused_pane(app) == "timeline" and displayed(app.timeline)
        assert app.timeline.open == Location("scene", scene_id)
        assert shipped_dataset.scenes_by_id[scene_id].title in screen_text(app)
        assert not app.history.can_go_forward  # the new jump dropped the quote

        # back, back (alt+left), forward, forward (alt+right)
        await pilot.press("b")
        await settle(pilot)
        assert focused_pane(app) == "people" and app.people.showing_detail
        assert app.history.current == Location("person", person)
        await pilot.press("alt+left")
        await settle(pilot)
        assert focused_pane(app) == "reading" and app.history.current == start
        assert app.reading.section_id == start.id
        await pilot.press("f")
        await settle(pilot)
        assert focused_pane(app) == "people" and app.history.current == Location("person", person)
        await pilot.press("alt+right")
        await settle(pilot)
        assert focused_pane(app) == "timeline" and app.history.current == Location("scene", scene_id)
        await pilot.press("f")  # nothing ahead: stays
        await settle(pilot)
        assert app.history.current == Location("scene", scene_id)

        # backspace goes back too; a new jump (next section) drops the forward history
        await pilot.press("backspace")
        await settle(pilot)
        assert app.history.current == Location("person", person) and app.history.can_go_forward
        await pilot.press("2", "right")
        await settle(pilot)
        assert not app.history.can_go_forward
        assert app.history.current == Location("section", shipped_dataset.sections[1].id)


@SIZES
@run_async
async def test_escape_backs_out_one_step_at_a_time(shipped_dataset, size) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_person_from_reading(pilot, app, quick_person(shipped_dataset))
        assert app.people.showing_detail
        await pilot.press("escape")
        await settle(pilot)
        assert not app.people.showing_detail and focused_pane(app) == "people"
        await pilot.press("escape")
        await settle(pilot)
        assert focused_pane(app) == "reading" and displayed(app.reading)
        await pilot.press("right_square_bracket")
        assert app.reading.selected is not None
        await pilot.press("escape")
        assert app.reading.selected is None
        await pilot.press("4", "enter")  # a scene's detail in the timeline
        await settle(pilot)
        assert app.timeline.open is not None
        await pilot.press("escape")
        await settle(pilot)
        assert app.timeline.open is None and focused_pane(app) == "timeline"
        await pilot.press("escape", "escape")  # back to reading; then nothing left: harmless
        await settle(pilot)
        assert focused_pane(app) == "reading" and displayed(app.reading)


@SIZES
@run_async
async def test_palette_finds_people_scenes_sections_and_quotes(shipped_dataset, size) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await palette(pilot, app, "Mikey", "Person: Mikey Madison")
        assert app.history.current == Location("person", "mikey-madison")
        assert focused_pane(app) == "people" and app.people.showing_detail

        # the shortest titles that only one thing has, to keep the typing short
        section_titles = {s.title for s in shipped_dataset.sections}
        scene_titles = {s.title for s in shipped_dataset.scenes}
        scene = min((s for s in shipped_dataset.scenes if s.title not in section_titles), key=lambda s: len(s.title))
        section = min((s for s in shipped_dataset.sections if s.title not in scene_titles), key=lambda s: len(s.title))
        quote = next(q for q in shipped_dataset.quotes if "blood-curdling" in q.text)
        for query, expect, expected in (
            (scene.title, f"Scene: {scene.title}", Location("scene", scene.id)),
            (section.title, f"Section: {section.title}", Location("section", section.id)),
            ("blood-curd", "Quote: ", Location("quote", quote.id)),
        ):
            await palette(pilot, app, query, expect)
            assert app.history.current == expected, query


# --- quote search --------------------------------------------------------------------------------


@SIZES
@run_async
async def test_search_escape_restores_enter_opens_and_n_steps(shipped_dataset, size) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("n")  # no search yet: a notice, nothing moves
        await settle(pilot)
        assert app.history.current == Location("section", shipped_dataset.sections[0].id)

        await pilot.press("1")  # start somewhere other than the reading pane
        await settle(pilot)
        before = (app.focused, app.history.current, app.reading.section_id)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, QuoteSearchScreen)
        await pilot.press(*"blood")
        await settle(pilot)
        assert "blood-curdling" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, QuoteSearchScreen)
        assert (app.focused, app.history.current, app.reading.section_id) == before
        assert app.last_search is None

        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*"Ani", "enter")
        await settle(pilot)
        matches = [q.id for q in shipped_dataset.quotes if q.id in {h.quote.id for h in app.last_search.hits}]
        assert len(matches) >= 3  # Dataset.quotes is in article order
        at = matches.index(app.history.current.id)
        expected = quote_location(shipped_dataset, matches[at])
        assert focused_pane(app) == "reading" and app.reading.section_id == expected.id
        assert app.reading.highlight == (expected.paragraph, expected.span)
        assert expected.paragraph in app.reading.in_view
        for key, step in (("n", 1), ("n", 2), ("N", 1)):
            await pilot.press(key)
            await settle(pilot)
            assert app.history.current == Location("quote", matches[(at + step) % len(matches)])
        expected = quote_location(shipped_dataset, app.history.current.id)
        assert app.reading.highlight == (expected.paragraph, expected.span)

        await pilot.press("slash")  # the search opens with the last query
        await settle(pilot)
        assert app.screen.query_one("Input").value.lower() == "ani"
        await pilot.press("escape")


# --- hostile text --------------------------------------------------------------------------------

HOSTILE_DATASET = r"""
article:
  title: "[bold]Headline[/bold] \e[31mred\e[0m"
  publication: "[/i]Pub"
  date: "2020"
  sections:
    - id: one
      title: "[@click=app.quit]boom[/] section"
      paragraphs:
        - "[b]x[/b] Quill said “[/i]keep [@click=app.quit]boom[/] going” and \e]0;pwned\a left."
        - "# Not a heading <div>x</div> * x * and Quill again."
people:
  - id: mara-quill
    name: "[bold]x[/bold] Quill"
    kind: crew
    roles: ["[@click=app.quit]director[/]"]
    description: "Writes \e[2J things [/i]."
    aliases: [Quill]
characters:
  - id: pell
    name: "[i]Pell[/i]"
    played_by: mara-quill
    description: "[@click=app.quit]clerk[/]"
scenes:
  - id: fog
    title: "[@click=app.quit]Fog[/]"
    summary: "[bold]sum[/bold]"
    position: {description: "[/i]middle"}
    people: [mara-quill]
    characters: [pell]
    sections: [one]
events:
  - id: premiere
    date: "2022-10"
    precision: month
    title: "[bold]Premiere[/bold]"
    summary: "\e[31mred"
    people: [mara-quill]
    sections: [one]
quotes:
  - id: keep-going
    speaker: mara-quill
    text: "[/i]keep [@click=app.quit]boom[/] going"
    section: one
    paragraph: 1
notes:
  - id: n1
    section: one
    paragraph: 2
    says: "<div>x</div>"
    correction: "[bold]no[/bold] markup"
"""


@SIZES
@run_async
async def test_hostile_text_is_shown_literally_and_clicking_it_does_nothing(make_data_dir, size) -> None:
    dataset = load_dataset(make_data_dir({"all.yaml": HOSTILE_DATASET}, from_example=False))
    app = AnoraApp(dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "[b]x[/b] Quill said “[/i]keep [@click=app.quit]boom[/]" in shown
        assert "[@click=app.quit]boom[/] section" in shown
        assert "# Not a heading <div>x</div> * x *" in shown
        assert "«<div>x</div>»; [bold]no[/bold] markup" in shown
        assert "— [bold]x[/bold] Quill" in shown
        x, y = find_on_screen(app, "boom[/] going")
        await pilot.click(offset=(x + 1, y))
        await settle(pilot)
        assert app.is_running and app.return_code is None
        for keys in (["3", "enter"], ["4", "enter"], ["ctrl+p", *"Quill"], ["escape", "slash", *"keep"]):
            await pilot.press(*keys)
            await settle(pilot)
            assert all("\x1b" not in line and "\x07" not in line for line in screen_lines(app))
        assert "[/i]keep [@click=app.quit]boom[/] going" in screen_text(app)
        await pilot.press("escape", "3")
        await settle(pilot)
        assert "[bold]x[/bold] Quill" in screen_text(app)
        assert app.is_running
