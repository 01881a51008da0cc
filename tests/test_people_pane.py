"""The People pane: the grouped list, a person's detail, keys, the mouse, marks, resizing, hostile text."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.widgets import Footer
from ui_harness import NARROW, WIDE, resize, screen_lines, screen_strips, screen_text, wait_for

from anora_tui.core.model import (
    PERSON_KINDS,
    Article,
    Character,
    Dataset,
    Event,
    Note,
    Person,
    Production,
    Quote,
    Scene,
    Section,
    StoryPosition,
)
from anora_tui.core.navigation import Location
from anora_tui.paths import styles_dir
from anora_tui.ui.messages import Navigate
from anora_tui.ui.panes.people import PeoplePane
from anora_tui.ui.panes.person_detail import PersonDetail, build_rows
from anora_tui.ui.widgets.link_list import Link, LinkList



class Host(App):
    """Mounts the pane like the reader's right column and answers Navigate(person) like the App."""

    CSS_PATH = str(styles_dir() / "people.tcss")
    CSS = "Screen { align-horizontal: right; } PeoplePane { width: 48; }"
    BINDINGS = [Binding("escape", "app_escape", "Escape")]

    def __init__(self, dataset: Dataset, pane_width: int | None = 48) -> None:
        super().__init__()
        self.dataset = dataset
        self.pane_width = pane_width
        self.navigated: list[Location] = []
        self.app_escapes = 0

    def compose(self) -> ComposeResult:
        yield PeoplePane(self.dataset, id="people")
        yield Footer()

    def on_mount(self) -> None:
        if self.pane_width is None:
            self.pane.styles.width = "1fr"
        self.pane.focus_default()

    @property
    def pane(self) -> PeoplePane:
        return self.query_one(PeoplePane)

    def on_navigate(self, message: Navigate) -> None:
        self.navigated.append(message.location)
        if message.location.kind == "person":
            self.pane.show_person(message.location.id)

    def action_app_escape(self) -> None:
        self.app_escapes += 1


def people_list(app: Host) -> LinkList:
    return app.query_one("#people-list", LinkList)


def detail_links(app: Host) -> LinkList:
    return app.query_one("#person-links", LinkList)


# --- the list view ------------------------------------------------------------------------


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_list_groups_people_with_role_and_counts(example_dataset, size):
    app = Host(example_dataset, pane_width=None if size == NARROW else 48)
    async with app.run_test(size=size):
        assert app.focused is people_list(app)
        lines = [line.strip("│ ") for line in screen_lines(app, app.pane)]
        # Every kind is a group, in this order, each heading over its people (two lines each).
        groups = ["CAST · 2", "CREW · 1", "CITED · 1", "OTHER · 1"]
        assert [line for line in lines if line.split(" · ")[0].isupper()] == groups
        cast, crew, cited, other = (lines.index(group) for group in groups)
        # Mentions are paragraphs, as on a person's page: those naming them, then those only an
        # editor's note says are about them; the quotes only when there are any.
        # (A long count wraps onto a third line: the rows are compared as runs of words.)
        def rows(first: int, last: int) -> str:
            return " ".join(lines[first:last])

        assert rows(cast + 1, crew) == (
            "Tomás Reyes · Pell 1 quote · named in 1 paragraph, 1 more in a note"  # cast: the character they play
            " Ines Haldane · Wren 2 quotes · named in 3 paragraphs"
        )
        assert rows(crew + 1, cited) == "Mara Quill · director 4 quotes · named in 2 paragraphs, 1 more in a note"
        assert lines[cited + 1 : cited + 3] == ["Otto Brandt · filmmaker", "named in 2 paragraphs"]
        assert lines[other + 1 : other + 3] == ["Skipper · dog", "named in 1 paragraph"]
        assert people_list(app).highlighted_location == Location("person", "tomas-reyes")


