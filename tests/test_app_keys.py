"""The reader's keys, layouts, saved state and failure handling, at 80×24 and 160×48."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.geometry import Size
from ui_harness import (
    NARROW,
    SIZES,
    WIDE,
    displayed,
    focused_pane,
    open_person_from_reading,
    palette,
    quick_person,
    resize,
    screen_text,
    settle,
    toasts_text,
    wait_for,
    widget_words,
)

from anora_tui.core.navigation import Location
from anora_tui.core.state import STATE_VERSION, load_state
from anora_tui.ui.app import AnoraApp, exit_status
from anora_tui.ui.panes.person_detail import PersonDetail
from anora_tui.ui.panes.reading import ReadingPane
from anora_tui.ui.panes.timeline import TimelinePane
from anora_tui.ui.screens.help import HelpScreen
from anora_tui.ui.screens.search import SearchBox, SearchScreen
from anora_tui.ui.widgets.too_small import notice_lines

pytestmark = pytest.mark.usefixtures("quick_pilot")

PANE_ORDER = ["contents", "reading", "people", "timeline"]
TOO_SMALL = "Terminal too small"  # how the notice begins wherever it has room for it (tests/test_too_small_notice.py)


@SIZES
async def test_tab_shift_tab_and_number_keys_move_between_panes(shipped_dataset, size) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        seen = []
        for _ in PANE_ORDER:
            await pilot.press("tab")
            await settle(pilot)
            seen.append(focused_pane(app))
            assert displayed(app.pane(seen[-1]))
            if size == NARROW:  # one pane at a time
                assert [p for p in PANE_ORDER if displayed(app.pane(p))] == [seen[-1]]
        assert seen == ["people", "timeline", "contents", "reading"]
        await pilot.press("shift+tab")
        await settle(pilot)
        assert focused_pane(app) == "contents"
        for key, pane in zip("4321", reversed(PANE_ORDER)):
            await pilot.press(key)
            await settle(pilot)
            assert focused_pane(app) == pane and displayed(app.pane(pane))
            assert displayed(app.reading) is (size == WIDE or pane == "reading")


async def test_medium_width_shows_reading_and_side_and_toggles_the_contents(shipped_dataset) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert [p for p in PANE_ORDER if displayed(app.pane(p))] == ["reading", "people", "timeline"]
        await pilot.press("1")
        await settle(pilot)
        assert [p for p in PANE_ORDER if displayed(app.pane(p))] == ["contents", "reading"]
        await pilot.press("escape")  # out of the contents: back to reading and the side column
        await settle(pilot)
        assert focused_pane(app) == "reading"
        assert [p for p in PANE_ORDER if displayed(app.pane(p))] == ["reading", "people", "timeline"]


async def test_clicking_a_pane_makes_it_the_active_one(shipped_dataset) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.click("#contents")
        await settle(pilot)
        assert focused_pane(app) == "contents" and app.active_pane == "contents"
        await pilot.press("escape")
        await settle(pilot)
        assert focused_pane(app) == "reading"


@SIZES
async def test_help_lists_every_key_and_closes_where_it_was(shipped_dataset, size) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in ("f1", "question_mark"):
            focused = app.focused
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            shown = " ".join(str(s.render()) for s in app.screen.query(".help-keys"))
            own_bindings = (
                AnoraApp.BINDINGS + ReadingPane.BINDINGS + PersonDetail.BINDINGS + TimelinePane.BINDINGS
                + SearchBox.BINDINGS + SearchScreen.BINDINGS
            )
            # Up, Down and Enter are listed once, as the lists' keys; the search box's own are listed.
            # n and N are listed as next and previous match, not again as what they do with no search;
            # a person's ", s and m as their jumps, not again as what they say of a person with none.
            listed = [
                binding for binding in Binding.make_bindings(own_bindings)
                if (binding.key not in ("up", "down", "enter") or binding in SearchBox.BINDINGS)
                and binding.action.partition("(")[0] not in ("no_search", "none_to_jump_to", "no_names", "no_section")
            ]
            assert len(listed) > len(AnoraApp.BINDINGS)
            assert [b for b in listed if (b.tooltip or b.description) not in shown] == []
            # The key the key bar names comes first: "b Back", "? Help".
            for keys in ("tab", "shift+tab", "b / alt+← / ⌫", "alt+→ / f", "? / f1", "q / ^q / ^c", "[", "]", "N"):
                assert keys in shown
            # Every key row names its binding id (what a keymap uses), none a widget's inherited wording.
            rows = [row for s in app.screen.query(".help-keys").exclude("#help-symbols")
                    for row in str(s.render()).splitlines() if row.strip()]
            assert "Scroll Home" not in shown and "Scroll End" not in shown
            assert [row for row in rows if not row.rstrip().endswith(")")] == []
            await pilot.press("j", "k")  # scrolls, does not leak to the reader
            await pilot.press("escape")
            await settle(pilot)
            assert not isinstance(app.screen, HelpScreen)
            assert app.focused is focused


@SIZES
async def test_footer_hints_and_list_keys(shipped_dataset, size) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        hints = ("] Name", "tab Panes", "/ Search", "? Help", "q Quit", "b Back")
        await wait_for(pilot, lambda: all(hint in screen_text(app).splitlines()[-1] for hint in hints))
        assert "⏎ Open" not in screen_text(app).splitlines()[-1]  # until a name is selected
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: "⏎ Open" in screen_text(app).splitlines()[-1])

        await pilot.press("1")
        await settle(pilot)
        contents = app.contents
        assert contents.highlighted == 0
        await pilot.press("j", "j", "down")
        assert contents.highlighted == 3
        await pilot.press("k", "up")
        assert contents.highlighted == 1
        await pilot.press("end")
        assert contents.highlighted == len(shipped_dataset.sections) - 1
        await pilot.press("home")
        assert contents.highlighted == 0
        await pilot.press("G")  # as in less and vim
        assert contents.highlighted == len(shipped_dataset.sections) - 1
        await pilot.press("g")
        assert contents.highlighted == 0
        # Every section fits in one page at both sizes: Page Down goes to the last.
        assert contents.option_count == len(shipped_dataset.sections) <= contents.scrollable_content_region.height
        await pilot.press("pagedown")
        assert contents.highlighted == len(shipped_dataset.sections) - 1
        await pilot.press("pageup")
        assert contents.highlighted == 0


async def read_on_to_a_later_place(pilot) -> None:
    """Two sections on, scrolled to the end: a place worth remembering."""
    await pilot.press("right", "right")
    await settle(pilot)
    await pilot.press("end")
    await settle(pilot)


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c"])  # Ctrl+C too, as a terminal program quits
async def test_ctrl_q_and_ctrl_c_quit_and_save_the_place(shipped_dataset, isolated_state, key) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await read_on_to_a_later_place(pilot)
        section = app.reading.section_id
        top, into = app.reading.view_position()  # the line at the top: its paragraph and how far into it
        await pilot.press(key)
        await settle(pilot)
    assert app.return_code == 0 and app.quitting
    saved = load_state(isolated_state).state
    assert (saved.section_id, saved.paragraph, saved.into) == (section, top, into)
    again = AnoraApp(shipped_dataset)
    async with again.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert again.reading.section_id == section
    assert top > 1


async def test_a_restart_restores_section_scroll_theme_and_history(shipped_dataset, isolated_state) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await read_on_to_a_later_place(pilot)
        app.theme = "textual-light"
        await settle(pilot)
        expected = (app.reading.section_id, app.reading.in_view)
        await pilot.press("q")
    assert app.return_code == 0
    again = AnoraApp(shipped_dataset)
    async with again.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert (again.reading.section_id, again.reading.in_view[0]) == (expected[0], expected[1][0])
        assert again.theme == "textual-light"
        assert again.history.can_go_back
        await pilot.press("b")
        await settle(pilot)
        assert again.reading.section_id == shipped_dataset.sections[1].id


async def test_theme_chosen_in_the_palette_is_remembered(shipped_dataset, isolated_state) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.theme != "textual-light"
        await palette(pilot, app, "theme", "Theme")
        await pilot.press(*"textual-light")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "textual-light"
    assert load_state(isolated_state).state.theme == "textual-light"  # saved on the change itself
    again = AnoraApp(shipped_dataset)
    async with again.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert again.theme == "textual-light"


@pytest.mark.parametrize(
    ("contents", "reason"),
    [
        (b"{broken", "not valid JSON"),
        (json.dumps({"version": STATE_VERSION + 1, "section": "x"}).encode(), "another version"),
    ],
)
async def test_a_bad_state_file_is_ignored_with_a_notice(
    shipped_dataset, isolated_state: Path, contents: bytes, reason: str
) -> None:
    isolated_state.parent.mkdir(parents=True)
    isolated_state.write_bytes(contents)
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        assert app.reading.section_id == shipped_dataset.sections[0].id
        toasts = toasts_text(app)
        assert "Ignored the saved state" in toasts and reason in toasts
        assert str(isolated_state) in toasts.replace("\n", "")


async def test_saved_state_naming_unknown_places_starts_at_the_beginning(shipped_dataset, isolated_state) -> None:
    isolated_state.parent.mkdir(parents=True)
    history = {"back": [], "current": {"kind": "person", "id": "nobody"}, "forward": []}
    isolated_state.write_text(
        json.dumps({"version": STATE_VERSION, "section": "gone", "paragraph": 99, "history": history})
    )
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert app.reading.section_id == shipped_dataset.sections[0].id
        assert focused_pane(app) == "reading"
        await pilot.press("b")  # nothing before: harmless
        await settle(pilot)
        assert app.reading.section_id == shipped_dataset.sections[0].id


async def test_a_failing_state_write_is_reported_not_fatal(shipped_dataset, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    app = AnoraApp(shipped_dataset, state_path=blocker / "state.json")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("q")
    assert exit_status(app) == 0
    assert "could not save your place" in capsys.readouterr().err


class CrashingApp(AnoraApp):
    BINDINGS = [Binding("x", "explode", "Explode")]

    def action_explode(self) -> None:
        raise RuntimeError("boom\nsecond line")


async def test_an_unexpected_error_keeps_the_place_and_leaves_one_line(
    shipped_dataset, isolated_state: Path, capsys
) -> None:
    app = CrashingApp(shipped_dataset, data_dir=Path("/some/data"))
    with pytest.raises(RuntimeError):
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            await pilot.press("right")
            await settle(pilot)
            await pilot.press("x")
            await settle(pilot)
    assert load_state(isolated_state).state.section_id == shipped_dataset.sections[1].id
    assert app.crash_report is not None and app.crash_report.parent == isolated_state.parent
    report = app.crash_report.read_text()
    assert "RuntimeError: boom" in report and "Traceback" in report and "/some/data" in report
    assert exit_status(app) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "RuntimeError: boom" in err and str(app.crash_report) in err and "place was saved" in err


async def test_resize_sweep_in_every_view_never_crashes(shipped_dataset) -> None:
    sizes = [(1, 1), (10, 5), (19, 30), (40, 12), (80, 24), (200, 60), (4, 40), (140, 6), (40, 5), (99, 24)]
    views = [  # the keys that open a view, and the modal screen it is on (None: the reader itself)
        ([], None),
        (["4", "enter"], None),
        (["1"], None),
        (["slash", *"ani"], SearchScreen),
        (["escape", "question_mark"], HelpScreen),
    ]
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        reader = app.screen
        notice = reader.query_one("#too-small")
        await open_person_from_reading(pilot, app, quick_person(shipped_dataset))
        for view_keys, modal in views:
            await pilot.press(*view_keys)
            for size in sizes:
                await resize(pilot, *size)
                tiny = size[0] < 20 or size[1] < 6
                if modal is None:
                    assert app.screen is reader, (size, view_keys)
                    # The notice worded for the size, or none.
                    shown = "".join(widget_words(app, notice).split())
                    worded = notice_lines(Size(*size), Size(*size), Size(20, 6), "q") if tiny else []
                    assert shown == "".join("".join(worded).split()), (size, view_keys)
                else:
                    assert isinstance(app.screen, modal), (size, view_keys)
                # The reader lays itself out for the size, under a modal screen too.
                assert displayed(notice) is tiny, (size, view_keys)
                assert displayed(app.pane(app.active_pane)) is not tiny, (size, view_keys)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is reader
        for size in ((1, 1), (10, 5)):  # keys at tiny sizes do no harm
            await resize(pilot, *size)
            await pilot.press("tab", "3", "j", "enter", "escape", "2", "right_square_bracket", "enter")
            await settle(pilot)
            assert app.is_running and app.screen is reader
        await resize(pilot, *NARROW)
        assert displayed(app.pane(app.active_pane))
        assert TOO_SMALL not in screen_text(app)


@pytest.mark.usefixtures("place_saved_at_exit")  # it reads the history: not rewritten by a timed save
async def test_escape_in_a_narrow_side_pane_comes_back_to_the_reading(shipped_dataset) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert displayed(app.timeline) and not displayed(app.reading)
        await pilot.press("escape")
        await settle(pilot)
        assert displayed(app.reading) and focused_pane(app) == "reading"
        assert app.history.current == Location("section", shipped_dataset.sections[0].id)



async def test_g_and_G_go_to_the_top_and_end_of_the_section_as_in_less(shipped_dataset) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        reading = app.reading
        last = len(shipped_dataset.sections_by_id[reading.section_id].paragraphs)
        await pilot.press("G")
        await wait_for(pilot, lambda: last in reading.in_view)
        await pilot.press("g")
        await wait_for(pilot, lambda: 1 in reading.in_view and last not in reading.in_view)
