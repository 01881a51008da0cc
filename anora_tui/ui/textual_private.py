"""Every use of a private Textual name, in one place, each with why it is needed.

Textual does not promise these names: `tests/test_textual_private.py` checks that each one still
exists on the installed Textual, so an upgrade that removes or renames one fails there, loudly, not
as a slower start or a stale list somewhere in the reader.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from uuid import uuid4
from typing import TYPE_CHECKING, Iterable

from rich._wrap import divide_line  # noqa: F401  (Rich's: what `Text.wrap` divides a line with; result rows)
from rich.style import Style as RichStyle
from textual import events
from textual._compositor import ChopsUpdate, Compositor
from textual._context import visible_screen_stack
from textual.app import App
from textual.color import Color
from textual.css.model import RuleSet, SelectorType
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.notifications import Notification, Notify
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

from .contrast import legible_strip
from .dimming import dimmed_lines
from .notice_fit import Notice, fit_notices

if TYPE_CHECKING:
    from textual.dom import DOMNode

# (owner, name) for every private name used below; the test reads this list.
PRIVATE_NAMES: tuple[tuple[str, str], ...] = (
    ("Screen", "_on_screen_resume"),
    ("Screen", "_compositor_refresh"),
    ("Screen", "_screen_resized"),
    ("Screen", "_repaint_required"),
    ("Screen", "_compositor"),
    ("Screen", "_on_timer_update"),
    ("Screen", "_message_queue"),
    ("ScrollView", "_repaint_required"),
    ("App", "_handle_exception"),
    ("App", "_exit_renderables"),
    ("App", "_on_notify"),
    ("App", "_notifications"),
    ("App", "_unnotify"),
    ("App", "_refresh_notifications"),
    ("ScrollView", "_size_updated"),
    ("ScrollView", "_layout_required"),  # every widget's (read on a ScrollBar)
    ("ScrollView", "_vertical_scrollbar"),
    ("App", "_start_widget"),
    ("Compositor", "_render_chops"),
    ("Compositor", "_get_renders"),
    ("Compositor", "render_partial_update"),
    ("Compositor", "_dirty_regions"),
    ("Compositor", "_regions_to_spans"),
    ("ScrollView", "_get_component_classes"),  # every node's
    ("ScrollView", "_component_styles"),
)
# (module, name) for every private module's name imported above; the test reads this list too.
PRIVATE_MODULE_NAMES: tuple[tuple[str, str], ...] = (
    ("textual._context", "visible_screen_stack"),
    ("rich._wrap", "divide_line"),
    ("textual._compositor", "Compositor"),
    ("textual._compositor", "ChopsUpdate"),
)


class QuickStartScreen(Screen):
    """A screen spared passes Textual makes while it starts: restyling every widget when the screen
    is first shown, although each was styled with the whole stylesheet as it was mounted (a widget's
    scoped default CSS can only match widgets mounted after it); drawing the first layout, which the
    widgets change at once; and laying out again for the start-up's reports of the very size it was
    first laid out at. Later resumes, paints and resizes are Textual's own. (No public hook does this:
    start-up is ~15% slower without it.)"""

    _resumed = False
    _resized = False
    _skip_paint = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Screen's own handler runs next, with this event.
        if not self._resumed:
            self._resumed = True
            self.app.app_resume_signal.subscribe(self, self.redraw_after_suspension)
            event.refresh_styles = False
            self._skip_paint = True

    def _compositor_refresh(self) -> None:
        # The first layout is not drawn: the widgets learn their sizes from it and most change at
        # once (the reading pane wraps its lines, the lists mark what it shows), so the next frame
        # draws them once, as they are, instead of twice.
        if self._skip_paint:
            self._skip_paint = False
            self._repaint_required = True
            return
        super()._compositor_refresh()

    def redraw_after_suspension(self, _app: App) -> None:
        # Ctrl+Z then fg: the terminal was handed back and is blank again; the size it reports now, the
        # same as before, must be laid out and drawn in full, not taken for a start-up report.
        self._resized = True
        self.refresh(layout=True, repaint=True)

    def _screen_resized(self, size: Size) -> None:
        laid_out = self._compositor.size
        if not self._resized and laid_out and size == laid_out:
            return
        if laid_out and size != laid_out:
            self._resized = True
        super()._screen_resized(size)


MAX_FRAME_DEFERRALS = 32  # turns of the event loop a frame may wait for the widgets to finish
MAX_FRAMES_HELD = 2  # layouts in a row whose frame may wait for the next layout


class OneFrameDrawing(Screen):
    """A screen that draws a change in one frame, not one per widget that takes part in it.

    Textual draws as soon as the screen hears of a widget to redraw (its update timer fires at the
    next tick), while other widgets may still be answering the same key: opening a section redraws
    the text, then the side column marks what the text names, and the scrollbars learn their new
    sizes; each came as a frame of its own, each paying for the compositor's pass over the screen.
    Here the frame waits while any widget on the screen (or the App) still has messages queued, a
    turn of the event loop at a time, at most `MAX_FRAME_DEFERRALS` turns (a widget that is never
    idle cannot hold the screen back). (No public hook: `_on_timer_update` is the frame.)"""

    frame_deferrals = 0  # turns the frame waiting now has waited
    frames_held = 0  # frames laid out and not drawn in a row, waiting for another layout (see below)
    frames_drawn = 0
    hold_first_frame = False  # a modal screen's first frame waits for its scrollbars too (see ReaderModal)
    _skip_paint = False  # QuickStartScreen's: a frame laid out but not painted (not counted as drawn)

    def _on_timer_update(self) -> None:
        if self.frame_deferrals < MAX_FRAME_DEFERRALS and self.widgets_busy():
            self.frame_deferrals += 1
            asyncio.get_running_loop().call_soon(self._on_timer_update)  # after the busy widgets' turn
            return
        self.frame_deferrals = 0
        super()._on_timer_update()

    def _compositor_refresh(self) -> None:
        compositor = self._compositor
        # A scroll view whose scrollbar appeared in this layout (a list first shown, sized and found
        # longer than its height) has it placed by the next layout, which Textual runs at once: this
        # frame would be drawn, then drawn again for the scrollbar. It is not drawn; its changes wait
        # (the compositor keeps them) for that layout, asked for here too, and are drawn with it. At
        # most MAX_FRAMES_HELD frames in a row. Not before the first frame (unless `hold_first_frame`):
        # start-up's first frame shows the text as soon as it can, scrollbars or not.
        if ((self.frames_drawn or self.hold_first_frame) and self.frames_held < MAX_FRAMES_HELD and self.is_current
                and scrollbars_to_place(compositor.visible_widgets)):
            self.frames_held += 1
            self.call_later(self.refresh, layout=True, repaint=False)
            return
        self.frames_held = 0
        if not self._skip_paint:
            self.frames_drawn += 1
        # Widgets asked to redraw while this frame was being laid out (a scroll view's scrollbars
        # learn their new size in the layout) are drawn in it, not in a frame of their own after it:
        # their lines are marked stale when asked, only telling the screen waits for their turn.
        pending = {widget for widget in compositor.visible_widgets if widget._repaint_required}
        if pending:
            for widget in pending:
                widget._repaint_required = False
            compositor.update_widgets(pending)
        super()._compositor_refresh()

    def widgets_busy(self) -> bool:
        """Whether the App or a widget on this screen has a message waiting."""
        if not self.app._message_queue.empty():
            return True
        return any(not node._message_queue.empty() for node in self.walk_children(with_self=True))


class ShownPartsCompositor(Compositor):
    """A compositor that renders only the parts of a frame that show, every widget's words legible
    (`contrast.legible_strip`).

    Textual's draws a change by rendering, in full, every widget whose region meets the rectangle
    around all that changed, then cutting each line into pieces at the widgets' edges; the piece of
    the front-most widget is kept, the rest thrown away. An open from one pane to another changes the
    reading pane's border and the side column, and the key bar across the bottom: the rectangle is the
    screen, so every widget was rendered and cut on every line, the containers under the panes and
    the panes under their lists too (about a tenth of such an open). Here the widgets are taken front
    to back as Textual paints them, and each renders only the lines on which a piece that the frame
    writes is not yet covered by a widget in front: what is drawn is the same, piece for piece."""

    def _render_chops(self, crop: Region, is_rendered_line) -> list[dict[int, Strip | None]]:
        # A full frame (or the strips of the whole screen): every piece of every line in `crop`.
        wanted = {}
        for y in crop.line_range:
            if is_rendered_line(y):
                cuts = self.cuts[y]
                wanted[y] = {cut for cut, end in zip(cuts, cuts[1:]) if end > crop.x and cut < crop.right}
        return self._render_pieces(crop, wanted)

    def _get_renders(self, crop: Region | None = None) -> Iterable[tuple[Region, Region, list[Strip]]]:
        """What Textual's own drawing of a frame renders (`Compositor._render_chops`), as Textual's
        `_get_renders` does, each widget's lines made legible as this compositor's pieces are: the
        two draw the same."""
        for widget, (region, clip) in self.visible_widgets.items():
            if crop and not crop.overlaps(clip):
                continue
            x, y, width, height = region.intersection(clip)
            if width and height:
                lines = widget.render_lines(Region(x - region.x, y - region.y, width, height))
                yield region, clip, lines_legible(widget, lines)

    def render_partial_update(self) -> ChopsUpdate | None:
        regions = self._dirty_regions.copy()
        self._dirty_regions.clear()
        if not regions:
            return None
        crop = Region.from_union(regions).intersection(self.size.region)
        spans = list(self._regions_to_spans(regions))
        wanted: dict[int, set[int]] = {}
        for y, x1, x2 in spans:  # the pieces of each line that the update writes
            cuts = self.cuts[y]
            wanted.setdefault(y, set()).update(cut for cut, end in zip(cuts, cuts[1:]) if cut < x2 and end > x1)
        chops = self._render_pieces(crop, wanted)
        return ChopsUpdate(chops, spans, [cuts[1:] for cuts in self.cuts])

    def _render_pieces(self, crop: Region, wanted: dict[int, set[int]]) -> list[dict[int, Strip | None]]:
        """Each line's pieces (by their first column) in `wanted`, from the front-most widget at each."""
        all_cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cuts[:-1]) for cuts in all_cuts]
        wanted = {y: pieces for y, pieces in wanted.items() if pieces}
        for widget, (region, clip) in self.visible_widgets.items():  # front to back
            if not wanted:
                break
            if not crop.overlaps(clip):
                continue
            x, y, width, height = region.intersection(clip)
            right = x + width
            lines = [line for line in range(y, y + height)
                     if (pieces := wanted.get(line)) and any(x <= cut < right for cut in pieces)]
            if not lines:
                continue  # covered, where the frame writes, by the widgets in front
            top, bottom = lines[0], lines[-1] + 1
            strips = lines_legible(widget, widget.render_lines(Region(x - region.x, top - region.y, width, bottom - top)))
            for line, strip in zip(range(top, bottom), strips):
                pieces = wanted.get(line)
                if not pieces:
                    continue
                cuts = [cut for cut in all_cuts[line] if right >= cut >= x]
                chops_line = chops[line]
                for cut, piece in zip(cuts, pieces_of(strip, [cut - x for cut in cuts[1:]])):
                    if cut in pieces:
                        chops_line[cut] = piece
                        pieces.discard(cut)
                if not pieces:
                    del wanted[line]
        return chops


