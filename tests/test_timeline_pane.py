"""The timeline pane, driven with real keys and clicks in a small host App that plays the App's part:
it records every Navigate and opens scenes and events in the pane, as the reader's App does."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import ContentSwitcher
from ui_harness import NARROW, WIDE, resize, screen_strips, screen_text

from anora_tui.core.model import (
    Article,
    Character,
    Dataset,
    Event,
    Person,
    Production,
    Scene,
    Section,
    StoryPosition,
)
from anora_tui.core.navigation import Location
from anora_tui.core.timeline_layout import event_span, format_length, format_position
from anora_tui.paths import styles_dir
from anora_tui.ui.messages import Navigate
from anora_tui.ui.panes.timeline import (
    APPROXIMATE_CHAR,
    DISCUSSED_MARKER,
    ESTIMATED_CHAR,
    EXACT_CHAR,
    TimelinePane,
)
from anora_tui.ui.widgets.film_strip import cell_range
from anora_tui.ui.widgets.link_list import LinkList
from anora_tui.ui.widgets.track_switch import TrackSwitch



class TimelineHost(App):
    CSS_PATH = [styles_dir() / "timeline.tcss"]
    BINDINGS = [Binding("escape", "app_escape", "Escape")]

    def __init__(self, dataset: Dataset) -> None:
        super().__init__()
        self.animation_level = "none"  # the tabs' underline would otherwise animate for 0.3 s per switch
        self.dataset = dataset
        self.navigations: list[Location] = []
        self.app_escapes = 0

    def compose(self) -> ComposeResult:
        yield TimelinePane(self.dataset, id="timeline")

    def on_mount(self) -> None:
        self.pane.focus_default()

    @property
    def pane(self) -> TimelinePane:
        return self.query_one(TimelinePane)

    def on_navigate(self, message: Navigate) -> None:
        self.navigations.append(message.location)
        if message.location.kind == "scene":
            self.pane.show_scene(message.location.id)
        elif message.location.kind == "event":
            self.pane.show_event(message.location.id)

    def action_app_escape(self) -> None:
        self.app_escapes += 1


def rows(link_list: LinkList) -> list[str]:
    return [option.prompt.plain for option in link_list.options]


def strip_lines(pane: TimelinePane) -> list[str]:
    return pane.strip.render().plain.split("\n")


def facts(pane: TimelinePane) -> str:
    return pane.detail.facts


def link_rows(pane: TimelinePane) -> list[str]:
    """The detail's rows below its facts: how it was shot, and what can be followed."""
    return rows(pane.detail.links)[len(facts(pane).split("\n")) :]


def current_view(pane: TimelinePane) -> str | None:
    return pane.query_one(ContentSwitcher).current


# --- the story track ------------------------------------------------------------------------


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_story_rows_show_order_title_position_and_length(example_dataset, size):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=size):
        pane = app.pane
        assert app.focused is pane.track_list
        assert pane.track_list.highlighted == 0
        assert rows(pane.track_list) == [
            "  1. The ticket window\n   0:00–0:02 · 2 min",
            "  2. The fog\n   ≈ 0:05–0:08 · 3 min",
            "  3. The last line\n   ≈ 0:11",
        ]
        assert "2. The fog" in screen_text(app)


async def test_scene_rows_say_where_each_scene_falls_in_minutes_or_in_words(shipped_dataset):
    app = TimelineHost(shipped_dataset)
    async with app.run_test(size=WIDE):
        shown = rows(app.pane.track_list)
        assert len(shown) == len(shipped_dataset.scenes)
        for scene, row in zip(shipped_dataset.scenes, shown):
            where = " · ".join(part for part in (format_position(scene.position), format_length(scene.position)) if part)
            assert row == f"  {scene.order + 1}. {scene.title}\n   {where}"
        # Both kinds are there: scenes placed in minutes, and scenes only described in words.
        unplaced = [s for s in shipped_dataset.scenes if s.position.start_minute is None]
        assert 0 < len(unplaced) < len(shipped_dataset.scenes)
        assert all(row.endswith(s.position.description) for s, row in zip(shipped_dataset.scenes, shown) if s in unplaced)


