"""The key bar: what it lists, what a click or a hover does, and how it shortens on narrow screens."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Static
from screen_reading import THREE_SIZES
from ui_harness import NARROW, SIZES, find_on_screen, open_reader, screen_lines, settle, style_at

from anora_tui.core.navigation import Location
from anora_tui.paths import styles_dir
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.messages import Navigate
from anora_tui.ui.screens.help import HelpScreen
from anora_tui.ui.widgets.key_bar import KeyBar
from anora_tui.ui.widgets.link_list import LinkList

pytestmark = pytest.mark.usefixtures("quick_pilot", "place_saved_at_exit")


def bar_line(app) -> str:
    return screen_lines(app)[-1]


@SIZES
async def test_clicking_a_key_presses_it(shipped_dataset, size) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        x, y = find_on_screen(app, "? Help")
        assert y == size[1] - 1
        await pilot.click(offset=(x + 3, y))  # on the description, not only the key
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        x, y = find_on_screen(app, "^p Palette")
        await pilot.click(offset=(x, y))
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)


async def test_hover_shows_the_tooltip_and_a_gap_does_nothing(shipped_dataset) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        bar = app.query_one(KeyBar)
        place = app.history.current
        x, y = find_on_screen(app, "b Back")
        await pilot.hover(offset=(x + 1, y))
        await settle(pilot)
        assert bar.tooltip == "Back to the previous place"
        gap = bar_line(app).index("b Back") - 1  # the space before it
        await pilot.click(offset=(gap, y))
        await settle(pilot)
        assert app.screen is app.screen_stack[0] and app.history.current == place  # nothing happened
        assert place == Location("section", shipped_dataset.sections[0].id)


@pytest.mark.parametrize("width", [24, 30, 40, 56])
async def test_keys_that_do_not_fit_are_left_out_whole(shipped_dataset, width) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=(width, 12)) as pilot:
        await settle(pilot)
        bar = app.query_one(KeyBar)
        placed = bar.placed()
        line = bar_line(app)
        texts = [f"{p.hint.display} {p.hint.description}" for p in placed]
        for place, text in zip(placed, texts):
            assert line[place.start : place.end] == text
        assert all(p.end <= width for p in placed)
        shown = {p.hint for p in placed}
        # The way out (help, back, quit) first, then the keys of where you are, from the first.
        kept = [h for h in bar.hints if h.kept]
        others = [h for h in bar.hints if not h.kept]
        shown_others = [h for h in others if h in shown]
        assert shown_others == others[: len(shown_others)]
        if sum(h.width + 1 for h in kept) <= width - (bar.palette.width + 2 if bar.palette else 0):
            assert all(h in shown for h in kept), [h.description for h in kept]
        left = line
        for text in texts:
            left = left.replace(text, "", 1)
        assert set(left) <= {" ", "▏"}  # nothing but whole keys, spaces and the separator


class DisabledKeyHost(App):
    CSS_PATH = [styles_dir() / "app.tcss"]
    BINDINGS = [Binding("x", "later", "Later", show=True), Binding("y", "now", "Now", show=True)]

    def __init__(self) -> None:
        super().__init__()
        self.done: list[str] = []
        self.rang = 0

    def compose(self) -> ComposeResult:
        yield Static("host")
        yield KeyBar()

    def check_action(self, action: str, parameters) -> bool | None:
        return None if action == "later" else True  # None: shown, but not available now

    def action_now(self) -> None:
        self.done.append("now")

    def bell(self) -> None:
        self.rang += 1


async def test_a_disabled_key_is_shown_dim_and_a_click_rings_the_bell() -> None:
    app = DisabledKeyHost()
    async with app.run_test(size=(60, 5)) as pilot:
        await settle(pilot)
        assert "x Later" in bar_line(app) and "y Now" in bar_line(app)
        later = next(h for h in app.query_one(KeyBar).hints if h.key == "x")
        assert not later.enabled
        x, y = find_on_screen(app, "x Later")
        now_x, _ = find_on_screen(app, "y Now")
        # Textual draws dim text as a faded colour: the disabled key looks unlike the enabled one.
        assert style_at(app, x, y).color != style_at(app, now_x, y).color
        assert style_at(app, x + 2, y).color != style_at(app, now_x + 2, y).color
        await pilot.click(offset=(x, y))
        assert app.rang == 1 and app.done == []
        x, y = find_on_screen(app, "y Now")
        await pilot.click(offset=(x, y))
        await settle(pilot)
        assert app.done == ["now"]


async def test_search_and_help_screens_name_their_own_keys(shipped_dataset) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        line = bar_line(app)
        for hint in ("↑ Previous", "↓ Next", "⏎ Open", "tab Text", "^y Copy", "esc Back"):
            assert hint in line
        assert "/ Search" not in line and "] Name" not in line  # the reader's keys do not work here
        x, y = find_on_screen(app, "↓ Next")
        await pilot.click(offset=(x, y))  # a click moves through the results as the key does
        await settle(pilot)
        assert app.screen.results.highlighted is app.screen.result.hits[1]
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "esc Close help" in bar_line(app)


@THREE_SIZES
async def test_help_back_and_quit_stay_in_a_narrow_bar(shipped_dataset, isolated_state, size) -> None:
    """A person open at 80×24 left no room for ? Help, b Back and q Quit behind the page's own keys."""
    async with open_reader(shipped_dataset, size, Location("person", "mikey-madison")) as (app, pilot):
        app.people.focus_default()
        await settle(pilot)
        line = bar_line(app)
        for key in ("? Help", "b Back", "q Quit"):
            assert key in line, line