async def test_arrows_and_enter_open_a_person(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("down", "down", "up", "enter")  # down skips the CREW heading
        await pilot.pause()
        assert app.navigated == [Location("person", "ines-haldane")]
        assert app.pane.showing_detail
        assert app.focused is detail_links(app)
        assert "Ines Haldane · cast" in screen_text(app, app.pane)


async def test_home_end_skip_headings(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("end")
        assert people_list(app).highlighted_location == Location("person", "skipper")
        await pilot.press("up")  # over the OTHER heading
        assert people_list(app).highlighted_location == Location("person", "otto-brandt")
        await pilot.press("home")
        assert people_list(app).highlighted_location == Location("person", "tomas-reyes")


async def test_click_opens_a_person(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        listing = people_list(app)
        row = screen_text(app, listing).splitlines().index(
            next(line for line in screen_text(app, listing).splitlines() if "Mara Quill" in line)
        )
        await pilot.click(listing, offset=(4, row))
        await pilot.pause()
        assert app.navigated == [Location("person", "mara-quill")]
        assert app.pane.showing_detail


async def test_mark_named_marks_and_unmarks(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        app.pane.mark_named(["mara-quill", "otto-brandt"])
        await pilot.pause()
        text = screen_text(app, app.pane)
        assert "● Mara Quill · director" in text
        assert "● Otto Brandt" in text
        assert "● Tomás Reyes" not in text
        app.pane.mark_named(["tomas-reyes"])
        await pilot.pause()
        text = screen_text(app, app.pane)
        assert "● Tomás Reyes · Pell" in text
        assert "● Mara Quill" not in text and "  Mara Quill" in text
        assert app.pane.named == {"tomas-reyes"}
        app.pane.show_person("tomas-reyes")
        await pilot.pause()
        assert "Tomás Reyes · cast  ● named where you read" in screen_text(app, app.pane)
        app.pane.mark_named([])
        await pilot.pause()
        assert "named where you read" not in screen_text(app, app.pane)


# --- the detail view ----------------------------------------------------------------------


async def test_detail_shows_every_section_in_order(example_dataset):
    app = Host(example_dataset, pane_width=None)
    async with app.run_test(size=(100, 60)) as pilot:
        app.pane.show_person("mara-quill")
        await pilot.pause()
        text = screen_text(app, app.pane)
        order = ["Mara Quill · crew", "ROLES", "director, writer", "ABOUT", "Writer and director",
                 "MENTIONS MAP", "named in 2 paragraphs, 1 more in a note, across 2 sections", "NOTES · 1",
                 "The source says «Brandt told the crew to wait». It was Quill", "QUOTES · 4",
                 "“I wanted to make a film where nothing arrives”", "§1 A film about waiting ¶2 · reported",
                 "SCENES · 2", "The ticket window · 0:00–0:02", "The fog · ≈ 0:05–0:08",
                 "EVENTS · 5", "c. 2009  Quill discovers Brandt's films", "Mar 2021  Quill writes the script",
                 "2021  Three nights on the pier", "Oct 2022  Premiere at Lowmoor",
                 "3 Nov 2022  Skipper goes home with the director",
                 "MENTIONS · 3 paragraphs", "§1 A film about waiting · 2", "¶1 ", "Mara Quill wrote it", "×2",
                 "§2 Three nights on the pier · 1", "(not named: only in"]  # (the row wraps)
        position = 0
        for part in order:
            position = text.index(part, position)  # each after the one before
        assert "PLAYS" not in text  # she plays no one


@pytest.mark.parametrize(
    ("person_id", "header"),
    [
        ("tomas-reyes", "Tomás Reyes · cast"),
        ("mara-quill", "Mara Quill · crew"),
        ("otto-brandt", "Otto Brandt · cited in the article"),
        ("skipper", "Skipper · dog"),  # in no group: their roles say more than "other"
    ],
)
async def test_detail_header_names_every_kind(example_dataset, person_id, header):
    app = Host(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        app.pane.show_person(person_id)
        await pilot.pause()
        assert [line.strip() for line in screen_lines(app, app.query_one("#person-header"))] == [header]


async def test_detail_of_someone_named_once_has_only_what_applies(example_dataset):
    app = Host(example_dataset, pane_width=None)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("end", "enter")  # the last group, OTHER: Skipper the dog
        await pilot.pause()
        assert app.navigated == [Location("person", "skipper")]
        rows = [option.prompt.plain for option in detail_links(app).options]
        assert rows[:5] == ["ROLES", "  dog", "ABOUT", "  The Garrow ticket office's dog, asleep through the whole shoot.", "MENTIONS MAP"]
        assert rows[5].endswith("named in 1 paragraph across 1 section")
        assert rows[6:8] == ["EVENTS · 1", "3 Nov 2022  Skipper goes home with the director"]
        assert rows[8:10] == ["MENTIONS · 1 paragraph", "§3 After the festival · 1"]
        assert rows[10].startswith("¶1 ") and "Skipper, the ticket office's dog" in rows[10]
        assert len(rows) == 11  # no plays, notes, quotes or scenes


def test_detail_names_the_form_of_each_quote(example_dataset):
    built = build_rows(example_dataset, example_dataset.people_by_id["mara-quill"], 40)
    quotes = [row.label.plain for row in built.rows if isinstance(row, Link) and row.location.kind == "quote"]
    assert [quote.rsplit("\n", 1)[1] for quote in quotes] == [
        "  — §1 A film about waiting ¶1",  # direct: no word for it
        "  — §1 A film about waiting ¶1",
        "  — §1 A film about waiting ¶2 · reported",
        "  — §1 A film about waiting ¶3 · retold in the first person",
    ]


async def test_detail_of_an_actor_lists_who_they_play(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        app.pane.show_person("tomas-reyes")
        app.pane.focus_default()
        await pilot.pause()
        assert "PLAYS" in screen_text(app, app.pane)
        assert "Pell — The ticket clerk" in screen_text(app, app.pane)
        assert detail_links(app).highlighted_location == Location("person", "tomas-reyes")


async def test_detail_links_follow_with_enter(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        app.pane.show_person("mara-quill")
        app.pane.focus_default()
        await pilot.pause()
        links = detail_links(app)
        first_mention = example_dataset.mentions_of("mara-quill")[0]
        # The mentions map row leads to the first naming.
        assert links.highlighted_location == Location("section", "origins", 1, first_mention.spans[0])
        await pilot.press("down", "enter")  # the note
        await pilot.press("down", "enter")  # the first quote
        await pilot.pause()
        says = "Brandt told the crew to wait"
        start = example_dataset.paragraph("the-shoot", 2).index(says)
        assert app.navigated == [
            Location("section", "the-shoot", 2, (start, start + len(says))),
            Location("quote", "nothing-arrives"),
        ]


async def test_jump_keys_reach_quotes_scenes_mentions(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=NARROW) as pilot:
        app.pane.show_person("mara-quill")
        app.pane.focus_default()
        # The footer redraws its bindings a few frames after the focus moves.
        await wait_for(pilot, lambda: "m Mentions" in screen_lines(app)[-1], message=lambda: screen_text(app))
        footer = screen_lines(app)[-1]
        assert "\" Quotes" in footer and "s Scenes" in footer
        links = detail_links(app)
        await pilot.press("m")
        paragraph = example_dataset.paragraph("origins", 1)
        location = links.highlighted_location
        assert location.kind == "section" and (location.id, location.paragraph) == ("origins", 1)
        assert paragraph[slice(*location.span)] == "Mara Quill"
        assert "MENTIONS · 3 paragraphs" in screen_text(app, links)  # the heading stays in view above
        await pilot.press("s")
        assert links.highlighted_location == Location("scene", "ticket-window")
        await pilot.press("quotation_mark")
        assert links.highlighted_location == Location("quote", "nothing-arrives")
        assert "QUOTES · 4" in screen_text(app, links)
        await pilot.press("pagedown", "end")
        last = example_dataset.mentions_of("mara-quill")[-1]
        assert links.highlighted_location.paragraph == last.paragraph


async def test_jump_keys_hidden_when_there_is_nothing_to_jump_to(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=NARROW) as pilot:
        app.pane.show_person("otto-brandt")  # no quotes, no scenes
        app.pane.focus_default()
        await wait_for(pilot, lambda: "m Mentions" in screen_lines(app)[-1], message=lambda: screen_text(app))
        footer = screen_lines(app)[-1]
        assert "Quotes" not in footer and "Scenes" not in footer
        before = detail_links(app).highlighted
        await pilot.press("quotation_mark")
        assert detail_links(app).highlighted == before


async def test_escape_backs_out_to_the_list_then_leaves_escape_to_the_app(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.pane.showing_detail
        assert "esc Close" in screen_text(app).splitlines()[-1]
        await pilot.press("escape")
        await pilot.pause()
        assert not app.pane.showing_detail
        assert app.focused is people_list(app)
        assert people_list(app).highlighted_location == Location("person", "mara-quill")
        assert app.app_escapes == 0
        await pilot.press("escape")
        assert app.app_escapes == 1
        assert app.pane.back_out() is False


async def test_show_person_does_not_take_focus_from_elsewhere(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        app.set_focus(None)
        app.pane.show_person("ines-haldane")
        await pilot.pause()
        assert app.focused is None
        assert app.pane.showing_detail
        app.pane.show_person("nobody-of-that-id")  # ignored, detail stays
        assert app.query_one(PersonDetail).person_id == "ines-haldane"
        app.pane.show_list()
        await pilot.pause()
        assert not app.pane.showing_detail


async def test_mentions_strip_fills_the_width_and_follows_resizes(example_dataset):
    app = Host(example_dataset, pane_width=None)
    async with app.run_test(size=(60, 30)) as pilot:
        app.pane.show_person("mara-quill")
        await pilot.pause()

        def strip_line() -> str:
            text = screen_text(app, detail_links(app)).splitlines()
            return text[text.index(next(l for l in text if "MENTIONS MAP" in l)) + 1].strip()

        narrow = strip_line()
        await resize(pilot, 120, 30)
        wide = strip_line()
        assert len(wide) > len(narrow) + 50
        # 8 paragraphs: origins 1 and 2 named, the-shoot 2 only through a note.
        cells = len(wide) / 8
        assert wide[int(cells * 0.5)] == "█" and wide[int(cells * 1.5)] == "█"
        assert wide[int(cells * 4.5)] == "▒"
        assert wide[int(cells * 2.5)] not in "█▒"


async def test_styles_come_from_the_theme_and_follow_it(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        app.pane.show_person("mara-quill")
        await pilot.press("m")  # bring the mentions into view
        await pilot.press("up")  # off them: the highlighted row is drawn in the highlight's colour

        def match_colours() -> set:
            return {
                segment.style.color
                for strip in screen_strips(app)
                for segment in strip
                if segment.text == "Mara Quill" and segment.style and segment.style.bold
            }

        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await pilot.pause()
            accent = Color.parse(app.get_css_variables()["text-accent"]).rgb  # the accent made for text
            near = [c for c in match_colours() if max(abs(a - b) for a, b in zip(c.triplet, accent)) <= 2]
            assert near, theme  # blending may round a channel by one


# --- the shipped dataset: every size, speed --------------------------------------------------


@pytest.mark.parametrize("size", [(1, 1), (4, 3), (12, 6), NARROW, WIDE])
async def test_any_size_works(shipped_dataset, size):
    app = Host(shipped_dataset, pane_width=None)
    async with app.run_test(size=size) as pilot:
        await pilot.press("down", "enter", "m", "quotation_mark", "s", "end", "pageup")
        await pilot.resize_terminal(size[0] + 7, size[1] + 3)
        await pilot.press("escape", "end", "enter")
        await pilot.pause()
    # At every size alike: Down and Enter open the list's second person; End and Enter its last.
    listed = [person.id for kind in PERSON_KINDS for person in shipped_dataset.people_of_kind(kind)]
    assert app.navigated == [Location("person", listed[1]), Location("person", listed[-1])]


def test_the_busiest_detail_has_a_row_for_every_mention(shipped_dataset):
    busiest = max(shipped_dataset.people, key=lambda p: shipped_dataset.mention_count(p.id))
    built = build_rows(shipped_dataset, busiest, 44)
    assert len(built.rows) > len(shipped_dataset.mentions_of(busiest.id))


async def test_showing_the_busiest_person(shipped_dataset):
    # How fast it opens is measured by benchmarks/startup.py, never here.
    busiest = max(shipped_dataset.people, key=lambda p: shipped_dataset.mention_count(p.id))
    app = Host(shipped_dataset)
    async with app.run_test(size=WIDE) as pilot:
        app.pane.show_person(busiest.id)
        # The page is drawn once laid out, a frame or more later on a loaded machine.
        await wait_for(pilot, lambda: busiest.name in screen_text(app, app.pane),
                       message=lambda: screen_text(app, app.pane))


# --- hostile text --------------------------------------------------------------------------

HOSTILE = ("[bold]x[/bold]", "[/i]", "[@click=app.quit]boom[/]")


def hostile_dataset() -> Dataset:
    bold, close, click = HOSTILE
    paragraph = f"{click} met {bold} and said “{close} quits”."
    article = Article("T", "P", "2024", (Section("s", f"Section {bold}", (paragraph,), 0),))
    people = [
        Person("p", click, "cast", (f"actor {close}",), f"About {bold}", aliases=(bold,)),
        Person("q", bold, "crew", ("director",), "Plain"),
    ]
    characters = [Character("c", f"Role {close}", "p", f"Plays {click}")]
    scenes = [Scene("sc", f"Scene {bold}", "x", StoryPosition(f"at {close}"), Production(), ("p",), ("c",), ("s",))]
    events = [Event("e", "2020", "year", f"Event {click}", "x", ("p",), ("s",))]
    quotes = [Quote("qq", "p", f"{close} quits", "s", 1)]
    notes = [Note("n", "s", 1, f"met {bold}", f"Fix {click}", ("p",))]
    return Dataset.build(article, people, characters, scenes, events, quotes, notes)


async def test_hostile_text_is_shown_literally():
    app = Host(hostile_dataset(), pane_width=None)
    async with app.run_test(size=(120, 50)) as pilot:
        text = screen_text(app, app.pane)
        assert "[@click=app.quit]boom[/] · Role [/i]" in text
        assert "[bold]x[/bold] · director" in text
        headings = [line.strip("│ ") for line in text.splitlines() if line.strip("│ ").split(" · ")[0].isupper()]
        assert headings == ["CAST · 1", "CREW · 1"]  # a kind nobody has gets no heading
        await pilot.click(people_list(app), offset=(4, 1))  # on the "[@click=app.quit]boom[/]" row
        await pilot.pause()
        assert app.is_running
        assert app.navigated == [Location("person", "p")]
        text = screen_text(app, app.pane)
        for expected in (
            "[@click=app.quit]boom[/] · cast",
            "Role [/i] — Plays [@click=app.quit]boom[/]",
            "actor [/i]",
            "About [bold]x[/bold]",
            "“[/i] quits”",
            "§1 Section [bold]x[/bold] ¶1",
            "Scene [bold]x[/bold] · at [/i]",
            "Event [@click=app.quit]boom[/]",
            "The source says «met [bold]x[/bold]». Fix [@click=app.quit]boom[/]",
            "¶1 [@click=app.quit]boom[/] met [bold]x[/bold]",
        ):
            assert expected in text, expected
        await pilot.click(app.pane, offset=(5, 1))  # the header's text
        await pilot.pause()
        assert app.is_running


async def test_calls_before_mount_are_kept(example_dataset):
    class EarlyHost(Host):
        def compose(self) -> ComposeResult:
            pane = PeoplePane(self.dataset, id="people")
            pane.mark_named(["ines-haldane"])
            pane.show_person("ines-haldane")
            yield pane

    app = EarlyHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.pane.showing_detail
        text = screen_text(app, app.pane)
        assert "Ines Haldane · cast  ● named where you read" in text
        assert "PLAYS" in text
        app.pane.back_out()
        await pilot.pause()
        assert "● Ines Haldane · Wren" in screen_text(app, app.pane)


# --- the filter box, rows with little to open, whole quotes -----------------------------------


def filter_box(app: Host):
    return app.query_one("#people-filter")


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_the_filter_narrows_the_list_as_you_type(example_dataset, size):
    app = Host(example_dataset, pane_width=None if size == NARROW else 48)
    async with app.run_test(size=size) as pilot:
        await pilot.press("ctrl+f")
        assert app.focused is filter_box(app)
        await pilot.press(*"hal")
        text = screen_text(app, app.pane)
        assert "Ines Haldane" in text and "Mara Quill" not in text
        assert "CAST · 1 of 2" in text and "CREW" not in text
        await pilot.press("backspace", "backspace", "backspace", *"wren")  # her character's name
        assert "Ines Haldane" in screen_text(app, app.pane)
        await pilot.press("enter")  # opens the first match
        await pilot.pause()
        assert app.navigated == [Location("person", "ines-haldane")]


async def test_the_filter_says_when_no_one_matches_and_escape_clears_it(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+f", *"zz")
        assert "No one is called “zz”." in screen_text(app, app.pane)
        await pilot.press("escape")  # clears, and leaves for the list at once
        assert filter_box(app).value == "" and "Mara Quill" in screen_text(app, app.pane)
        assert app.focused is people_list(app)
        assert app.app_escapes == 0
        await pilot.press("ctrl+f", *"quill", "down")
        assert app.focused is people_list(app)
        assert people_list(app).highlighted_location == Location("person", "mara-quill")


class SlowNames:
    """Search indexes whose people's names are being read (at a million quotes: a second or so):
    `people` waits until `ready` is set, on whichever thread asks."""

    def __init__(self, dataset) -> None:
        import threading

        from anora_tui.core.search import SearchIndexes

        self._indexes = SearchIndexes(dataset)
        self.ready = threading.Event()
        self.asked = 0

    @property
    def people_ready(self) -> bool:
        return self.ready.is_set()

    @property
    def people(self):
        self.asked += 1
        assert self.ready.wait(10)
        return self._indexes.people


async def test_a_large_datasets_filter_waits_for_the_names_read_ahead_not_the_keys(monkeypatch, example_dataset):
    """Above a few thousand people the filter takes the reader's names (read once, ahead, for the
    search too) on a thread, the list saying so meanwhile: its first key built them itself and took
    15 s at a million quotes, every key then made a record of each of 520,000 people (0.3 s)."""
    import anora_tui.ui.panes.people as people_module

    monkeypatch.setattr(people_module, "NAMES_READ_AT_ONCE", 0)
    app = Host(example_dataset)
    app.search_indexes = SlowNames(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+f", *"hal")
        await pilot.pause()
        assert "Reading everyone’s names…" in screen_text(app, app.pane)
        assert app.focused is filter_box(app)  # the keys still go to the box
        app.search_indexes.ready.set()
        await wait_for(pilot, lambda: "Ines Haldane" in screen_text(app, app.pane))
        text = screen_text(app, app.pane)
        assert "Mara Quill" not in text and "CAST · 1 of 2" in text
        await pilot.press("backspace", *"l")  # "hal" again: the names are at hand now
        assert "Ines Haldane" in screen_text(app, app.pane)
        assert app.search_indexes.asked == 1  # read once, the search's own names


async def test_the_names_are_read_as_the_filter_takes_the_focus_not_on_its_first_letter(monkeypatch, example_dataset):
    """A letter comes a moment after Ctrl+F: the names are read meanwhile (at a million quotes, 21 ms
    of that letter's 48), and the list is not made again for an empty box once they are there."""
    import anora_tui.ui.panes.people as people_module

    monkeypatch.setattr(people_module, "NAMES_READ_AT_ONCE", 0)
    app = Host(example_dataset)
    app.search_indexes = SlowNames(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.search_indexes.asked == 0  # nothing read before the box is used
        before = screen_text(app, app.pane)
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: app.search_indexes.asked == 1)
        app.search_indexes.ready.set()
        await wait_for(pilot, lambda: app.pane._names is not None)
        await pilot.pause()
        assert screen_text(app, app.pane) == before  # everyone, as before
        await pilot.press(*"hal")
        text = screen_text(app, app.pane)  # at once: no "Reading everyone’s names…" between
        assert "Ines Haldane" in text and "Mara Quill" not in text
        assert app.search_indexes.asked == 1


async def test_the_filter_hides_with_the_list(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.pane.showing_detail and not filter_box(app).display
        await pilot.press("ctrl+f")  # back to the list, in the box
        await pilot.pause()
        assert not app.pane.showing_detail and app.focused is filter_box(app)


async def test_people_with_little_to_open_are_dimmed(shipped_dataset):
    app = Host(shipped_dataset)
    async with app.run_test(size=WIDE):
        little = [p for p in shipped_dataset.people
                  if not (shipped_dataset.quotes_by(p.id) or shipped_dataset.scenes_with(p.id)
                          or shipped_dataset.events_with(p.id))]
        assert little  # the shipped article cites many people once
        for person in little:
            label = app.pane._label(person)
            assert "quote" not in label.plain  # no "0 quotes"
            assert "named in" in label.plain
            assert any(span.style == ".people-pane--little" for span in label.spans)
        busy = next(p for p in shipped_dataset.people if shipped_dataset.quotes_by(p.id))
        assert all(span.style != ".people-pane--little" for span in app.pane._label(busy).spans)


def test_a_persons_quotes_are_whole_and_show_their_form(shipped_dataset):
    daniels = shipped_dataset.people_by_id["drew-daniels"]
    built = build_rows(shipped_dataset, daniels, 40)
    labels = [row.label.plain for row in built.rows if getattr(row, "location", None) and row.location.kind == "quote"]
    quotes = shipped_dataset.quotes_by("drew-daniels")
    assert len(labels) == len(quotes)
    for label, quote in zip(labels, quotes):
        assert quote.text in label  # whole, never cut
        if quote.form == "direct":
            assert label.startswith("“")
        else:
            assert not label.startswith("“") and ("reported" in label or "first person" in label)


async def test_a_dataset_with_no_people_says_so_not_that_no_one_matches_an_empty_filter(tmp_path):
    from anora_tui.core.authoring.draft import template_draft
    from anora_tui.core.authoring.draft_files import draft_files
    from anora_tui.core.authoring.examples import commented_examples
    from anora_tui.core.loading.loader import load_dataset

    for name, contents in draft_files(template_draft(), None, commented_examples()).items():
        (tmp_path / name).write_text(contents, encoding="utf-8")
    app = Host(load_dataset(tmp_path))
    async with app.run_test(size=WIDE):
        text = screen_text(app, app.pane)
        assert "No people in this dataset yet." in text and "No one is called" not in text