def lines_legible(widget: Widget, strips: list[Strip]) -> list[Strip]:
    """A widget's lines with its words legible (`contrast.py`); a screen's own, its background (over
    the reader: the reader dimmed, on purpose), as they are."""
    return strips if isinstance(widget, Screen) else [legible_strip(strip) for strip in strips]


def pieces_of(strip: Strip, cuts: list[int]) -> list[Strip]:
    """`strip.divide(cuts)` without the cycle it makes of a strip left whole: `Strip.divide` keeps
    `[strip]` in the strip's own cache, so every line drawn whole (most are: one widget across a piece)
    became cyclic garbage once dropped, left for the collector's full pass, whose 15-40 ms fell on
    every sixth to eighth open. Left whole here, it is freed as soon as nothing holds it."""
    if cuts == [strip.cell_length]:
        return [strip]
    return strip.divide(cuts)


class ShownParts:
    """A screen drawn by a `ShownPartsCompositor`: only what shows rendered, its words legible. A plain
    class, listed before the Textual base (see `DimmedBackdrop`)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._compositor = ShownPartsCompositor()


class OneFrameScreen(ShownParts, OneFrameDrawing, QuickStartScreen):
    """The reader's screen: quick to start (`QuickStartScreen`), a change drawn in one frame
    (`OneFrameDrawing`), and only what shows of it rendered, legible (`ShownPartsCompositor`)."""


def scrollbars_to_place(placed) -> bool:
    """Whether a widget laid out shows a scrollbar that this layout has not placed (it shows one
    since its size was updated in this layout), or a scrollbar placed here asks to be laid out
    again (it was moved or resized: Textual lays it out and draws it again straight after)."""
    for widget in placed:
        if isinstance(widget, ScrollBar):
            if widget._layout_required:
                return True
            continue
        if widget.styles.scrollbar_visibility != "visible":
            continue
        if widget.show_vertical_scrollbar and widget.vertical_scrollbar not in placed:
            return True
        if widget.show_horizontal_scrollbar and widget.horizontal_scrollbar not in placed:
            return True
    return False


class KeptComponentStyles(DOMNode if TYPE_CHECKING else object):
    """A widget whose component classes are styled again only when something their rules look at has
    changed. Textual styles every component class anew (a node made and matched against the whole
    stylesheet for each) whenever it restyles the widget: the reading pane, restyled as the focus
    enters or leaves it (its border), matched its 15 classes each time, though no rule for them reads
    the focus, and left each class's node behind as cyclic garbage for the collector's full pass
    (about 2 ms and 500 objects of an open from one pane to another). What the rules look at: of the
    widget and each of its ancestors, the classes and pseudo-classes that some rule that can style a
    component class names (`component_terms`), and the stylesheet's rules themselves (a theme or CSS
    change makes new ones). (`Stylesheet.apply` asks `_get_component_classes` which classes to
    style; none are left as they were.)"""

    _components_styled_for: tuple[object, ...] | None = None

    def _get_component_classes(self) -> frozenset[str]:
        classes = super(KeptComponentStyles, type(self))._get_component_classes()
        rules = self.app.stylesheet.rules
        classes_read, pseudo_classes_read = component_terms(rules, self.app.stylesheet.rules_map, classes)
        seen = (rules, *(
            (node, node.classes & classes_read, frozenset(name for name in pseudo_classes_read if node.has_pseudo_class(name)))
            for node in self.ancestors_with_self
        ))
        kept = self._components_styled_for
        if (kept is not None and kept[0] is rules and kept[1:] == seen[1:]
                and classes <= self._component_styles.keys()):
            return frozenset()
        self._components_styled_for = seen
        return classes


_component_terms: dict[frozenset[str], tuple[list[RuleSet], frozenset[str], frozenset[str]]] = {}


def component_terms(rules: list[RuleSet], rules_map: dict[str, list[RuleSet]],
                    components: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The classes and pseudo-classes named by the rules that can style these component classes (a
    rule for any node, a bare node's type, or one of the classes), anywhere in their selectors."""
    known = _component_terms.get(components)
    if known is not None and known[0] is rules:
        return known[1], known[2]
    classes: set[str] = set()
    pseudo_classes: set[str] = set()
    names = {"*", "DOMNode", *(f".{component}" for component in components)}
    for rule in {rule for name in names for rule in rules_map.get(name, ())}:
        for selector_set in rule.selector_set:
            for selector in selector_set.selectors:
                pseudo_classes.update(selector.pseudo_classes)
                if selector.type == SelectorType.CLASS:
                    classes.add(selector.name)
    _component_terms[components] = (rules, frozenset(classes), frozenset(pseudo_classes))
    return frozenset(classes), frozenset(pseudo_classes)