async def test_film_strip_places_and_sizes_scenes_and_marks_approximate_ones(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=WIDE):
        strip, axis = strip_lines(app.pane)
        width = app.pane.strip.size.width
        assert len(strip) == len(axis) == width == app.pane.size.width - 2  # the strip's padding
        runtime = example_dataset.article.film_runtime_minutes
        ticket = cell_range(0, 2, runtime, width)
        fog = cell_range(5, 3, runtime, width)
        last = cell_range(11, 0, runtime, width)
        assert set(strip[slice(*ticket)]) == {EXACT_CHAR}
        assert set(strip[slice(*fog)]) == {APPROXIMATE_CHAR}
        assert strip[slice(*last)] == APPROXIMATE_CHAR
        assert strip.count(EXACT_CHAR) + strip.count(APPROXIMATE_CHAR) == sum(
            end - start for start, end in (ticket, fog, last)
        )
        assert axis.startswith("0:00") and "0:10" in axis
        assert "approximate (≈)" in app.pane.strip.tooltip.plain


async def test_scenes_without_minutes_are_drawn_estimated(shipped_dataset):
    app = TimelineHost(shipped_dataset)
    async with app.run_test(size=WIDE):
        strip, _ = strip_lines(app.pane)
        unplaced = [s for s in shipped_dataset.scenes if s.position.start_minute is None]
        assert strip.count(ESTIMATED_CHAR) == len(unplaced) > 0


