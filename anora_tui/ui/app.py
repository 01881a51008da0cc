"""The reader: wiring, bindings, `Navigate` handling and the layout for the terminal's size.

Panes never talk to each other: they post `Navigate`, the App records it in the `History` and calls
the right pane. On terminals narrower than `WIDE` only some panes show at once: the breakpoint classes
on the screen say how many, an `-active` class on the active pane says which (styles/app.tcss has the
rules); below `TINY_*` a "too small" notice replaces them.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Collection, Iterator, Literal, Protocol

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import WorkerFailed

from ..core.background import run_in_background
from ..core.bookmarks import bookmarks_from_plain, bookmarks_to_plain
from ..core.model import Dataset
from ..core.config import read_config
from ..core.gc_pause import resume_after_start
from ..core.navigation import History, Location
from ..core.places import place_exists, quote_location
from ..core.state import SavedState, dataset_key, state_file
from ..core.text import clean_text
from ..paths import config_file, styles_dir
from .bookmarking import BookmarkKeys
from .crash_report import write_crash_report
from .finding import SEARCH_HISTORY, Finding
from .messages import Navigate, ParagraphsInView
from .panes.people import PeoplePane
from .panes.person_detail import PersonDetail
from .panes.reading import ReadingPane
from .panes.sections import SectionsPane
from .panes.timeline import TimelinePane
from .place_keeper import PlaceKeeper
from .providers import READER_PROVIDERS
from .screens.palette import ReaderPalette
from .signals import die_of, stopping_on_signals
from .widgets.key_bar import KeyBar
from .widgets.link_list import LinkList
from .textual_private import OneLineCrashApp, QuickStartScreen
from .widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ..core.search import QuoteIndex
    from .live_reload import LiveReload
# The help screen, --watch's reloader, the search screen's keys and the palette's providers are
# imported when first used: the first frame needs none of them.

class Pane(Protocol):
    """What the App asks of each of its four panes (sections, reading, people, timeline)."""

    def back_out(self) -> bool:
        """Escape: undo one step inside the pane (close a detail, clear a selection); False if there
        was nothing to undo, and the App then returns to reading."""
        ...

    def focus_default(self) -> None:
        """Take the focus where a reader arriving at the pane expects it."""
        ...

    def set_class(self, add: bool, *class_names: str, update: bool = True) -> Any: ...


PaneName = Literal["contents", "reading", "people", "timeline"]
PANES: tuple[PaneName, ...] = ("contents", "reading", "people", "timeline")
SIDE_PANES: tuple[PaneName, ...] = ("people", "timeline")
WIDE = 140
MEDIUM = 100
TINY_WIDTH = 20
TINY_HEIGHT = 6
EXIT_CRASHED = 1


def breakpoint_class(dimension: int, breakpoints: list[tuple[int, str]]) -> str | None:
    """The class of the largest breakpoint the size reaches, as Textual chooses it."""
    for breakpoint, class_name in sorted(breakpoints, reverse=True):
        if dimension >= breakpoint:
            return class_name
    return None


class ReaderScreen(QuickStartScreen):
    def on_resize(self, event: events.Resize) -> None:
        self.app.fit_to_size(event.size)


class AnoraApp(BookmarkKeys, Finding, OneLineCrashApp):
    CSS_PATH = sorted(styles_dir().glob("*.tcss"))
    AUTO_FOCUS = "#reading"
    COMMANDS = App.COMMANDS | READER_PROVIDERS
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (TINY_WIDTH, "-narrow"), (MEDIUM, "-medium"), (WIDE, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TINY_HEIGHT, "-tall")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "cycle_pane(1)", "Panes", show=True, priority=True, tooltip="Next pane", id="app.next-pane"),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, priority=True, id="app.previous-pane"),
        Binding("1", "show_pane('contents')", "Contents", show=True, id="app.show-sections",
                tooltip="The sections: the table of contents (hidden below 140 columns until asked for)"),
        Binding("2", "show_pane('reading')", "Reading", show=False, id="app.show-reading"),
        Binding("3", "show_pane('people')", "People", show=False, id="app.show-people"),
        Binding("4", "show_pane('timeline')", "Timeline", show=False, id="app.show-timeline"),
        Binding("alt+left,b,backspace", "back", "Back", show=True, key_display="b", tooltip="Back to the previous place", id="app.back"),
        Binding("alt+right,f", "forward", "Forward", show=False, tooltip="Forward again", id="app.forward"),
        Binding("slash", "search", "Search", show=True, tooltip="Search the quotes or the text", id="app.search"),
        Binding("escape", "back_out", "Back out one step", show=False, id="app.back-out"),
        Binding("f1,question_mark", "help", "Help", show=True, key_display="?", id="app.help"),
        Binding("ctrl+p", "command_palette", "Palette", show=False, priority=True, id="app.command-palette"),
        Binding("q", "quit", "Quit", show=True, id="app.quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit-anywhere"),  # even from a search box
        Binding("B", "bookmark", "Bookmark", show=True, id="app.bookmark",
                tooltip="Bookmark the paragraph at the top of the text (or the selected quote, person, scene or event)"),
        Binding("apostrophe", "bookmarks", "Bookmarks", show=True, key_display="'", id="app.bookmarks",
                tooltip="Your bookmarks: open one, or remove it"),
        Binding("z", "toggle_zen", "Zen", show=True, id="app.zen",
                tooltip="Zen: hide the side panes so the text gets the width (z again brings them back)"),
        # After Help and Quit: on a narrow terminal the key bar leaves out what does not fit.
        Binding("n", "step_match(1)", "Match", show=True, key_display="n/N",
                tooltip="Next match of the last search (N: previous)", id="app.next-match"),
        Binding("N", "step_match(-1)", "Previous match", show=False, id="app.previous-match"),
        Binding("n,N", "no_search", "Step through matches", show=False, id="app.no-search"),
        Binding("y", "copy_quote", "Copy", show=True,
                tooltip="Copy the selected quote (or the one on screen) with its citation", id="app.copy-quote"),
    ]

    def __init__(
        self,
        dataset: Dataset,
        *,
        data_dir: Path | None = None,
        state_path: Path | None = None,
        config_path: Path | None = None,
        watch: bool = False,
    ) -> None:
        super().__init__()
        self.config_path = config_path or config_file()
        self.keymap_in_force: dict[str, str] = {}  # binding id -> keys, from the user's settings
        self.dataset = dataset
        self.data_dir = data_dir  # where the dataset came from, named in a crash report
        self.live_reload: LiveReload | None = None
        if watch and data_dir is not None:
            from .live_reload import LiveReload  # and with it the loader: only for --watch

            self.live_reload = LiveReload(self, data_dir)
        self.state_path = state_path or state_file()
        self.places = PlaceKeeper(self, self.state_path, dataset_key(data_dir))
        self.history = History()
        self.active_pane: PaneName = "reading"
        self.last_side_pane: PaneName = "people"  # of the side column's panes, the one last used
        self._focus_requested: PaneName | None = None  # a pane chosen by key, its focus on the way
        self.init_finding(dataset)
        self.crash_report: Path | None = None
        self.crash_summary = ""
        self.save_error: str | None = None
        self.remembered_theme: str | None = None
        self.bookmarks: tuple[Location, ...] = ()  # oldest first
        self.zen = False  # the side panes hidden so the text gets the width
        self.quitting = False  # q, the palette's Quit or a signal: on the way out
        self.too_small = False  # the "terminal too small" notice stands in for the panes
        self._focus_before_too_small: Widget | None = None
        self.title = dataset.article.title
        self.sub_title = f"{dataset.article.publication}, {dataset.article.date}"
        self._preparing = False

    @property
    def quote_index(self) -> QuoteIndex:
        """Built after the first frame, in the background (`prepare_ahead`), in a large dataset; on
        first use in a small one; waited for if asked for while it is being built."""
        return self.search_indexes.quotes

    def on_ready(self) -> None:
        self.call_after_refresh(resume_after_start)  # the collector, paused by `main` (gc_pause)
        self.call_after_refresh(self.prepare_ahead)

    def prepare_ahead(self) -> None:
        """Once the first frame is drawn: count every person's mentions, then build the quote index,
        on a daemon thread (never waited for at exit). The People list is told when the counts are
        made; the search screen finds the index built, or says it is indexing until it is (the
        indexes' lock makes it wait for this build rather than start another). A failure is not
        reported here: it is raised again, and reported, where the value is needed."""
        dataset, indexes = self.dataset, self.search_indexes
        if self._preparing or (dataset.mentions_are_quick and indexes.is_cheap("quotes")):
            return  # a small dataset makes either in milliseconds when it is first needed
        self._preparing = True

        def work() -> None:
            try:
                if not dataset.mentions_counted:
                    dataset.count_mentions()
                    self._from_thread(lambda: self._mentions_counted(dataset))
                indexes.get("quotes")
            except Exception:
                pass

        run_in_background("anora-tui prepare", work)

    def _from_thread(self, callback) -> None:
        try:
            self.call_from_thread(callback)
        except RuntimeError:  # the reader has stopped meanwhile
            pass

    def _mentions_counted(self, dataset: Dataset) -> None:
        if dataset is self.dataset:  # not replaced meanwhile (--watch)
            self.people.refresh_counts()

    # --- layout ------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """The default screen, born with the breakpoint classes of the size known now: the first
        Resize then finds them in place instead of restyling every widget a second time."""
        screen = ReaderScreen(id="_default")
        width, height = self.size
        for size, breakpoints in ((width, self.HORIZONTAL_BREAKPOINTS), (height, self.VERTICAL_BREAKPOINTS)):
            class_name = breakpoint_class(size, breakpoints)
            if class_name is not None:
                screen.add_class(class_name, update=False)  # it is styled when registered
        return screen

    def compose(self) -> ComposeResult:
        yield TitleBar(self.title, self.sub_title, clean_text(self.dataset.article.film_title))
        yield self._panes()
        yield Static("Terminal too small: enlarge it (q quits)", id="too-small", markup=False)
        if self.live_reload is not None:
            from .widgets.problems_panel import ProblemsPanel

            yield ProblemsPanel()
        yield KeyBar()

    def _panes(self) -> Horizontal:
        return Horizontal(
            SectionsPane(self.dataset, id="contents"),
            ReadingPane(self.dataset, id="reading", classes="-active"),  # as _show_pane would
            Vertical(PeoplePane(self.dataset, id="people"), TimelinePane(self.dataset, id="timeline"), id="side"),
            id="panes",
        )

    def on_mount(self) -> None:
        self.fit_to_size(self.size)
        loaded = self.places.load()
        if loaded.notice:
            self.notify(loaded.notice, severity="warning", markup=False, timeout=8)
        saved = loaded.state
        config = read_config(self.config_path, _BindingIds(self), self.available_themes)
        for problem in config.problems:
            self.notify(problem, title="Settings", severity="warning", markup=False, timeout=12)
        self.set_keymap(config.keymap)
        if saved.theme in self.available_themes:
            self.theme = saved.theme
        elif config.theme is not None:
            self.theme = config.theme
        self.remembered_theme = self.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.search_history = list(saved.searches[:SEARCH_HISTORY])  # the saved searches, most recent first
        self._restore_place(saved)
        self._show_pane("reading", focus=False)  # AUTO_FOCUS puts the focus there
        if self.live_reload is not None:
            self.live_reload.start()

    async def replace_dataset(self, dataset: Dataset) -> None:
        """Read `dataset` from now on (`--watch`), in new panes, at the same place where it still exists."""
        place, active = self.current_state(), self.active_pane
        self.dataset = dataset
        self.reset_finding(dataset)  # indexes built again on the next search; the history stays
        self._preparing = False  # prepared again once the new panes are in place
        self.title = clean_text(dataset.article.title)
        self.sub_title = clean_text(f"{dataset.article.publication}, {dataset.article.date}")
        title_bar = self.query_one(TitleBar)
        title_bar.title_text, title_bar.sub_title_text = self.title, self.sub_title
        title_bar.film_text = clean_text(dataset.article.film_title)
        title_bar.refresh()
        await self.query_one("#panes").remove()
        await self.screen_stack[0].mount(self._panes(), after=title_bar)
        self._restore_place(place)
        self._show_pane(active)
        self.call_after_refresh(self.prepare_ahead)

    def _restore_place(self, saved: SavedState) -> None:
        """Open the saved place (the first section if it is gone), keeping the history's entries that
        still exist."""
        if saved.history is not None:
            self.history = History.restore(saved.history)
            self.history.keep_only(self._exists)  # the data may have changed since
        self.bookmarks, dropped = bookmarks_from_plain(self.dataset, saved.bookmarks)
        if dropped:
            said = "1 bookmark was dropped: its place is" if dropped == 1 else f"{dropped} bookmarks were dropped: their places are"
            self.notify(f"{said} no longer in the data.", severity="warning", markup=False, timeout=8)
        self._set_zen(saved.zen)
        section_id = saved.section_id
        if section_id not in self.dataset.sections_by_id:
            section_id, saved = self.dataset.sections[0].id, replace(saved, paragraph=1)
        self.contents.mark_current(section_id)
        self.reading.open_section(section_id, saved.paragraph if saved.paragraph > 1 else None, mark=False)
        current = self.history.current
        if current is None:
            self.history.visit(Location("section", section_id))
        elif current.kind in ("person", "scene", "event") and self._exists(current):
            self._show_detail(current)

    @property
    def contents(self) -> SectionsPane:
        return self.query_one("#contents", SectionsPane)

    @property
    def reading(self) -> ReadingPane:
        return self.query_one("#reading", ReadingPane)

    @property
    def people(self) -> PeoplePane:
        return self.query_one("#people", PeoplePane)

    @property
    def timeline(self) -> TimelinePane:
        return self.query_one("#timeline", TimelinePane)

    def pane(self, name: PaneName) -> Pane:
        return self.query_one(f"#{name}", Widget)  # type: ignore[return-value]  # each pane is a Pane

    def _show_pane(self, name: PaneName, focus: bool = True) -> None:
        """Make the pane the active one: shown (where panes collapse) and focused."""
        self.active_pane = name
        # Classes on the panes themselves, not the screen: a class change restyles only its subtree.
        # set_class restyles a node and its subtree at once, and only when the class really changes:
        # the pane is displayed now, so it can take the focus.
        side = self.query_one("#side")
        for pane in PANES:
            self.pane(pane).set_class(pane == name, "-active")
        side.set_class(name in ("people", "timeline"), "-active")
        side.set_class(name == "contents", "-yield")
        self._split_side_column()
        if focus:
            self._focus_requested = name
            self.pane(name).focus_default()
            self.call_after_refresh(self._focus_arrived, name)  # should it never arrive

    def _split_side_column(self) -> None:
        """The side pane in use (or the one holding an open detail) gets most of the column."""
        major = None
        if self.active_pane in SIDE_PANES:
            major = self.last_side_pane = self.active_pane
        else:
            with_detail = [name for name in SIDE_PANES if self._shows_detail(name)]
            if len(with_detail) == 1:
                major = with_detail[0]
            elif with_detail:
                major = self.last_side_pane
        for name in SIDE_PANES:
            self.pane(name).set_class(major is not None and name == major, "-major")
            self.pane(name).set_class(major is not None and name != major, "-minor")

    def _shows_detail(self, name: PaneName) -> bool:
        return self.people.showing_detail if name == "people" else self.timeline.open is not None

    def _focus_arrived(self, name: PaneName) -> None:
        if self._focus_requested == name:
            self._focus_requested = None

    @staticmethod
    def _panes_of(widget: Widget) -> list[str]:
        return [node.id for node in widget.ancestors_with_self if node.id in PANES]

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Clicking or tabbing into a pane makes it the active one. While the terminal is too small,
        a pane given the focus (by the screen's auto-focus as a modal closes, or a jump chosen in
        one) gives it up at once: the pane is hidden."""
        if self.too_small and event.widget.screen is self.screen_stack[0]:
            self._unfocus_hidden_pane()
            return
        if self.screen is not self.screen_stack[0]:
            return
        if event.widget is not self.focused or self._focus_requested not in (None, *self._panes_of(event.widget)):
            # Stale: the focus moved on before this event arrived, or a pane was chosen by key and
            # its focus is still on the way (Widget.focus is deferred). Acting on it would make an
            # earlier pane the active one again: three quick Tabs skipped a pane.
            return
        self._focus_requested = None
        for node in event.widget.ancestors_with_self:
            if node.id in PANES and node.id != self.active_pane:
                self._show_pane(node.id, focus=False)
                return

    def fit_to_size(self, size: Size) -> None:
        """Below the minimum size the notice hides the panes, and none may keep the focus: a hidden
        list would still take PageUp and the like. The focus comes back with the room. (Unfocusing is
        cheap; disabling the panes would restyle every widget at each crossing of the threshold.)"""
        too_small = size.width < TINY_WIDTH or size.height < TINY_HEIGHT
        if too_small == self.too_small:
            return
        self.too_small = too_small
        reader = self.screen_stack[0]
        if too_small:
            self._unfocus_hidden_pane()
        else:
            widget, self._focus_before_too_small = self._focus_before_too_small, None
            if widget is not None and widget.is_attached and widget.focusable:
                reader.set_focus(widget)
            elif reader.focused is None:
                self.pane(self.active_pane).focus_default()
        self.refresh_bindings()

    def _unfocus_hidden_pane(self) -> None:
        reader = self.screen_stack[0]
        if reader.focused is not None:
            self._focus_before_too_small = reader.focused
            reader.set_focus(None)

    # --- navigation --------------------------------------------------------------------------

    def on_navigate(self, message: Navigate) -> None:
        message.stop()
        location = message.location
        if not self._exists(location):
            self.notify(f"Nothing to open: {location.kind} {location.id!r} is not in this dataset.",
                        severity="warning", markup=False)
            return
        if message.record:
            self._remember_view()
            self.history.visit(location)
            self.refresh_bindings()  # Back may have become possible, Forward impossible
        self._go(location)

    def _exists(self, location: Location) -> bool:
        return place_exists(self.dataset, location)

    def _go(self, location: Location) -> None:
        """Show the location; one that remembers a scroll position (Back, Forward) is shown as it
        was left, a new one with where the jump landed marked."""
        returning = location.scroll is not None or location.cursor is not None
        if location.kind == "quote":
            location = quote_location(self.dataset, location.id)
        if location.kind == "section":
            self.contents.mark_current(location.id)
            self.reading.open_section(
                location.id, location.paragraph, location.span, location.marks,
                mark=not returning, scroll=location.scroll or 0,
            )
            self._show_pane("reading")
        else:
            self._show_detail(location)
            if returning and (links := self._detail_links(location)) is not None:
                links.restore_view(location.cursor, location.scroll)
            self._show_pane("people" if location.kind == "person" else "timeline")
        self.places.moved()

    def _detail_links(self, location: Location) -> LinkList | None:
        """The list of the detail view showing `location` (a person, scene or event), if one does."""
        if location.kind == "person":
            shown = self.people.showing_detail and self.people.detail.person_id == location.id
            return self.people.detail.links if shown else None
        timeline = self.timeline
        return timeline.detail.links if timeline.open == Location(location.kind, location.id) else None

    def _remember_view(self) -> None:
        """Keep in the history where the reader is in the current place, for Back to return to."""
        current = self.history.current
        if current is None:
            return
        if current.kind in ("section", "quote"):
            section_id = current.id if current.kind == "section" else self.dataset.quotes_by_id[current.id].section
            if self.reading.section_id == section_id:
                paragraph, lines_into = self.reading.view_position() or (None, 0)
                self.history.replace_current(Location("section", section_id, paragraph, scroll=lines_into))
        elif (links := self._detail_links(current)) is not None:
            cursor, scroll = links.view()
            self.history.replace_current(replace(current, cursor=cursor, scroll=scroll))

    def _show_detail(self, location: Location) -> None:
        if location.kind == "person":
            self.people.show_person(location.id)
        elif location.kind == "scene":
            self.timeline.show_scene(location.id)
        else:
            self.timeline.show_event(location.id)

    def on_paragraphs_in_view(self, message: ParagraphsInView) -> None:
        named = dict.fromkeys(
            person_id
            for paragraph in message.paragraphs
            for person_id in self.dataset.people_named_in(message.section_id, paragraph)
        )
        self.people.mark_named(named)
        self.timeline.mark_section(message.section_id)
        self.places.moved()  # the reading pane scrolled

    # --- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Tab is a priority binding so it can move between panes; over a modal screen it must fall
        # through to the screen's own focus chain. The other reader keys only apply to the reader.
        if self.quitting:  # keys typed after q (`q/` in a hurry) must not open anything as it closes
            return False
        reader_actions = ("cycle_pane", "show_pane", "back", "forward", "step_match", "no_search", "back_out",
                          "search", "copy_quote", "bookmark", "bookmarks", "toggle_zen")
        # While the terminal is too small for the reader, only quitting works (the notice says so).
        if action in reader_actions and (self.screen is not self.screen_stack[0] or self.too_small):
            return False
        if action in ("help", "command_palette") and self.too_small:
            return False
        if action == "step_match":
            return self.last_search is not None  # in the key bar once there is a search to step through
        # With nowhere to go, Back and Forward are shown dimmed (None), as a browser greys its arrows.
        if action == "back":
            return self.history.can_go_back or None
        if action == "forward":
            return self.history.can_go_forward or None
        return True

    def action_cycle_pane(self, step: int) -> None:
        index = PANES.index(self.active_pane)
        self._show_pane(PANES[(index + step) % len(PANES)])

    def action_show_pane(self, name: PaneName) -> None:
        self._show_pane(name)

    def action_back(self) -> None:
        self._remember_view()
        location = self.history.back()
        if location is None:
            self.bell()
        else:
            self.refresh_bindings()
            self._go(location)

    def action_forward(self) -> None:
        self._remember_view()
        location = self.history.forward()
        if location is None:
            self.bell()
        else:
            self.refresh_bindings()
            self._go(location)

    def action_back_out(self) -> None:
        """Escape: the active pane backs out one step; a pane with nothing left returns to reading."""
        pane = self.pane(self.active_pane)
        if pane.back_out():
            return
        if self.active_pane != "reading":
            self._show_pane("reading")

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.key_groups()))

    def key_groups(self) -> list[tuple[str, list[BindingType]]]:
        """What the help screen lists: each group's bindings, inherited ones included."""

        def bindings(node_class: type) -> list[Binding]:
            """The class's bindings with those it inherits (a later class's key replaces an earlier one's)."""
            by_key: dict[str, Binding] = {}
            for base in reversed(node_class.__mro__):
                if "BINDINGS" in base.__dict__:
                    if not base.__dict__.get("inherit_bindings", True):
                        by_key.clear()
                    by_key.update((binding.key, binding) for binding in Binding.make_bindings(base.BINDINGS))
            return list(by_key.values())

        def search_keys() -> list[Binding]:
            from .screens.search import SearchBox, SearchScreen

            # The box's own keys (not the text editing it inherits), then the screen's it leaves free.
            box = list(Binding.make_bindings(SearchBox.BINDINGS))
            taken = {binding.key for binding in box}
            screen = Binding.make_bindings(SearchScreen.BINDINGS)
            return box + [binding for binding in screen if binding.key not in taken]

        groups: list[tuple[str, list[BindingType]]] = [
            ("Anywhere", self.BINDINGS),
            ("Reading pane", bindings(ReadingPane)),
            ("Lists (sections, people, scenes, events)", bindings(LinkList)),
            ("People pane", bindings(PeoplePane)),
            ("A person's detail", bindings(PersonDetail)),
            ("Timeline pane", bindings(TimelinePane)),
            ("Search", search_keys()),
        ]
        return [(title, [self._in_force(binding) for binding in Binding.make_bindings(keys)]) for title, keys in groups]

    def _in_force(self, binding: Binding) -> Binding:
        """The binding with the keys the user's keymap gives it, if it gives any."""
        keys = self.keymap_in_force.get(binding.id or "")
        return binding if keys is None else replace(binding, key=keys, key_display=None)

    def set_keymap(self, keymap: dict[str, str]) -> None:
        self.keymap_in_force = dict(keymap)  # what the help screen shows
        super().set_keymap(keymap)

    def binding_ids(self) -> set[str]:
        """Every binding id a keymap may name."""
        from .screens.help import HelpScreen

        groups = self.key_groups() + [("Help", list(Binding.make_bindings(HelpScreen.BINDINGS)))]
        return {binding.id for _, keys in groups for binding in Binding.make_bindings(keys) if binding.id}

    # --- zen ---------------------------------------------------------------------------------

    def action_toggle_zen(self) -> None:
        self._set_zen(not self.zen)
        self.notify("Zen: the side panes are hidden (z brings them back; 1, 3 and 4 show one while you use it)."
                    if self.zen else "The side panes are back.", timeout=3, markup=False)
        self.save_place()

    def _set_zen(self, zen: bool) -> None:
        self.zen = zen
        self.query_one("#panes").set_class(zen, "-zen")

    def action_command_palette(self) -> None:
        if self.use_command_palette and not ReaderPalette.is_open(self):
            self.push_screen(ReaderPalette(id="--command-palette"))

    async def action_quit(self) -> None:
        self.quitting = True
        self.save_place()
        self.exit()

    # --- state -------------------------------------------------------------------------------

    def _remember_theme(self, theme) -> None:
        """A theme chosen in the palette is saved at once (restoring the saved one is not a change)."""
        if theme.name != self.remembered_theme:
            self.remembered_theme = theme.name
            self.save_place()

    def current_state(self) -> SavedState:
        reading = self.reading
        self._remember_view()
        return SavedState(
            reading.section_id, reading.top_paragraph, self.theme, self.history.snapshot(),
            bookmarks=bookmarks_to_plain(self.bookmarks), zen=self.zen, searches=tuple(self.search_history),
        )

    def save_place(self) -> bool:
        """Save where the reader is now; on failure keep the reason (shown now, or printed at exit)."""
        saved = self.places.save()
        self.save_error = self.places.error
        return saved

    def stop_for_signal(self, signum: int) -> None:
        """SIGTERM, SIGHUP or SIGINT (see `signals`): keep the place, then leave as `q` does."""
        self.quitting = True
        self.save_place()
        self.exit(return_code=128 + signum)

    def report_crash(self, error: Exception) -> None:
        """An unexpected error: keep the reader's place, write the full report to a file, and leave
        a one-line message (see `exit_status`) instead of Textual's traceback."""
        try:
            self.save_place()
        except Exception as save_failure:  # the state may be what broke; the report still gets written
            self.save_error = f"could not save your place: {type(save_failure).__name__}: {save_failure}"
        cause = error.error if isinstance(error, WorkerFailed) else error  # the worker's own error
        self.crash_summary = clean_text(f"{type(cause).__name__}: {cause}".splitlines()[0][:200])
        self.crash_report = write_crash_report(error, self.data_dir)


