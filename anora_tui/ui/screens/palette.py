"""The command palette (Ctrl+P): Textual's own, drawn once per key, with PageUp/PageDown that cannot fail.

Textual's palette refills its list on every key; the list's height follows the hits, and Textual's
`OptionList` throws away every row it has drawn whenever its size changes, so each key drew the list
twice (once as refilled, once more after the layout gave it its new height): `PaletteList` keeps
them when only the height changed. The palette draws a key's changes in one frame (`OneFrameDrawing`)
rather than one for the text box and more as the list is refilled, laid out and given scrollbars.

A key's hits are gathered at once, in the handler of the text box's change, when every provider can
answer without waiting (the palette's providers search bounded, prebuilt lists; Textual's own match a
few dozen names): Textual's palette gathers them in a worker, each provider in a task of its own,
each hit passed through a queue, and fills the list only when the last has answered, so a key's list
waited many turns of the event loop behind whatever else was queued. A provider that must wait (the
places still being made, a provider still starting) leaves the key to Textual's own gathering.

Opening it (Ctrl+P) draws one frame, the box with its first list and the list's scrollbar: Textual's
palette drew the dimmed reader alone, again for its first Resize (of the size it was laid out at), then
the list without its scrollbar, then with it, and restyled the whole palette for its first resume, its
size classes and the list's classes (about two thirds of an open's CPU time went there). The palette
is a `OneFrameScreen` (no restyle on its first resume, no layout for a Resize of its own size), is
born with the classes it would be given, lists what it opens with at once, and its frame waits for
that list (`_compositor_refresh`) but not for the list's scrollbar, which follows in a small frame of
its own (the rows keep their width either way).

A key pressed right after Ctrl+P can reach the palette before its list has been laid out; Textual's
palette pages that list unguarded (see `widgets/paging.py`).
"""

from __future__ import annotations

import asyncio
import time
from operator import attrgetter
from typing import AsyncIterator, ClassVar, Self

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import (Command, CommandInput, CommandList, CommandPalette, DiscoveryHit, Hit, Provider,
                             SearchIcon)
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Region, Size
from textual.style import Style
from textual.widgets import Button, Input, LoadingIndicator

from ..layout import breakpoint_class
from ..textual_private import OneFrameScreen
from ..widgets.key_bar import PALETTE_KEYS, KeyHint
from ..widgets.paging import page
from ..widgets.typing_box import TypingBox
from .modal import ReaderModal


# Textual's private names this module uses (no public way to do the same; see `search_at_once`): the
# palette's tests check that each is still there, so a Textual upgrade fails loudly, not as a stale list.
PRIVATE_NAMES: tuple[tuple[type, str], ...] = (
    (CommandPalette, "_cancel_gather_commands"),
    (CommandPalette, "_stop_no_matches_countdown"),
    (CommandPalette, "_start_no_matches_countdown"),
    (CommandPalette, "_list_visible"),
    (CommandPalette, "_show_busy"),
    (CommandPalette, "_providers"),  # set in __init__: checked on an instance
    (CommandPalette, "_placeholder"),  # set in __init__: checked on an instance
    (Provider, "_search"),
    (CommandPalette, "_gather_commands"),  # overridden: what it lists as it opens, had at once
    (CommandList, "_size_updated"),  # overridden (`PaletteList`): the layout tells it its size
    (CommandPalette, "_compositor_refresh"),  # overridden: the frame (`ReaderPalette`)
    (CommandPalette, "_repaint_required"),
)


# How long the palette's first frame may wait for its first list (it is listed at once unless a
# provider has to wait for something).
HOLD_FOR_LIST_SECONDS = 0.3