class OneLineCrashApp(App):
    """An App whose unexpected errors go to `report_crash` (which writes the full report elsewhere)
    and end with the one line `report_crash` leaves, not Textual's traceback on the terminal.
    (`_handle_exception` is the one place every handler, worker and callback error reaches.)"""

    def report_crash(self, error: Exception) -> None:
        """Save what can be saved and write the report; called before the App exits."""

    def _handle_exception(self, error: Exception) -> None:
        self.report_crash(error)
        super()._handle_exception(error)
        self._exit_renderables.clear()


class OneNoticeAtATimeApp(App):
    """An App whose notices do not pile up: a new information notice replaces the one still shown
    (five presses of Space at the end of the article stacked five "The end of the article." over the
    text; n stepping through matches stacked "Match 2 of 4", "Match 3 of 4"), and a warning or an
    error replaces the same one still shown but never another. Done as each notice is added, not
    when it is asked for, so a burst of keys whose notices are still queued is covered too. (Textual
    has no public way to withdraw one notice: `clear_notifications` withdraws all, warnings too.)
    The notices shown fit the screen together, as each is added and at each resize (`fit_notices`)."""

    def _on_notify(self, event: Notify) -> None:
        event.prevent_default()  # App's own handler, which Textual calls after this one, would add it again
        for shown in list(self._notifications):
            if replaces_shown(event.notification, shown):
                self._unnotify(shown, refresh=False)
        new = event.notification
        self.notices_in_full()[new.identity] = Notice(new.title, new.message, self.notice_pointers.get(new.title, ""))
        self._notifications.add(new)
        self.fit_notices(self.size)

    notice_pointers: dict[str, str] = {}  # by a notice's title: where to read what a cut leaves out

    def notices_in_full(self) -> dict[str, Notice]:
        """Each notice's whole text, by the identity of the notification showing it."""
        if "full_notices" not in self.__dict__:
            self.full_notices: dict[str, Notice] = {}
        return self.full_notices

    def fit_notices(self, size: Size) -> None:
        """The notices shown made to fit a screen of `size` (`notice_fit.py`): where one's text must
        change, every one is shown again as new notifications with the same time left, so their
        toasts stay in order (Textual cannot change a toast's text, nor put a new one above another:
        PRIVATE `_notifications`, `_unnotify`, its only ways to withdraw a notice or add one)."""
        shown = list(self._notifications)
        whole = self.notices_in_full()
        if not shown and not whole:
            return  # nothing to fit (a resize)
        for identity in set(whole) - {notification.identity for notification in shown}:
            del whole[identity]  # gone (timed out, clicked away, replaced)
        notices = [whole.get(n.identity) or Notice(n.title, n.message) for n in shown]
        fitted = fit_notices(notices, size)
        if all(message == notification.message for message, notification in zip(fitted, shown)):
            self._refresh_notifications()
            return
        for notification in shown:
            self._unnotify(notification, refresh=False)
        for notification, notice, message in zip(shown, notices, fitted):
            if message is not None:
                again = replace(notification, message=message, identity=str(uuid4()))  # time left kept: raised_at
                whole[again.identity] = notice
                self._notifications.add(again)
        self._refresh_notifications()