async def test_strip_redraws_at_the_new_width_on_resize(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        wide_strip, _ = strip_lines(app.pane)
        await resize(pilot, 60, 20)
        strip, axis = strip_lines(app.pane)
        assert len(strip) == len(axis) == app.pane.size.width - 2 < len(wide_strip)
        assert strip in screen_text(app)


async def test_highlighting_a_row_selects_its_scene_on_the_strip(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        strip = app.pane.strip
        assert strip.selected == "ticket-window"
        await pilot.press("j")
        assert strip.selected == "fog"
        await pilot.press("end")
        assert strip.selected == "last-line"
        await pilot.press("k", "pageup")
        assert strip.selected == "ticket-window"
        await pilot.press("pagedown")
        assert strip.selected == "last-line"


# --- opening and backing out ----------------------------------------------------------------


async def test_enter_posts_navigate_and_the_detail_shows_how_the_scene_was_shot(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("down", "enter")
        assert app.navigations == [Location("scene", "fog")]
        pane = app.pane
        assert current_view(pane) == "timeline-detail"
        assert app.focused is pane.detail.links
        assert facts(pane) == (
            "The fog\nFog rolls over the pier and Wren waits inside it.\n"
            "Scene 2 of 3 · ≈ 0:05–0:08 · 3 min (about halfway)\n"
            "Not in the article: The fog was shot on the second night, the festival programme says."
        )  # what happens first, then when, then what the dataset knows from elsewhere
        assert link_rows(pane) == [
            "How it was shot",
            "Location: Garrow pier",
            "Days: 2 days shot, 1 day planned",
            "Script pages: 4-6",
            "Camera: handheld, one lens",
            "• The fog was real and would not lift on the first night.",
            "People",
            "Mara Quill — director, writer",
            "Ines Haldane — actor (Wren)",
            "Tomás Reyes — actor (Pell)",
            "Characters",
            "Pell — played by Tomás Reyes",
            "Wren — played by Ines Haldane",
            "Discussed in",
            "§2 Three nights on the pier",
            "The whole film",
            "Days: 3 days shot",
            "Camera: 16mm film",
            "• Three nights on the pier at Garrow, with a crew of nine.",
            "Not in the article: The festival cut runs eleven minutes.",
        ]


async def test_scene_detail_says_where_each_scene_falls_however_precisely(example_dataset, shipped_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=NARROW):
        where = {}
        for scene in example_dataset.scenes:
            app.pane.show_scene(scene.id)
            where[scene.id] = facts(app.pane).split("\n")[2]
        assert where == {
            "ticket-window": "Scene 1 of 3 · 0:00–0:02 · 2 min (the opening minutes)",  # exact
            "fog": "Scene 2 of 3 · ≈ 0:05–0:08 · 3 min (about halfway)",
            "last-line": "Scene 3 of 3 · ≈ 0:11 (the final minute)",  # a start, no length
        }
        app.pane.show_scene("ticket-window")
        shot = rows(app.pane.detail.links)
        start = shot.index("How it was shot")
        assert shot[start : start + 3] == ["How it was shot", "Location: Garrow pier ticket office", "Days: 1 day shot"]
    unplaced = next(scene for scene in shipped_dataset.scenes if scene.position.start_minute is None)
    app = TimelineHost(shipped_dataset)
    async with app.run_test(size=NARROW):
        app.pane.show_scene(unplaced.id)
        where = facts(app.pane).split("\n")[2]  # no minutes: in words
        assert where == f"Scene {unplaced.order + 1} of {len(shipped_dataset.scenes)} · {unplaced.position.description}"


async def test_detail_links_post_navigate_for_people_characters_and_sections(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=NARROW) as pilot:
        app.pane.show_scene("fog")
        app.pane.focus_default()
        links = app.pane.detail.links
        assert links.highlighted == 0 and links.scroll_y == 0  # the detail opens at its top
        await pilot.press("enter")  # the title: nothing to follow
        assert app.navigations == []
        while links.highlighted_location is None:
            await pilot.press("down")
        await pilot.press("enter")  # first link: Mara Quill
        await pilot.press("down", "down", "down", "enter")  # Pell, played by Tomás Reyes
        await pilot.press("down", "down", "enter")  # Wren, then the section (headings are skipped)
        assert app.navigations == [
            Location("person", "mara-quill"),
            Location("person", "tomas-reyes"),
            Location("section", "the-shoot"),
        ]


async def test_a_scene_with_no_production_facts_says_so(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=NARROW):
        app.pane.show_scene("last-line")
        assert link_rows(app.pane)[:2] == ["How it was shot", "The article does not say."]
        assert "≈ 0:11 (the final minute)" in facts(app.pane)


async def test_escape_backs_out_to_the_row_then_goes_on_to_the_app(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=NARROW) as pilot:
        pane = app.pane
        assert app.screen.active_bindings["escape"].binding.action == "app_escape"
        await pilot.press("end", "enter")
        assert current_view(pane) == "timeline-detail"
        shown = app.screen.active_bindings["escape"].binding
        assert (shown.action, shown.description, shown.show) == ("back_out", "Close", True)
        await pilot.press("escape")
        assert current_view(pane) == "timeline-list"
        assert pane.track_list.highlighted_location == Location("scene", "last-line")
        assert app.focused is pane.track_list
        assert app.app_escapes == 0
        await pilot.press("escape")
        assert app.app_escapes == 1
        assert pane.back_out() is False


async def test_back_out_and_focus_default_as_the_app_calls_them(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        pane = app.pane
        app.set_focus(None)
        pane.show_event("premiere")
        await pilot.pause()
        assert app.focused is None  # opening from elsewhere does not steal focus
        pane.focus_default()
        await pilot.pause()
        assert app.focused is pane.detail.links
        assert pane.back_out() is True
        await pilot.pause()
        assert pane.track_list.highlighted_location == Location("event", "premiere")
        assert app.focused is pane.track_list


# --- the production track -------------------------------------------------------------------


async def test_t_switches_to_events_in_date_order_with_their_precision(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=NARROW) as pilot:
        pane = app.pane
        await pilot.press("t")
        assert pane.track == "production"
        assert pane.query_one(TrackSwitch).active == "production"
        assert rows(pane.track_list) == [  # every precision: approximate, month, year, day
            "  c. 2009\n  Quill discovers Brandt's films",
            "  Mar 2021\n  Quill writes the script",
            "  2021\n  Three nights on the pier",
            "  Oct 2022\n  Premiere at Lowmoor",
            "  3 Nov 2022\n  Skipper goes home with the director",
        ]
        strip, axis = strip_lines(pane)
        width, years = len(strip), 2023 - 2009  # whole years, from the first event's to the last's
        cells = {}  # c. 2009 spans its whole year; 2021 its year (March 2021 inside it); a day is a point
        for event in example_dataset.events:
            start, length = event_span(event.date, event.precision)
            cells[event.id] = set(range(*cell_range(start - 2009, length, years, width)))
        assert {strip[cell] for cell in cells["brandt-films"]} == {APPROXIMATE_CHAR}
        for exact in ("script-written", "the-shoot", "premiere", "skipper-adopted"):
            assert cells[exact] and {strip[cell] for cell in cells[exact]} == {EXACT_CHAR}, exact
        assert len(cells["skipper-adopted"]) == 1 and len(cells["the-shoot"]) > len(cells["premiere"])
        drawn = {cell for cell, char in enumerate(strip) if char in (EXACT_CHAR, APPROXIMATE_CHAR)}
        assert drawn == set().union(*cells.values())
        assert "2010" in axis and "2022" in axis
        assert "approximate (c.)" in pane.strip.tooltip.plain  # the strip's key follows the track
        await pilot.press("t")
        assert pane.track == "story"
        assert pane.query_one(TrackSwitch).active == "story"


async def test_clicking_a_tab_switches_the_track(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        start, _end = app.pane.query_one(TrackSwitch).cells()["production"]
        await pilot.click("#timeline-tracks", offset=(start + 1 + 2, 0))  # past the padding, into the label
        await pilot.pause()
        assert app.pane.track == "production"
        assert rows(app.pane.track_list)[0].startswith("  c. 2009")


async def test_event_detail_shows_date_precision_note_and_links(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("t", "enter")
        assert app.navigations == [Location("event", "brandt-films")]
        shown = facts(app.pane)
        assert shown.startswith(
            "Quill discovers Brandt's films\nAs a student, Quill watches Otto Brandt's harbour films.\n"
            "c. 2009 (approximate)\n"
        )  # the summary before the date and its note
        assert "The article says only \"as a student\"" in shown
        assert link_rows(app.pane) == [
            "People",
            "Mara Quill — director, writer",
            "Otto Brandt — filmmaker",
            "Discussed in",
            "§1 A film about waiting",
        ]


async def test_event_detail_says_how_precise_each_date_is(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=NARROW):
        dates = {}
        for event in example_dataset.events:
            app.pane.show_event(event.id)
            dates[event.id] = facts(app.pane).split("\n")[2]
        assert dates == {
            "brandt-films": "c. 2009 (approximate)",
            "script-written": "Mar 2021 (month known)",
            "the-shoot": "2021 (year known)",
            "premiere": "Oct 2022 (month known)",
            "skipper-adopted": "3 Nov 2022 (exact date)",
        }


async def test_showing_a_scene_or_event_switches_to_its_track(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=WIDE):
        pane = app.pane
        pane.show_event("premiere")
        assert (pane.track, pane.query_one(TrackSwitch).active) == ("production", "production")
        pane.show_scene("fog")
        assert (pane.track, pane.query_one(TrackSwitch).active) == ("story", "story")
        assert current_view(pane) == "timeline-detail"
        assert pane.track_list.highlighted_location == Location("scene", "fog")
        pane.show_track("production")
        assert current_view(pane) == "timeline-list"
        with pytest.raises(ValueError):
            pane.show_track("festival")


# --- marks and the mouse --------------------------------------------------------------------


async def test_mark_section_marks_the_scenes_and_events_it_discusses(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        pane = app.pane
        await pilot.press("down")
        pane.mark_section("afterwards")
        marked = [row.startswith(DISCUSSED_MARKER) for row in rows(pane.track_list)]
        assert marked == [False, False, True]
        assert pane.track_list.highlighted == 1  # marking keeps the reader's place
        assert pane.strip.discussed == {"last-line"}
        await pilot.press("t")
        marked = [row.startswith(DISCUSSED_MARKER) for row in rows(pane.track_list)]
        assert marked == [False, False, True, True, True]
        assert pane.strip.discussed == {"the-shoot", "premiere", "skipper-adopted"}
        pane.mark_section(None)
        assert not any(row.startswith(DISCUSSED_MARKER) for row in rows(pane.track_list))


async def test_strip_styles_show_discussed_and_selected_scenes(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        pane = app.pane
        strip = pane.strip
        pane.mark_section("afterwards")
        await pilot.press("down")
        rendered = strip.render()

        def style_at(minute: float) -> str:
            """The component class the cell is drawn with (resolved by Textual when drawn)."""
            cell = cell_range(minute, 0, 12, strip.size.width)[0]
            return next(span.style for span in rendered.spans if span.start <= cell < span.end)

        assert style_at(5) == ".timeline-strip--selected"  # fog
        assert style_at(11) == ".timeline-strip--discussed"  # last line
        assert style_at(0) == ".timeline-strip--mark"


async def test_clicking_a_mark_on_the_strip_opens_its_scene(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        strip = app.pane.strip
        cell = cell_range(6, 0, 12, strip.size.width)[0]
        await pilot.click("#timeline-strip", offset=(cell + 1, 0))  # +1: the strip's left padding
        assert app.navigations == [Location("scene", "fog")]
        assert current_view(app.pane) == "timeline-detail"
        assert "The fog" in facts(app.pane)


async def test_rows_take_their_colours_from_the_current_theme(example_dataset):
    """Rows are drawn with the pane's component classes, resolved when drawn: a new theme recolours
    them with nothing rebuilt."""
    app = TimelineHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        pane = app.pane

        def approximate_colours() -> set:
            return {
                segment.style.color
                for strip in screen_strips(app)
                for segment in strip
                if segment.text.startswith("≈ 0:05") and segment.style and segment.style.italic
            }

        dark = approximate_colours()
        assert dark
        label_before = pane.track_list.get_option_at_index(1).prompt
        app.theme = "textual-light"
        await pilot.pause()
        light = approximate_colours()
        assert light and light != dark
        assert pane.track_list.get_option_at_index(1).prompt is label_before  # not rebuilt


# --- the shipped dataset, sizes, hostile text, speed ----------------------------------------


async def test_every_shipped_scene_and_event_opens(shipped_dataset):
    app = TimelineHost(shipped_dataset)
    async with app.run_test(size=NARROW):
        pane = app.pane
        for scene in shipped_dataset.scenes:
            pane.show_scene(scene.id)
            assert facts(pane).startswith(scene.title)
            links = link_rows(pane)
            for person_id in scene.people:
                assert any(r.startswith(shipped_dataset.people_by_id[person_id].name) for r in links)
        for event in shipped_dataset.events:
            pane.show_event(event.id)
            assert facts(pane).startswith(event.title)
        assert len(pane.track_list.options) == len(shipped_dataset.events)


async def test_tiny_terminals_do_not_crash(example_dataset):
    app = TimelineHost(example_dataset)
    async with app.run_test(size=(1, 1)) as pilot:
        for size in [(1, 1), (4, 3), (12, 6), (30, 10)]:
            await resize(pilot, *size)
            await pilot.press("home", "down", "enter", "t", "escape", "t")
            await pilot.pause()
            assert app.pane.track == "story"
            assert app.navigations[-1] == Location("scene", "fog")
            await pilot.press("escape")
        assert len(app.navigations) == 4


HOSTILE = ("[bold]x[/bold]", "[/i]", "[@click=app.quit]boom[/]")


def hostile_dataset() -> Dataset:
    bold, close, click = HOSTILE
    section = Section("s", bold, (f"{click} and {close}",), 0)
    article = Article(click, close, "2024", (section,), film_title=bold, film_runtime_minutes=10)
    person = Person("p", click, "cast", (close,), bold)
    character = Character("c", bold, "p", click)
    scene = Scene(
        "sc",
        close,
        click,
        StoryPosition(bold),
        Production(location=click, script_pages=close, camera=(bold,), notes=(click,)),
        ("p",),
        ("c",),
        ("s",),
    )
    event = Event("e", "2021-07", "month", click, bold, ("p",), ("s",), date_note=close)
    return Dataset.build(article, [person], [character], [scene], [event], [], [])


async def test_hostile_text_is_shown_literally():
    app = TimelineHost(hostile_dataset())
    async with app.run_test(size=WIDE) as pilot:
        bold, close, click = HOSTILE
        assert rows(app.pane.track_list) == [f"  1. {close}\n   {bold}"]
        await pilot.press("enter")
        shown = facts(app.pane)
        for text in (close, click):
            assert text in shown
        listed = link_rows(app.pane)
        for text in (f"Script pages: {close}", f"Camera: {bold}", f"• {click}"):
            assert text in listed
        assert listed[listed.index("People"):] == [
            "People",
            f"{click} — {close}",
            "Characters",
            f"{bold} — played by {click}",
            "Discussed in",
            f"§1 {bold}",
        ]
        assert click in screen_text(app) and bold in screen_text(app)
        await pilot.press("enter")  # follows the person link; must not run the markup's action
        await pilot.click("#timeline-detail-links", offset=(2, 0))  # the title row
        await pilot.press("t", "enter")
        shown = facts(app.pane)
        assert f"{click}\n{bold}\nJul 2021 (month known)\n{close}" == shown
        assert app.is_running
        assert app.navigations[-1] == Location("event", "e")


async def test_control_sequences_in_data_are_never_sent_to_the_terminal():
    red, bidi = "\x1b[31mred", "a\u202eb"
    dataset = hostile_dataset()
    scene = replace(dataset.scenes[0], title=red, summary=bidi)
    dataset = Dataset.build(
        dataset.article, dataset.people, dataset.characters, [scene], dataset.events, [], []
    )
    app = TimelineHost(dataset)
    async with app.run_test(size=WIDE) as pilot:
        assert rows(app.pane.track_list)[0].startswith("  1. \ufffd[31mred\n")
        await pilot.press("enter")
        assert facts(app.pane).startswith("\ufffd[31mred\n")
        assert facts(app.pane).split("\n")[1] == "ab"
        assert "\x1b" not in screen_text(app) and "\u202e" not in screen_text(app)


async def test_a_new_pane_can_be_built_and_open_every_scene(shipped_dataset):
    # How fast is measured by benchmarks/startup.py, never here.
    app = TimelineHost(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        pane = TimelinePane(shipped_dataset, id="timeline-again")
        await app.mount(pane)
        for scene in shipped_dataset.scenes:
            pane.show_scene(scene.id)
            await pilot.pause()
            assert facts(pane).startswith(scene.title)