class PaletteList(CommandList):
    """The palette's list, its drawn rows kept while only its height changes (they depend on the width),
    and laid out again on a key only when its height changes."""

    drawn_width: int | None = None
    _holding_layout = False
    _layout_held = False

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if width == self.drawn_width:
            event.prevent_default()  # OptionList's own handler would throw every drawn row away
        self.drawn_width = width

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # `OptionList` measures its rows (and so learns whether it needs a scrollbar) only when it
        # first draws them: the list was drawn, then laid out again for its scrollbar, and drawn
        # again. Keeping the highlighted row in view measures them here, in the layout that gives the
        # list its size, so the scrollbar is known to that layout (a key's frame waits for it to be
        # placed, `OneFrameDrawing`).
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        self.scroll_to_highlight()
        return changed

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if layout and self._holding_layout:
            self._layout_held = True
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def replace_options(self, options: list[Command]) -> None:
        """The options replaced by these. `OptionList` lays out the whole screen again whenever its
        options change (its height follows them). The list keeps its height when it has as many lines
        as before (at the same width), or had more than its room and still has (most keys typed): then
        a repaint is all it needs. (Its height is a line more than its lines as Textual lays it out:
        "more than its room" is taken with that line to spare.)"""
        lines_before, shown = self.virtual_size.height, self.size.height
        self._holding_layout = True
        try:
            self.clear_options().add_options(options)
        finally:
            self._holding_layout = False
        lines = self.virtual_size.height
        same = lines == lines_before or (lines_before > shown and lines > shown + 1)
        if self._layout_held and not (same and shown):
            self.refresh(layout=True)
        self._layout_held = False


class PaletteInput(CommandInput, TypingBox):
    """The palette's text box: its letters repaint it, without a layout of the screen, and hold the
    garbage collector off as the search's do (at 100,000 quotes a pass of the collector's middle
    generation took up to 7 ms of a palette key, a full one far more)."""