def replaces_shown(new: Notification, shown: Notification) -> bool:
    if new.severity == "information":
        return shown.severity == "information"
    return (shown.severity, shown.title, shown.message) == (new.severity, new.title, new.message)


class SteadyScrollbars(ScrollView):
    """A scroll view whose scrollbars are redrawn when what they show changes, not at every layout of
    the screen. `ScrollView._size_updated` compares the virtual size the compositor records for the
    view (the region it was given) with the view's own (its content's), which differ, so every layout
    anywhere (opening a person relays out the side column) redrew the scrollbars of every scroll view
    on screen, and that repaint spans from the leftmost of them to the rightmost: a second, near
    full-screen paint after each open. Here the layout is passed on only when the view's size, its
    content's size or what shapes its scrollbars has changed since the last one passed on."""

    _laid_out_as: tuple[object, ...] | None = None

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        styles = self.styles
        seen = (size, self.virtual_size, container_size, styles.gutter, styles.overflow_x, styles.overflow_y,
                styles.scrollbar_size_horizontal, styles.scrollbar_size_vertical, styles.scrollbar_gutter)
        if seen == self._laid_out_as:
            return False
        self._laid_out_as = seen
        return super()._size_updated(size, virtual_size, container_size, layout)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's own, made as Textual makes it, but a `SteadyScrollBar`."""
        if self._vertical_scrollbar is None:
            self._vertical_scrollbar = bar = SteadyScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            bar.display = False
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar


