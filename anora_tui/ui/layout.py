"""The panes laid out for the terminal's size, mixed into the App: which pane is active, the side
column's split, zen, and the "too small" notice.

On terminals narrower than `WIDE` only some panes show at once: the breakpoint classes on the screen
say how many, an `-active` class on the active pane says which (styles/app.tcss has the rules); below
`TINY_*` a "too small" notice replaces them.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator, Literal, Protocol

from textual import events
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from .panes.people import PeoplePane
from .panes.reading import ReadingPane
from .panes.sections import SectionsPane
from .panes.timeline import TimelinePane
from .textual_private import OneFrameScreen

if TYPE_CHECKING:
    from .app import AnoraApp

    _Base = AnoraApp
else:
    _Base = object


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
SIDE_PANE_SELECTOR = ", ".join(f"#{name}" for name in SIDE_PANES)
WIDE = 140
MEDIUM = 100
TINY_WIDTH = 20
TINY_HEIGHT = 6
FOCUS_WITHIN = "-focus-within"  # on a side pane holding the focus (see `_mark_focus_within`)


def breakpoint_class(dimension: int, breakpoints: list[tuple[int, str]]) -> str | None:
    """The class of the largest breakpoint the size reaches, as Textual chooses it."""
    for breakpoint, class_name in sorted(breakpoints, reverse=True):
        if dimension >= breakpoint:
            return class_name
    return None


class ReaderScreen(OneFrameScreen):
    # Textual repaints the whole screen when the focus moves (`Screen.focused` repaints): every pane
    # drawn again, though only the widgets losing and taking the focus change, and each of those is
    # restyled and redrawn by its own focus handling. One pane's Enter opening a record in another
    # drew the full screen for it.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def on_resize(self, event: events.Resize) -> None:
        self.app.fit_to_size(event.size)


class PaneLayout(_Base):
    """The layout of `AnoraApp`: the panes by name, the active one, zen and the too-small notice."""

    _batched_restyles: dict[int, Widget] | None = None  # see `_restyles_batched`

    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (TINY_WIDTH, "-narrow"), (MEDIUM, "-medium"), (WIDE, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TINY_HEIGHT, "-tall")]

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
        # Where the classes change no style they are set without a restyle. The size classes and zen
        # are set with a restyle of every pane, which reads them then.
        for pane in PANES:
            self._set_layout_class(self.pane(pane), pane == name, "-active", self._pane_classes_style(pane))
        self._set_layout_class(side, name in ("people", "timeline"), "-active", self._pane_classes_style("side"))
        self._set_layout_class(side, name == "contents", "-yield", self._pane_classes_style("side"))
        # The side column's split and the border of the pane the focus enters restyle a side pane
        # once, both classes set (each took a style pass of the pane and its component classes).
        with self._restyles_batched():
            self._split_side_column()
            if focus:
                self._focus_requested = name
                self.pane(name).focus_default()
                self._mark_focus_within()  # the focus moved at once (`focus_now`); its events find this done
                self.call_after_refresh(self._focus_arrived, name)  # should it never arrive

    @contextmanager
    def _restyles_batched(self) -> Iterator[None]:
        """Layout classes set meanwhile restyle each node they change once, at the end."""
        self._batched_restyles = batched = {}
        try:
            yield
        finally:
            self._batched_restyles = None
            for node in batched.values():
                self.stylesheet.apply(node)

    def _pane_classes_style(self, node_id: str) -> bool:
        """Whether -active and -yield change a style of the pane (or the side column) now
        (styles/app.tcss): of every pane where one shows at a time (narrow); of the contents and the
        side column only, at medium width or in zen (the reading pane was restyled for nothing as a
        person opened, 16 style passes with its component classes); of none wide."""
        reader = self.screen_stack[0]
        if not reader.has_class("-wide") and not reader.has_class("-medium"):
            return True
        return (self.zen or reader.has_class("-medium")) and node_id in ("contents", "side")

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
            pane = self.pane(name)
            self._set_layout_class(pane, major is not None and name == major, "-major")
            self._set_layout_class(pane, major is not None and name != major, "-minor")

    def _set_layout_class(self, node: Any, add: bool, class_name: str, restyle: bool = True) -> None:
        """Set one of the layout's classes (-active, -yield, -major, -minor, -focus-within) on a pane or the side
        column, restyling that node alone, at once, if it changed (and `restyle`). These classes
        style only the node that has them (styles/app.tcss: its display, width or height), so its
        widgets keep their styles: `set_class` would restyle the whole subtree, about a hundred
        widgets for both side panes, most of a first open's time."""
        if node.has_class(class_name) == add:
            return
        node.set_class(add, class_name, update=False)
        if restyle and self._batched_restyles is not None:
            self._batched_restyles[id(node)] = node
        elif restyle:
            self.stylesheet.apply(node)

    def _shows_detail(self, name: PaneName) -> bool:
        return self.people.showing_detail if name == "people" else self.timeline.open is not None

    def _focus_arrived(self, name: PaneName) -> None:
        if self._focus_requested == name:
            self._focus_requested = None

    @staticmethod
    def _panes_of(widget: Widget) -> list[str]:
        return [node.id for node in widget.ancestors_with_self if node.id in PANES]

    def _mark_focus_within(self) -> None:
        """The side panes' borders show the focus inside them with a class, `-focus-within`, rather
        than Textual's `:focus-within`: for that pseudo-class Textual restyles the whole pane each
        time the focus enters or leaves it (a person's page, the timeline's lists: about 60 widgets,
        most of a first open's time), where the class restyles the pane alone."""
        if not self.screen_stack:  # the reader closing
            return
        for pane in self.screen_stack[0].query(SIDE_PANE_SELECTOR):  # none while --watch replaces them
            self._set_layout_class(pane, pane.has_focus_within, FOCUS_WITHIN)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self._mark_focus_within()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Clicking or tabbing into a pane makes it the active one. While the terminal is too small,
        a pane given the focus (by the screen's auto-focus as a modal closes, or a jump chosen in
        one) gives it up at once: the pane is hidden."""
        if not self.screen_stack:  # the reader closing
            return
        self._mark_focus_within()
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

    def action_cycle_pane(self, step: int) -> None:
        index = PANES.index(self.active_pane)
        self._show_pane(PANES[(index + step) % len(PANES)])

    def action_show_pane(self, name: PaneName) -> None:
        self._show_pane(name)

    # --- zen ---------------------------------------------------------------------------------

    def action_toggle_zen(self) -> None:
        self._set_zen(not self.zen)
        if self.zen and self.active_pane != "reading":
            self._show_pane("reading")  # zen is for the text: a side pane in use would stay in view
        self.notify(zen_notice(self.zen, beside=self.size.width >= MEDIUM), timeout=3, markup=False)
        self.save_place()

    def _set_zen(self, zen: bool) -> None:
        self.zen = zen
        self.query_one("#panes").set_class(zen, "-zen")


def zen_notice(zen: bool, beside: bool) -> str:
    """What z did, said for the width: where the side panes show beside the text (`beside`), they go or
    come back now; on a narrow terminal one pane shows at a time anyway, and zen is for when it is wider."""
    if beside:
        return ("Zen: the side panes are hidden (z brings them back; 1, 3 and 4 show one while you use it)."
                if zen else "The side panes are back.")
    return ("Zen: one pane shows at a time at this width anyway; on a wider terminal the side panes stay hidden"
            " (z brings them back)." if zen else "Zen off: on a wider terminal the side panes show beside the text.")