@THREE_SIZES
async def test_in_a_text_box_keys_it_types_are_not_offered(shipped_dataset, isolated_state, size) -> None:
    """In the People filter `b`, `?` and `/` type into the box: the bar offered them as Back, Help and
    Search. It now offers the keys that still reach those actions there, or leaves them out."""
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("3", "ctrl+f")
        await settle(pilot)
        hints = {hint.description: hint.display for hint in app.query_one(KeyBar).hints}
        assert hints.get("Help") == "f1" and "Search" not in hints, hints
        assert hints.get("Back") not in (None, "b"), hints  # alt+← still goes back from the box
        line = bar_line(app)
        assert "b Back" not in line and "? Help" not in line and "/ Search" not in line, line
        assert "esc Clear" in line, line  # the box's own keys stay
        await pilot.press(*"b/?")
        assert app.query_one("PeopleFilter").value == "b/?"
        await pilot.press("escape")  # clears the box and leaves it for the list
        await settle(pilot)
        assert "? Help" in bar_line(app)
        await pilot.press("question_mark")  # a key typed after Escape is the reader's, not the box's
        await settle(pilot)
        assert app.query_one("PeopleFilter").value == "" and isinstance(app.screen, HelpScreen)


@THREE_SIZES
async def test_keys_with_nothing_to_do_are_left_out_and_say_so(shipped_dataset, isolated_state, size) -> None:
    """On the last section the bar offered → Section (which only said "This is the last section.") and
    ] Name in a section that names no one. They are left out there; pressed, they say why."""
    from ui_harness import navigate, notices

    async with open_reader(shipped_dataset, size) as (app, pilot):
        await settle(pilot)
        hints = {hint.description for hint in app.query_one(KeyBar).hints}
        assert {"Section", "Name"} <= hints, hints
        last = shipped_dataset.sections[-1]
        await navigate(pilot, app, Location("section", last.id))
        app.reading.focus_default()
        await settle(pilot)
        hints = {hint.description for hint in app.query_one(KeyBar).hints}
        assert "Section" not in hints and "Name" not in hints, hints
        await pilot.press("right")
        await settle(pilot)
        assert "This is the last section." in notices(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "This section names no one." in notices(app)
        assert app.history.current.id == last.id
        await pilot.press("left")  # still goes back a section, and the keys come back
        await settle(pilot)
        hints = {hint.description for hint in app.query_one(KeyBar).hints}
        assert {"Section", "Name"} <= hints, hints


@THREE_SIZES
async def test_copy_is_offered_only_with_a_quote_to_copy(shipped_dataset, isolated_state, size) -> None:
    """`y Copy` was offered everywhere, and said "Nothing to copy here" in a section with no quote on
    screen or on a person's scene. It is offered while a quote is on screen or highlighted."""
    from ui_harness import navigate, notices

    async with open_reader(shipped_dataset, size) as (app, pilot):
        await navigate(pilot, app, Location("section", "publication"))  # quotes no one
        app.reading.focus_default()
        await settle(pilot)
        assert "Copy" not in {hint.description for hint in app.query_one(KeyBar).hints}
        assert " Copy" not in bar_line(app)
        await pilot.press("y")
        await settle(pilot)
        assert any(notice.startswith("Nothing to copy here") for notice in notices(app)), notices(app)
        await navigate(pilot, app, Location("section", "brighton-beach"))  # a quote in its first paragraph
        app.reading.focus_default()
        await settle(pilot)
        assert "Copy" in {hint.description for hint in app.query_one(KeyBar).hints}
        await navigate(pilot, app, Location("person", "mikey-madison"))
        await pilot.press("quotation_mark")  # onto her first quote
        await settle(pilot)
        assert app.focused.highlighted_location.kind == "quote"
        assert "Copy" in {hint.description for hint in app.query_one(KeyBar).hints}
        await pilot.press("s")  # onto her first scene
        await settle(pilot)
        assert app.focused.highlighted_location.kind == "scene"
        assert "Copy" not in {hint.description for hint in app.query_one(KeyBar).hints}


async def test_a_line_the_bar_has_drawn_is_drawn_from_what_it_kept_when_it_comes_back(shipped_dataset, monkeypatch) -> None:
    """From the text to a person and back, the bar's keys change twice; the text's line comes back as
    it was drawn, not made again. A new theme draws it again, in the theme's colours."""
    made: list[str] = []
    render = KeyBar.render

    def counted(bar):
        made.append(bar.hints)
        return render(bar)

    monkeypatch.setattr(KeyBar, "render", counted)
    async with open_reader(shipped_dataset, (200, 50)) as (app, pilot):
        for person in shipped_dataset.people[:2]:  # the first time, Back comes to be offered
            app.post_message(Navigate(Location("person", person.id)))
            await settle(pilot)
            person_line = bar_line(app)
            made.clear()
            await pilot.press("2")
            await settle(pilot)
            text_line = bar_line(app)
            assert person_line != text_line
        assert made == []
        style = style_at(app, 0, 49)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        assert bar_line(app) == text_line and len(made) == 1 and style_at(app, 0, 49) != style


async def test_open_is_offered_only_on_a_row_that_leads_somewhere(shipped_dataset) -> None:
    """A scene's detail lists people and sections (links) and what the article says of the shoot
    (plain rows): on a plain row ⏎ Open leaves the key bar, and Enter opens nothing."""
    scene = next(scene for scene in shipped_dataset.scenes if scene.title == "Ani at work")
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        app.post_message(Navigate(Location("scene", scene.id)))
        await settle(pilot)
        detail = app.focused
        assert isinstance(detail, LinkList)
        while detail.highlighted_location is None:
            await pilot.press("j")
        await settle(pilot)
        assert "⏎ Open" in bar_line(app)
        await pilot.press("end")
        await settle(pilot)
        while detail.highlighted_location is not None:
            await pilot.press("k")
        await settle(pilot)
        assert "⏎ Open" not in bar_line(app)
        shown = screen_lines(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is detail and screen_lines(app) == shown
        while detail.highlighted_location is None:
            await pilot.press("k")
        await settle(pilot)
        assert "⏎ Open" in bar_line(app)


@pytest.mark.parametrize("width", range(60, 121, 4))
@pytest.mark.parametrize("pane_key", ["2", "3", "4"])
async def test_a_space_always_stands_before_the_palette_separator(shipped_dataset, width, pane_key) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        await pilot.press(pane_key)
        await settle(pilot)
        line = bar_line(app)
        assert "▏" in line and line[line.index("▏") - 1] == " ", line