class SteadyScrollBar(ScrollBar):
    """A scrollbar that is not drawn again when asked to while it would draw the same. Restyling a
    scroll view sets each of its scrollbar colours, and setting one redraws its scrollbars, changed or
    not (`ScrollbarColorProperty`), and lays them out again: every move of the focus into or out of
    the reading pane or a list drew its scrollbar again, line by line, as it was (the reading pane's
    46 lines at 200×50, about a millisecond of an open from one pane to another). What it draws is
    read from its own state, its view's colours (as `ScrollBar.render` reads them) and its own (as
    Textual's styles cache draws its lines); a redraw of some regions is Textual's as before."""

    _drawn_as: tuple[object, ...] | None = None

    def _look(self) -> tuple[object, ...]:
        view, own = self.parent, self.styles
        styles = view.styles
        return (self.size, self.window_virtual_size, self.window_size, self.position, self.thickness,
                self.vertical, self.grabbed, self.mouse_over, self.renderer, view.background_colors,
                styles.scrollbar_background, styles.scrollbar_color, styles.scrollbar_background_hover,
                styles.scrollbar_color_hover, styles.scrollbar_background_active, styles.scrollbar_color_active,
                self.screen.styles.scrollbar_color, self.background_colors, own.tint, own.opacity,
                own.text_opacity, own.hatch if own.has_rule("hatch") else None)

    def render(self):
        self._drawn_as = self._look()
        return super().render()

    def refresh(self, *regions, **options):
        # A layout asked for is its view's to make: the view places it (and is laid out again itself
        # when a style of its own changes where its scrollbar goes).
        if (not regions and set(options) <= {"layout"} and self._drawn_as is not None and self.is_attached
                and self._drawn_as == self._look()):
            return self
        return super().refresh(*regions, **options)