class _BindingIds(Collection[str]):
    """`AnoraApp.binding_ids()`, listed only when asked: only a settings file with a keymap asks, and
    listing them imports every screen's keys (search and help), which the first frame does not need."""

    def __init__(self, app: AnoraApp) -> None:
        self._app = app
        self._ids: set[str] | None = None

    def _all(self) -> set[str]:
        if self._ids is None:
            self._ids = self._app.binding_ids()
        return self._ids

    def __contains__(self, binding_id: object) -> bool:
        return binding_id in self._all()

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def exit_status(app: AnoraApp) -> int:
    """After the app has run: say what went wrong, in one line each, and choose the exit status."""
    if app.save_error:
        _say(app.save_error)
    if app.places.replaced_notice:
        _say(app.places.replaced_notice)
    if app.crash_summary:
        saved = "your place could not be saved" if app.save_error else "your place was saved"
        where = f"full report: {app.crash_report}" if app.crash_report else "no report could be written"
        _say(f"unexpected error ({app.crash_summary}); {saved}; {where}")
        return EXIT_CRASHED
    return app.return_code or 0


def _say(line: str) -> None:
    """One line on standard error, which may be a terminal already closed (SIGHUP): never raises."""
    try:
        print(f"anora-tui: {clean_text(line)}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def run_app(dataset: Dataset, data_dir: Path, watch: bool = False) -> int:
    app = AnoraApp(dataset, data_dir=data_dir, watch=watch)
    with stopping_on_signals(app.stop_for_signal) as caught:
        app.run()
    status = exit_status(app)
    return die_of(caught.signal) if caught.signal is not None else status
