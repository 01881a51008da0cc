"""The reader: wiring, bindings, start-up, the saved place and leaving.

Panes never talk to each other: they post `Navigate`, the App records it in the `History` and calls
the right pane (`navigating`). The panes' layout for the terminal's size is in `layout`, the keymap and
the help screen's keys in `keymapping`, the search and copy keys in `finding`, the bookmark keys in
`bookmarking`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Iterable

from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.markup import escape
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import WorkerFailed

from ..core.bookmarks import bookmarks_from_plain, bookmarks_to_plain
from ..core.model import Dataset
from ..core.config import problems_listed, problems_notice, read_config
from ..core.gc_pause import resume_after_start
from ..core.loading.cache import start_writing_behind
from ..core.navigation import History, Location
from ..core.state import SavedState, dataset_key, starting_theme, state_file, theme_picked
from ..core.quoting import publication_line
from ..core.text import clean_text
from ..paths import config_file, styles_dir
from .bookmarking import BookmarkKeys
from .crash_report import write_crash_report
from .finding import SEARCH_HISTORY, Finding
from .keymapping import BindingIds, Keymapping
from .idle_collection import IdleCollection
from .layout import TINY_HEIGHT, TINY_WIDTH, PaneLayout, PaneName
from .navigating import Navigating
from .panes.people import PeoplePane
from .panes.reading import ReadingPane
from .panes.sections import SectionsPane
from .panes.timeline import TimelinePane
from .place_keeper import PlaceKeeper
from .providers import READER_PROVIDERS
from .signals import SignalArrived, die_of, stopping_on_signals
from .widgets.key_bar import KeyBar
from .textual_private import OneLineCrashApp, OneNoticeAtATimeApp
from .widgets.title_bar import TitleBar
from .widgets.too_small import TooSmallNotice

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..core.search import QuoteIndex
    from .live_reload import LiveReload
# The help screen, --watch's reloader, the search screen's keys, the command palette and its
# providers are imported when first used: the first frame needs none of them.

EXIT_CRASHED = 1
PROBLEMS_STYLESHEET = "problems.tcss"
PALETTE_PLACEHOLDER = "A person, section, scene, event, quote or command…"
# The stylesheets of the screens over the reader (help, bookmarks, the palette, search): read when the
# first of them opens, or once the first frame is drawn. Textual parses a sheet in milliseconds, and the
# first frame need not wait for these.
LATER_STYLESHEETS = ("palette.tcss", "screens.tcss", "search.tcss")
# The App's keys, of those the help lists under "Anywhere", that work over the screens opened on the
# reader (help, search, bookmarks, the palette) as well: see `on_key`. (The palette's, Ctrl+Q's and
# Ctrl+Z's are priority bindings, which reach there anyway; the others act on the reader's panes.)
SETTINGS_PROBLEMS = "Settings problems"  # the palette's command listing them all
SETTINGS_PROBLEMS_SECONDS = 60
# The actions that act on the reader's panes: only on the reader's own screen.
READER_ACTIONS = frozenset({
    "cycle_pane", "show_pane", "back", "forward", "nowhere_in_history", "step_match", "no_search", "back_out",
    "search", "copy_quote", "nothing_to_copy", "bookmark", "bookmarks", "toggle_zen",
})


class AnoraApp(PaneLayout, Navigating, Keymapping, BookmarkKeys, Finding, OneNoticeAtATimeApp, OneLineCrashApp):
    # Every stylesheet but --watch's problems panel's, which only --watch reads, and the later ones.
    CSS_PATH = [
        path for path in sorted(styles_dir().glob("*.tcss"))
        if path.name != PROBLEMS_STYLESHEET and path.name not in LATER_STYLESHEETS
    ]
    AUTO_FOCUS = "#reading"
    COMMANDS = App.COMMANDS | READER_PROVIDERS

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
        # With nowhere to go, Back and Forward are disabled and their keys come here, to say so.
        Binding("alt+left,b,backspace", "nowhere_in_history(-1)", "Back", show=False, id="app.no-back"),
        Binding("alt+right,f", "nowhere_in_history(1)", "Forward", show=False, id="app.no-forward"),
        # A priority binding: the search opens as `/` comes, before the letters typed after it are
        # handed to the reader's panes (they then came back out of order: `/vers` read "sver").
        Binding("slash", "search", "Search", show=True, priority=True, tooltip="Search the quotes or the text",
                id="app.search"),
        Binding("escape", "back_out", "Back out one step", show=False, id="app.back-out"),
        Binding("f1,question_mark", "help", "Help", show=True, key_display="?", id="app.help"),
        Binding("ctrl+p", "command_palette", "Palette", show=False, priority=True, id="app.command-palette"),
        Binding("q", "quit", "Quit", show=True, id="app.quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit-anywhere"),  # even from a search box
        Binding("ctrl+c", "help_quit", "Quit", show=False, id="app.quit-ctrl-c"),  # copies a selection first
        Binding("B", "bookmark", "Bookmark", show=True, id="app.bookmark",
                tooltip="Bookmark the paragraph you are at (landed on, or with the selected name, else the first "
                "that begins on screen), or the selected quote, person, scene or event"),
        Binding("apostrophe", "bookmarks", "Bookmarks", show=True, key_display="'", id="app.bookmarks",
                tooltip="Your bookmarks: open one, or remove it"),
        # A priority binding: a terminal program suspends on Ctrl+Z, even from a text box (whose own
        # Ctrl+Z, undo, would take it first).
        Binding("ctrl+z", "suspend_process", "Suspend", show=False, priority=True, id="app.suspend",
                tooltip="Suspend the reader to the shell (fg brings it back)"),
        Binding("z", "toggle_zen", "Zen", show=True, id="app.zen",
                tooltip="Zen: hide the side panes so the text gets the width (z again brings them back)"),
        # After Help and Quit: on a narrow terminal the key bar leaves out what does not fit.
        Binding("n", "step_match(1)", "Match", show=True, key_display="n/N",
                tooltip="Next match of the last search (N: previous)", id="app.next-match"),
        Binding("N", "step_match(-1)", "Previous match", show=False, id="app.previous-match"),
        Binding("n,N", "no_search", "Step through matches", show=False, id="app.no-search"),
        Binding("y", "copy_quote", "Copy", show=True,
                tooltip="Copy the selected quote (or the one on screen) with its citation", id="app.copy-quote"),
        Binding("y", "nothing_to_copy", "Copy", show=False, id="app.nothing-to-copy"),
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
        super().__init__(css_path=[*self.CSS_PATH, styles_dir() / PROBLEMS_STYLESHEET] if watch else None)
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
        self.idle_collection = IdleCollection(self)
        self.history = History()
        self.active_pane: PaneName = "reading"
        self.last_side_pane: PaneName = "people"  # of the side column's panes, the one last used
        self._focus_requested: PaneName | None = None  # a pane chosen by key, its focus on the way
        self.init_finding(dataset)
        self.crash_report: Path | None = None
        self.crash_summary = ""
        self.save_error: str | None = None
        self.settings_problems: tuple[str, ...] = ()  # config.toml's, each `FILE:LINE: problem`
        self.picked_theme: str | None = None  # picked in the palette, remembered (None: the settings' applies)
        self.settings_theme: str | None = None  # config.toml's theme
        self.default_theme = self.theme
        self.bookmarks: tuple[Location, ...] = ()  # oldest first
        self.zen = False  # the side panes hidden so the text gets the width
        self.quitting = False  # q, the palette's Quit or a signal: on the way out
        self.too_small = False  # the "terminal too small" notice stands in for the panes
        self._focus_before_too_small: Widget | None = None
        self.title = dataset.article.title
        self.sub_title = publication_line(dataset.article)
        self._preparing = False
        # While --watch replaces the panes (`replace_dataset`), the place they showed: there are no
        # panes to ask for a moment, and other widgets (the key bar) keep running meanwhile.
        self._place_while_replacing: SavedState | None = None

    @property
    def quote_index(self) -> QuoteIndex:
        """Built after the first frame, in the background (`prepare_ahead`), in a large dataset; on
        first use in a small one; waited for if asked for while it is being built."""
        return self.search_indexes.quotes

    def on_ready(self) -> None:
        self.call_after_refresh(resume_after_start)  # the collector, paused by `main` (gc_pause)
        self.call_after_refresh(start_writing_behind)  # a first start's cache writer waited for the first frame
        self.call_after_refresh(self.prepare_ahead)
        self.call_after_refresh(self._make_detail_views)
        self.call_after_refresh(self.read_later_stylesheets_after_start)

    def read_later_stylesheets_after_start(self) -> None:
        """Once the first frame is drawn: ahead of the first screen opened over the reader."""
        self.read_later_stylesheets()

    def read_later_stylesheets(self) -> None:
        """Read and parse `LATER_STYLESHEETS`, once. Only these are parsed (Textual keeps the other
        sheets' rules), and nothing on screen is styled again: they style only screens not yet open."""
        stylesheet, added = self.stylesheet, False
        for name in LATER_STYLESHEETS:
            path = os.path.abspath(styles_dir() / name)
            if not stylesheet.has_source(path, ""):
                stylesheet.read(path)
                added = True
        if added:
            stylesheet.parse()

    def push_screen(self, *args, **kwargs):  # type: ignore[override]
        self.read_later_stylesheets()  # before the screen's widgets are styled
        return super().push_screen(*args, **kwargs)

    @property
    def replacing_panes(self) -> bool:
        """Whether --watch is replacing the panes now: the old ones going, the new ones not yet in."""
        return self._place_while_replacing is not None

    def fit_to_size(self, size: Size) -> None:
        """As `PaneLayout.fit_to_size`, put off while the panes are being replaced: it may focus one."""
        if not self.replacing_panes:
            super().fit_to_size(size)
        self.fit_notices(size)

    def _make_detail_views(self) -> None:
        """The person and timeline detail views, made and mounted (hidden) once the first frame is
        drawn: the first frame does not wait for them, nor does the first person or scene opened
        (mounting one, styling its widgets, took about half of that first open). Put off while the
        panes are being replaced: the new ones ask again once they are in."""
        if self.replacing_panes:
            return
        self.people.mount_detail()
        self.timeline.mount_detail()

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
        from ..core.background import run_in_background  # a small dataset never needs it

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

    def compose(self) -> ComposeResult:
        yield TitleBar(self.title, self.sub_title, clean_text(self.dataset.article.film_title))
        yield self._panes()
        yield TooSmallNotice(Size(TINY_WIDTH, TINY_HEIGHT), self._quit_key, id="too-small")
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
        config = read_config(self.config_path, BindingIds(self), self.available_themes)
        self.settings_problems = config.problems
        self.set_keymap(config.keymap)
        # What a notice cut to fit the screen ends with (`notice_fit.py`), by its title.
        self.notice_pointers = {SETTINGS_PROBLEMS: "A taller terminal lists them all."}
        if config.problems:
            see_all = f"{self._palette_key()} “{SETTINGS_PROBLEMS}” lists them all."
            self.notice_pointers["Settings"] = see_all
            self.notify(problems_notice(config.problems, see_all), title="Settings", severity="warning",
                        markup=False, timeout=12)
        self.settings_theme = config.theme
        starting = starting_theme(saved, config.theme, self.default_theme, self.available_themes)
        self.theme, self.picked_theme = starting.theme, starting.picked
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.search_history = list(saved.searches[:SEARCH_HISTORY])  # the saved searches, most recent first
        self._restore_place(saved)
        self._show_pane("reading", focus=False)  # AUTO_FOCUS puts the focus there
        if self.live_reload is not None:
            self.live_reload.start()

    async def replace_dataset(self, dataset: Dataset) -> None:
        """Read `dataset` from now on (`--watch`), in new panes, at the same place where it still exists.

        Between the old panes' removal and the new ones' mounting there are no panes: the App's own
        messages wait for this to end, but other widgets' (the key bar reading which keys work, the
        screen's after-refresh calls) do not, and find `replacing_panes` set (and `current_state`
        answers with the place kept here)."""
        place, active = self.current_state(), self.active_pane
        self.dataset = dataset
        self.reset_finding(dataset)  # indexes built again on the next search; the history stays
        self._preparing = False  # prepared again once the new panes are in place
        self.title = dataset.article.title
        self.sub_title = publication_line(dataset.article)
        title_bar = self.query_one(TitleBar)
        title_bar.title_text, title_bar.sub_title_text = self.title, self.sub_title
        title_bar.film_text = clean_text(dataset.article.film_title)
        title_bar.refresh()
        self._place_while_replacing = place
        try:
            await self.query_one("#panes").remove()
            await self.screen_stack[0].mount(self._panes(), after=title_bar)
        finally:
            self._place_while_replacing = None
        self.fit_to_size(self.size)  # a resize meanwhile was put off (`fit_to_size`)
        self._restore_place(place)
        self._show_pane(active, focus=self.screen is self.screen_stack[0])
        self.refresh_bindings()  # the keys offered meanwhile were the reader's without its panes
        self.call_after_refresh(self.prepare_ahead)
        self.call_after_refresh(self._make_detail_views)

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
            section_id, saved = self.dataset.sections[0].id, saved._replace(paragraph=1, into=0)
        self.contents.mark_current(section_id)
        at_top = saved.paragraph == 1 and saved.into == 0
        self.reading.open_section(section_id, None if at_top else saved.paragraph, mark=False, scroll=saved.into)
        current = self.history.current
        if current is None:
            self.history.visit(Location("section", section_id))
        elif current.kind in ("person", "scene", "event") and self._exists(current):
            self._show_detail(current)

    # --- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Tab is a priority binding so it can move between panes; over a modal screen it must fall
        # through to the screen's own focus chain. The other reader keys only apply to the reader.
        if self.quitting:  # keys typed after q (`q/` in a hurry) must not open anything as it closes
            return False
        # While the terminal is too small for the reader, only quitting works (the notice says so); while
        # --watch replaces the panes, there are none to act on (nor to ask, below, what is possible).
        if action in READER_ACTIONS and (
            self.screen is not self.screen_stack[0] or self.too_small or self.replacing_panes
        ):
            return False
        if action == "search" and isinstance(self.focused, Input):
            return False  # `/` is typed into the People filter (the binding is a priority one)
        if action in ("help", "command_palette") and (self.too_small or self._open_behind(action)):
            return False
        if action in ("copy_quote", "nothing_to_copy"):  # y Copy is offered only with a quote to copy
            return self.check_copy(action)
        if action == "step_match":
            return self.last_search is not None  # in the key bar once there is a search to step through
        # With nowhere to go, Back and Forward are shown dimmed (None), as a browser greys its arrows.
        if action == "back":  # or a section asked for is on its way: Back will go back from it
            return self.history.can_go_back or self.reading.on_the_way or self.text_unrecorded() or None
        if action == "forward":
            return self.history.can_go_forward or None
        return True

    def _open_behind(self, action: str) -> bool:
        """Whether the screen `action` opens is open already, behind the one in front (the help opened
        over the palette): not opened a second time."""
        behind = self.screen_stack[1:-1]
        if not behind:
            return False
        if action == "command_palette":
            return any(screen.has_class("--textual-command-palette") for screen in behind)
        from .screens.help import HelpScreen

        return any(isinstance(screen, HelpScreen) for screen in behind)

    async def on_key(self, event: events.Key) -> None:
        """A key that reached the App unused while a modal screen is in front: Textual ends a modal
        screen's chain of bindings at the screen, so the App's own (F1 for help, q to quit) never ran
        there, though the help lists them as working anywhere. They run here, where the screen in
        front has no binding of that key and no text box typed it (it would have stopped the key)."""
        screen = self.screen
        if not screen.is_modal or event.key in screen.active_bindings:
            return
        for binding in self.bindings_over_modals():
            if binding.key == event.key:
                event.prevent_default()  # the App's own handling of it, which would find the new screen's keys
                await self.run_action(binding.action)
                return

    def action_back_out(self) -> None:
        """Escape: the active pane backs out one step; a pane with nothing left returns to reading."""
        pane = self.pane(self.active_pane)
        if pane.back_out():
            return
        if self.active_pane != "reading":
            self._show_pane("reading")

    def action_command_palette(self) -> None:
        from .screens.palette import ReaderPalette

        if self.use_command_palette and not ReaderPalette.is_open(self):
            self.push_screen(ReaderPalette(id="--command-palette", placeholder=PALETTE_PLACEHOLDER))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands, with Keys opening the reader's own help, which Escape closes and which
        lists the reader's keys alone (Textual's key panel stayed on Escape and listed its own)."""
        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                keys = escape(" or ".join(self.keys_named("app.help")))  # (the help is markup)
                command = SystemCommand("Keys", f"Every key of the reader and what it does ({keys})", self.action_help)
            yield command
        if self.settings_problems:
            count = len(self.settings_problems)  # (the help is markup: no path from the environment in it)
            yield SystemCommand(SETTINGS_PROBLEMS, f"Every problem found in the settings file ({count})",
                                self.show_settings_problems)

    def show_settings_problems(self) -> None:
        """Every problem of the settings file, in one notice (the one at start lists the first few)."""
        self.notify(problems_listed(self.settings_problems, self.config_path), title=SETTINGS_PROBLEMS, severity="warning",
                    markup=False, timeout=SETTINGS_PROBLEMS_SECONDS)

    def _quit_key(self) -> str:
        """The key that quits, as the key bar shows it (the user's keymap may have changed it)."""
        return next(iter(self.keys_named("app.quit") + self.keys_named("app.quit-anywhere")), "^q")

    def _palette_key(self) -> str:
        """The palette's first key, as the key bar shows it (the user's keymap may have changed it)."""
        return self.keys_named("app.command-palette")[0]

    async def action_quit(self) -> None:
        self.quitting = True
        self.save_place()
        self.exit()

    async def action_help_quit(self) -> None:
        """Ctrl+C, with no text selected to copy: a reader quits, as a terminal program does (Textual
        would only say which key quits)."""
        await self.action_quit()

    # --- state -------------------------------------------------------------------------------

    def _remember_theme(self, theme) -> None:
        """A theme chosen in the palette is saved at once, unless it is the settings' own (then none is
        remembered, and the settings' applies again, as it is or as it is changed later)."""
        picked = theme_picked(theme.name, self.settings_theme, self.default_theme)
        if picked != self.picked_theme:
            self.picked_theme = picked
            self.save_place()

    def current_state(self) -> SavedState:
        if self._place_while_replacing is not None:
            return self._place_while_replacing
        reading = self.reading
        self._remember_view()
        paragraph, into = reading.view_position() or (1, 0)
        return SavedState(
            reading.section_id, paragraph, self.picked_theme, self.history.snapshot(),
            bookmarks=bookmarks_to_plain(self.bookmarks), zen=self.zen, searches=tuple(self.search_history),
            into=into, theme_picked=self.picked_theme is not None,
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
    with stopping_on_signals(app.stop_for_signal, wake_loop=lambda: app.post_message(SignalArrived())) as caught:
        app.run()
    status = exit_status(app)
    return die_of(caught.signal) if caught.signal is not None else status