class DimmedBackdrop:
    """A modal screen that draws the screen behind it dimmed, as Textual's `ModalScreen` does, with the
    same colours, from lines it keeps: not blended anew on each full redraw of the modal screen.

    Textual draws a translucent screen's background by rendering the screen behind it whole and
    blending every segment with the tint (`BackgroundScreen`), each time the modal screen is drawn in
    full: two or three times as it opens, again on a resize, 100-300 ms of CPU on the shipped article.
    Here each distinct style is blended once (`dimming.dimmed_style`) and the dimmed lines are kept.
    Textual passes a change behind on as a refresh of the regions it covers (`Screen._compositor_refresh`,
    for a background screen): the lines behind are rendered then and compared with those kept; a
    refresh that would draw nothing new (Textual repaints the screen it covers as a modal opens) is
    dropped, and of a real change only the lines that changed are dimmed again. A new size, tint or
    screen style dims them all again.

    The screen behind is found as `Screen.render` finds it: the last of the screens the compositor is
    drawing under this one (`visible_screen_stack`), taken off that list so that a translucent screen
    further down finds the one under it. A plain class, not a `Screen`: Textual takes a screen's CSS
    from its first base that is a DOM node, which must stay the screen's own (`ModalScreen`, …)."""

    backdrop: Backdrop | None = None  # the lines kept, and what they were made of

    def render(self):
        background = self.styles.background  # type: ignore[attr-defined]
        screens = visible_screen_stack.get(None)
        behind = screens[-1] if screens else None
        if behind is None or behind is self or background.a >= 1:
            return super().render()  # type: ignore[misc]  # Textual's own: a plain background
        screens.pop()
        return DimmedScreen(self, behind, background)

    def refresh(self, *regions, **options):
        backdrop = self.backdrop
        if backdrop is not None:
            if regions and not options:
                lines = lines_of(backdrop.behind)
                if lines == backdrop.lines_behind:
                    return self  # asked from behind, and nothing there has changed: nothing to draw
                backdrop.changed_behind = lines
            elif options.get("repaint", True):
                # Drawn in full (resumed, restyled): the screen behind is looked at again, in case it
                # changed unreported (a change behind a screen that was itself covered is reported
                # to the screen in front only); only lines that differ are dimmed again.
                backdrop.look_again = True
        return super().refresh(*regions, **options)  # type: ignore[misc]

    def backdrop_lines(self, behind: Screen, tint: Color, screen_style: RichStyle, width: int,
                       height: int) -> list[Strip]:
        """The screen behind, dimmed by `tint`: the lines kept where nothing has changed."""
        made_of = (behind, tint, screen_style, width, height)
        kept = self.backdrop
        if kept is not None and kept.made_of == made_of and kept.changed_behind is None and not kept.look_again:
            return kept.dimmed
        lines = kept.changed_behind if kept is not None and kept.changed_behind is not None else None
        if lines is None or len(lines) != behind._compositor.size.height:
            lines = behind._compositor.render_strips()  # the compositor's context: the stack is set
        reuse = (kept.lines_behind, kept.dimmed) if kept is not None and kept.made_of == made_of else None
        self.backdrop = Backdrop(made_of, behind, lines, dimmed_lines(lines, tint, screen_style, width, height, reuse))
        return self.backdrop.dimmed