class ReaderPalette(ReaderModal, CommandPalette, OneFrameScreen):
    _holding_until = 0.0  # the frame waits for the first list until then (`_compositor_refresh`)
    # Its first frame is not held for the list's scrollbar (`OneFrameDrawing`): the rows keep their
    # width with or without it (`scrollbar-gutter: stable`), so it comes as a frame of its own, the
    # scrollbar alone, rather than the list waiting two more ticks of the screen's timer for it.
    hold_first_frame = False
    KEY_BAR_HINTS: ClassVar[tuple[KeyHint, ...]] = PALETTE_KEYS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "page(1)", "Next page", show=False, id="palette.page_down"),
        Binding("pageup", "page(-1)", "Previous page", show=False, id="palette.page_up"),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Born with the size classes the App's breakpoints give the screen (as the reader's own
        # screen is, `layout.py`): Textual adds them at the palette's first Resize, which restyled
        # every widget of it a second time on each open.
        try:
            app = self.app
        except RuntimeError:  # made outside a running App: no size to go by
            return
        width, height = app.size
        for size, breakpoints in ((width, app.HORIZONTAL_BREAKPOINTS), (height, app.VERTICAL_BREAKPOINTS)):
            class_name = breakpoint_class(size, breakpoints or [])
            if class_name is not None:
                self.add_class(class_name, update=False)  # styled when mounted

    def on_mount(self) -> None:
        self._holding_until = time.monotonic() + HOLD_FOR_LIST_SECONDS
        self.set_timer(HOLD_FOR_LIST_SECONDS, self._stop_holding)

    def _stop_holding(self) -> None:
        if not self.has_class("-ready") and time.monotonic() < self._holding_until:
            self.refresh()  # the frame held back, drawn now: the dimmed reader, while the list is made

    def _compositor_refresh(self) -> None:
        # Textual shows the palette's box only once its first list is in (`-ready`): a frame drawn
        # before that is the dimmed reader alone, and the list's own frame follows a few turns of
        # the event loop later (two or three frames an open, each about a third of its time). The
        # frame waits, and draws the box and its list together; for a moment at most, if a provider
        # makes that list wait.
        if not self.has_class("-ready") and time.monotonic() < self._holding_until:
            self._repaint_required = True
            return
        super()._compositor_refresh()

    def compose(self) -> ComposeResult:
        # Textual's own, with `PaletteList` for its `CommandList` (found by type, so it serves as one).
        # The list and the text box are made with the classes the first list gives them (Textual's
        # palette lists its commands as it opens, so there is always one): a class added once they
        # are styled restyles them again, each a millisecond of every open. Nothing shows before
        # that list is in (see `_compositor_refresh`); if it were empty, Textual takes them off.
        with Vertical(id="--container"):
            with Horizontal(id="--input", classes="--list-visible"):
                yield SearchIcon()
                yield PaletteInput(placeholder=self._placeholder, select_on_focus=False)
                if not self.run_on_select:
                    yield Button("\u25b6")
            with Vertical(id="--results"):
                yield PaletteList(classes="--visible")
                yield LoadingIndicator()

    def action_page(self, direction: int) -> None:
        page(self.query_one(CommandList), direction)

    @on(Input.Changed)
    def search_at_once(self, event: Input.Changed) -> None:
        """The key's hits gathered and listed now, if no provider has to wait; else Textual's own
        gathering (the next handler of the change) does it."""
        if self.list_at_once(event.value.strip()):
            event.stop()
            event.prevent_default()  # not Textual's gathering as well

    def _gather_commands(self, search_value: str) -> None:
        """PRIVATE (CommandPalette): Textual's gathering, a worker; called as the palette mounts, for
        what it lists before anything is typed, and for a key whose hits could not be had at once.
        What it lists as it opens is had at once too, once the providers' start-ups (tasks Textual
        made just before this) have run: a hit at a time through a queue, each a turn of the event
        loop, it took longer than the rest of the open."""
        if search_value:
            super()._gather_commands(search_value)
        else:
            # After those tasks' first steps (the event loop runs callbacks in order), as a message,
            # so that an error in a provider is the App's to report as any other.
            asyncio.get_running_loop().call_soon(self.call_next, self._discover_at_once)

    def _discover_at_once(self) -> None:
        if self.is_attached and not self.list_at_once(""):
            super()._gather_commands("")

    def list_at_once(self, query: str) -> bool:
        """The hits for `query` listed now, if no provider has to wait (False if one would)."""
        hits = self.hits_at_once(query)
        if hits is None:
            return False
        # PRIVATE (CommandPalette): its gathering, its "no matches" countdown and its list-shown flag
        # have no public handles; a search of its own still running would refill the list after this.
        self._cancel_gather_commands()
        self._stop_no_matches_countdown()
        commands = [Command(self.prompt_of(hit), hit, id=str(number)) for number, hit in enumerate(hits)]
        commands.sort(key=attrgetter("hit.score"), reverse=True)  # stable: equal scores keep their order
        command_list = self.query_one(PaletteList)
        command_list.replace_options(commands)
        if commands:
            command_list.highlighted = 0
        self._list_visible = bool(commands)
        self._show_busy = False
        if not commands:
            self._start_no_matches_countdown(query)
        self.add_class("-ready")
        return True

    def hits_at_once(self, query: str) -> list[DiscoveryHit | Hit] | None:
        """Every provider's hits for `query`, or None if one of them would have to wait."""
        hits: list[DiscoveryHit | Hit] = []
        for provider in self._providers:  # PRIVATE (CommandPalette): the providers it started
            found = answers_at_once(provider._search(query))  # PRIVATE (Provider): waits for its start-up
            if found is None:
                return None
            hits.extend(found)
        return hits

    def prompt_of(self, hit: DiscoveryHit | Hit) -> Content:
        """What the list shows for a hit, as Textual's palette makes it: a `Content` as it is (the
        reader's providers make theirs from plain text), a string as Textual's own commands give it
        (markup: their names and highlights), the help text below in its own style."""
        prompt = hit.prompt
        if isinstance(prompt, Text):
            shown = Content.from_rich_text(prompt)
        elif isinstance(prompt, Content):
            shown = prompt
        else:
            shown = Content.from_markup(prompt)
        if not hit.help:
            return shown
        help_style = Style.from_styles(self.get_component_styles("command-palette--help-text"))
        return Content("\n").join((shown, Content.from_markup(hit.help).stylize_before(help_style)))


def answers_at_once(hits: AsyncIterator[DiscoveryHit | Hit]) -> list[DiscoveryHit | Hit] | None:
    """Every hit of an async iterator that never has to wait for anything, or None (and the iterator
    closed) as soon as it would: each step is run as a coroutine that returns without suspending."""
    found: list[DiscoveryHit | Hit] = []
    while True:
        step = hits.__anext__()
        try:
            step.send(None)
        except StopIteration as done:
            found.append(done.value)
            continue
        except StopAsyncIteration:
            return found
        except Exception:  # a provider's failure: Textual's gathering logs it, as for any provider
            return None
        step.close()  # it awaits something not ready: Textual's gathering will await it
        return None