class Backdrop:
    """The dimmed lines a `DimmedBackdrop` keeps, the lines behind they were made from, and a change
    behind that is still to be dimmed (or whether to look behind again)."""

    def __init__(self, made_of: tuple[object, ...], behind: Screen, lines_behind: list[Strip],
                 dimmed: list[Strip]) -> None:
        self.made_of, self.behind, self.lines_behind, self.dimmed = made_of, behind, lines_behind, dimmed
        self.changed_behind: list[Strip] | None = None
        self.look_again = False  # drawn in full since: the lines behind are to be rendered and compared


def lines_of(screen: Screen) -> list[Strip]:
    """What a screen shows, rendered outside a frame: the screens it covers are set for its own
    translucent background, as the compositor sets them for a frame (see `Screen.render`)."""
    stack = screen.app.screen_stack
    under: list[Screen] = []
    for below in reversed(stack[: stack.index(screen)] if screen in stack else []):
        under.insert(0, below)
        if below.styles.background.a == 1:
            break
    token = visible_screen_stack.set(under)
    try:
        return screen._compositor.render_strips()
    finally:
        visible_screen_stack.reset(token)


class DimmedScreen(Visual):
    """What a `DimmedBackdrop` screen renders as its background: the screen behind it, dimmed."""

    def __init__(self, modal: DimmedBackdrop, behind: Screen, tint: Color) -> None:
        self.modal, self.behind, self.tint = modal, behind, tint

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        size = self.behind.size
        return self.modal.backdrop_lines(self.behind, self.tint, style.rich_style, width,
                                         size.height if height is None else height)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.behind.size.height
