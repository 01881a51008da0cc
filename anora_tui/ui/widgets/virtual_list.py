"""A list of rows that builds, measures and draws only the rows it shows (Textual's Line API).

Textual's `OptionList` turns every option into a visual and measures its height as soon as it is laid
out, so a list of 52,000 people costs seconds before anything is drawn. Here a row's label may be given
as a function, called the first time the row is drawn or measured; a row's height is measured then,
and until then it is taken to be as tall as the rows measured so far (headings: one line). Lists of up
to `EXACT_ROWS` rows are measured whole, so their scrollbar is exact; longer ones settle as they are
scrolled through, keeping the highlighted row where it is.

It looks and behaves like an `OptionList`: the same component classes (`option-list--option`,
`-highlighted`, `-disabled`, `-hover`) and default styles, the same keys, disabled rows skipped by
the cursor, a click or Enter selects (the keys and the mouse are `RowCursor`'s, in `row_cursor.py`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import Callable, ClassVar, Iterable, Sequence, Union

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, Visual, visualize
from textual.widgets.option_list import Option

from ..textual_private import KeptComponentStyles, SteadyScrollbars
from .kept_place import KeptRowPlace
from .row_cursor import RowCursor
from .recent_cache import RecentCache
from .row_lines import in_one_colour, padded_lines

Label = Union[Text, Content, Visual]
LazyLabel = Union[Label, Callable[[], Label]]

EXACT_ROWS = 500  # lists up to this long are measured whole, as soon as they have a width
HOVER = "option-list--option-hover"
HIGHLIGHTED = "option-list--option-highlighted"
DISABLED = "option-list--option-disabled"
OPTION = "option-list--option"


class VirtualList(KeptComponentStyles, KeptRowPlace, RowCursor, SteadyScrollbars, can_focus=True):
    """Rows of text, some disabled (headings), one highlighted; only the rows in view are built."""

    DEFAULT_CSS = """
    VirtualList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .option-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .option-list--option-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .option-list--option-disabled {
            color: $text-disabled;
        }
        & > .option-list--option-hover {
            background: $block-hover-background;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {OPTION, DISABLED, HIGHLIGHTED, HOVER}

    # The actions are `RowCursor`'s; the bindings are here because Textual reads BINDINGS only from
    # widget classes.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False, id="list.cursor-down"),
        Binding("up", "cursor_up", "Up", show=False, id="list.cursor-up"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last", show=False, id="list.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page-up"),
        Binding("enter", "select", "Select", show=False, id="list.select"),
    ]

    highlighted: reactive[int | None] = reactive(None, init=False, repaint=False)  # the rows it moves between are drawn

    @dataclass
    class Highlighted(Message):
        """The highlight moved onto an enabled row."""

        virtual_list: "VirtualList"
        index: int

        @property
        def control(self) -> "VirtualList":
            return self.virtual_list

    @dataclass
    class Selected(Message):
        """An enabled row was chosen (Enter or a click)."""

        virtual_list: "VirtualList"
        index: int

        @property
        def control(self) -> "VirtualList":
            return self.virtual_list

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None,
                 disabled: bool = False) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        # Rows are data text, never links with actions: Textual's link styling (a new line made for
        # every line of a row, to restyle links there are none of) is not wanted.
        self.set_reactive(VirtualList.auto_links, False)
        self._labels: Sequence[LazyLabel] = ()  # a list, or a sequence that makes each when asked
        self._replaced: dict[int, LazyLabel] = {}  # labels given later for single rows
        self._as_given: set[int] = set()  # rows drawn as their label is, not through `make_visual`
        self._made: dict[int, Label] = {}  # labels made by the functions given for them
        self._disabled = bytearray()  # 1 for a disabled row (a heading)
        self._visuals: RecentCache[int, Visual] = RecentCache(1024)
        self._heights: list[int] = []  # measured, or estimated (see `_estimate`)
        self._measured: bytearray = bytearray()  # 1 where `_heights` was measured at `_width`
        self._tops: list[int] | None = None  # each row's first line; None when heights changed
        self._width = 0  # the width rows were measured and drawn at
        self._estimate = 1  # the height assumed for an enabled row not measured yet
        self._strips: RecentCache[tuple[int, Style], list[Strip]] = RecentCache(1024)  # by row and style
        # Rows drawn before, by the label they drew (kept alive with them, so its id stays its own):
        # a row given a label it has drawn before at this width and style (a name marked, unmarked
        # and marked again as the text moves; a page opened again) is not drawn anew.
        self._drawn: RecentCache[tuple[int, int, Style, bool], tuple[Label, list[Strip]]] = RecentCache(1024)
        self._hover: int | None = None
        self._pass_styles: dict[str, Style] | None = None  # the component styles, during one redraw
        self._place = (0, 0)  # the row at the top, and lines of it above the top (see KeptRowPlace)

    # --- rows -----------------------------------------------------------------------------

    def set_labels(self, labels: Sequence[LazyLabel], disabled: Iterable[int] = ()) -> None:
        """Replace every row: each a label or a function making it, from a list or from a sequence
        that makes each when asked (only the rows drawn are asked for); `disabled` are the indexes of
        the disabled rows. The highlight is cleared."""
        self._labels = labels
        self._disabled = bytearray(len(labels))
        for index in disabled:
            self._disabled[index] = 1
        self._replaced.clear()
        self._as_given.clear()
        self._made.clear()
        self._visuals.clear()
        self._strips.clear()
        self._hover = None
        self._remeasure()
        self.highlighted = None
        self.scroll_to(y=0, animate=False, immediate=True, force=True)
        self.refresh()

    def replace_label(self, index: int, label: LazyLabel, *, as_given: bool = False) -> None:
        """Draw one row with a new label (keeping the highlight and the scroll); `as_given`: drawn as
        the label is, not through `make_visual`."""
        if not 0 <= index < len(self._labels):
            raise IndexError(f"no row {index}")
        self._replaced[index] = label
        if as_given:
            self._as_given.add(index)
        else:
            self._as_given.discard(index)
        self._made.pop(index, None)
        self._visuals.discard(index)
        for key in [key for key in self._strips.keys() if key[0] == index]:
            self._strips.discard(key)
        if self._measured[index] and self._width:
            before = self._heights[index]
            self._measured[index] = 0
            self._measure(index)
            if self._heights[index] == before:
                self.refresh_lines(self._row_tops()[index], before)
                return
        self._update_virtual_size()
        self.refresh()

    def relabel_all(self) -> None:
        """Call every label's function again when its row is next drawn (what it shows has changed),
        keeping the highlight and the scroll."""
        self._made.clear()
        self._visuals.clear()
        self._strips.clear()
        self._measured = bytearray(len(self._labels))
        if self._width and len(self._labels) <= EXACT_ROWS:
            self._remeasure()
        self.refresh()

    @property
    def option_count(self) -> int:
        return len(self._labels)

    def label_at(self, index: int) -> Label:
        """The row's label (made now if it was given as a function)."""
        label = self._replaced.get(index)
        if label is None:
            label = self._labels[index]
        if callable(label):
            made = self._made.get(index)
            if made is None:
                made = self._made[index] = label()
            return made
        return label

    def row_disabled(self, index: int) -> bool:
        return self._disabled[index]

    def get_option_at_index(self, index: int) -> Option:
        """The row as an `Option`, its prompt what the row draws (`make_visual`), as OptionList gives it."""
        return Option(self._visual(index), disabled=bool(self._disabled[index]))

    @property
    def options(self) -> list[Option]:
        """Every row as an `Option`: this makes every label; meant for tests and small lists."""
        return [self.get_option_at_index(index) for index in range(self.option_count)]

    # --- measuring --------------------------------------------------------------------------

    def _reset_heights(self) -> None:
        self._heights = [1 if disabled else self._estimate for disabled in self._disabled]
        self._measured = bytearray(len(self._labels))
        self._tops = None

    def _padding(self):
        return self.get_component_styles(OPTION).padding

    def make_visual(self, label: Label) -> Visual:
        """How a label is drawn (a subclass may wrap it)."""
        return visualize(self, label, markup=False)

    def _visual(self, index: int) -> Visual:
        visual = self._visuals.get(index)
        if visual is None:
            label = self.label_at(index)
            made = visualize(self, label, markup=False) if index in self._as_given else self.make_visual(label)
            visual = self._visuals[index] = made
        return visual

    def _measure(self, index: int) -> bool:
        """Measure the row at the current width; True if its height changed."""
        if self._measured[index]:
            return False
        height = max(1, self._visual(index).get_height(self.styles, max(1, self._width - self._padding().width)))
        self._measured[index] = 1
        if height != self._heights[index]:
            self._heights[index] = height
            self._tops = None
            return True
        return False

    def _check_width(self) -> bool:
        """Start measuring afresh if the width changed; False if there is no width yet."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return False
        if width != self._width:
            self._width = width
            self._strips.clear()
            self._drawn.clear()
            self._remeasure()
        return True

    def _remeasure(self) -> None:
        """Heights afresh: every row of a list up to EXACT_ROWS long, else a few to estimate the rest
        by (the rest are measured as they come into view). Nothing is measured without a width."""
        self._reset_heights()
        if self._width:
            if len(self._labels) <= EXACT_ROWS:
                for index in range(len(self._labels)):
                    self._measure(index)
            else:
                self._learn_estimate()
        self._update_virtual_size()

    def _learn_estimate(self) -> None:
        """Take the height of the first few enabled rows as the height of every row not measured."""
        sample = [i for i in range(min(len(self._labels), 64)) if not self._disabled[i]][:8]
        for index in sample:
            self._measure(index)
        heights = sorted(self._heights[i] for i in sample)
        estimate = heights[len(heights) // 2] if heights else 1
        if estimate != self._estimate:
            self._estimate = estimate
            for index, disabled in enumerate(self._disabled):
                if not disabled and not self._measured[index]:
                    self._heights[index] = estimate
            self._tops = None

    def _row_tops(self) -> list[int]:
        if self._tops is None:
            self._tops = [0, *accumulate(self._heights)]
        return self._tops

    def _update_virtual_size(self) -> None:
        height = self._row_tops()[-1]
        size = Size(self._width, height)
        if size != self.virtual_size:
            self.virtual_size = size

    def row_at_line(self, line: int) -> int | None:
        """The row drawn on the list's line `line` (counted from its top, scrolled or not)."""
        tops = self._row_tops()
        if not len(self._labels) or not 0 <= line < tops[-1]:
            return None
        return bisect_right(tops, line) - 1

    def _measure_view(self) -> None:
        """Measure the rows in view until none changes height (each change moves the rows below)."""
        if not self._check_width():
            return
        top = round(self.scroll_y)
        for _ in range(8):
            first = self.row_at_line(top)
            if first is None:
                break
            tops = self._row_tops()
            bottom = top + self.scrollable_content_region.height
            changed = False
            index = first
            while index < len(self._labels) and tops[index] < bottom:
                changed |= self._measure(index)
                index += 1
            if not changed:
                break
            self._tops = None
        self._update_virtual_size()

    # --- drawing ----------------------------------------------------------------------------

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if len(self._labels) <= EXACT_ROWS:
            inner = max(1, width - self._padding().width)
            return sum(max(1, self._visual(i).get_height(self.styles, inner)) for i in range(len(self._labels)))
        return self._row_tops()[-1]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        if not len(self._labels):
            return 0
        if len(self._labels) > EXACT_ROWS:
            return container.width
        widest = max(self._visual(i).get_optimal_width(self.styles, container.width) for i in range(len(self._labels)))
        return widest + self._padding().width

    def notify_style_update(self) -> None:
        self._strips.clear()
        self._drawn.clear()
        self.refresh()
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._measure_view()
        # The rows' styles are worked out once per redraw, not once a line: they cannot change meanwhile.
        self._pass_styles = {}
        try:
            return super().render_lines(crop)
        finally:
            self._pass_styles = None

    def _row_style(self, component: str) -> Style:
        """The style of a row drawn as `component` ("" for a plain row)."""
        styles = self._pass_styles
        style = None if styles is None else styles.get(component)
        if style is None:
            style = self.get_visual_style(OPTION, component) if component else self.get_visual_style(OPTION)
            if styles is not None:
                styles[component] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = round(self.scroll_y) + y
        index = self.row_at_line(line)
        if index is None or width != self._width:
            return Strip.blank(width, self._row_style("").rich_style)
        strips = self._row_strips(index)
        offset = line - self._row_tops()[index]
        if offset >= len(strips):
            return Strip.blank(width, self._row_style("").rich_style)
        return strips[offset]

    def _row_component(self, index: int) -> str:
        """The component class a row is drawn as ("" for a plain row)."""
        if self._disabled[index]:
            return DISABLED
        if index == self.highlighted:
            return HIGHLIGHTED
        return HOVER if index == self._hover else ""

    def _row_strips(self, index: int) -> list[Strip]:
        component = self._row_component(index)
        style = self._row_style(component)
        strips = self._strips.get((index, style))
        if strips is not None:
            return strips
        label = self.label_at(index)
        drawn_key = (id(label), index, style, index in self._as_given)
        drawn = self._drawn.get(drawn_key)
        if drawn is not None and drawn[0] is label:
            strips = self._strips[(index, style)] = drawn[1]
            return strips
        visual = self._visual(index)
        padding = self._padding()
        width = self._width
        if (self.text_selection is None and not padding.top and not padding.bottom
                and width > padding.width and self.styles.content_align == ("left", "top")):
            strips = padded_lines(self, visual, index, style, padding, width)
        else:
            strips = [
                strip.extend_cell_length(width, style.rich_style).apply_meta({"option": index})
                for strip in Visual.to_strips(self, Padding(visual, padding) if padding else visual, width, None, style)
            ]
        if component == HIGHLIGHTED:
            strips = [in_one_colour(strip, style) for strip in strips]
        self._strips[(index, style)] = strips
        self._drawn[drawn_key] = (label, strips)
        return strips

    # --- the highlight ----------------------------------------------------------------------

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not len(self._labels):
            return None
        return max(0, min(len(self._labels) - 1, highlighted))

    def watch_highlighted(self, previous: int | None, highlighted: int | None) -> None:
        # The rows the highlight leaves and reaches are drawn again, not every row in view (a section
        # opened moved the contents' highlight: all its lines were drawn again, 5 ms at 200x50).
        self._refresh_row(previous)
        self._refresh_row(highlighted)
        if highlighted is None or self._disabled[highlighted]:
            return
        self.scroll_to_highlight()
        self.post_message(self.Highlighted(self, highlighted))

    def _refresh_row(self, index: int | None) -> None:
        """Draw a row's lines again; every line in view if the row is not measured."""
        if index is None or not 0 <= index < len(self._labels):
            return
        if self._measured[index] and self._width:
            self.refresh_lines(self._row_tops()[index], self._heights[index])
        else:
            self.refresh()

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Bring the highlighted row into view (to the top of the list, with `top`)."""
        index = self.highlighted
        if index is None or not self.is_mounted or not self._check_width():
            return
        self._measure(index)
        first = self._heading_above(index)
        tops = self._row_tops()
        self._update_virtual_size()
        if not top and self._fits_from_the_top(index, tops):
            # Within the first screenful: show it from the top, headings and text above it included
            # (a person's Roles heading stayed out of sight above the first row that can be chosen).
            self.scroll_to(y=0, animate=False, immediate=True)
            return
        bottom = tops[index] + self._heights[index]
        if bottom - tops[first] > self.scrollable_content_region.height:
            first = index  # the row and its heading do not fit together: the row alone
        self.scroll_to_region(
            Region(0, tops[first], self._width, bottom - tops[first]),
            force=True,
            animate=False,
            top=top,
            immediate=True,
        )

    def _heading_above(self, index: int) -> int:
        """The first of the headings (rows that cannot be chosen) right above row `index`, measured;
        `index` itself if there are none. A row scrolled to shows them with it: a person's Scenes
        heading went out of sight above the scene highlighted under it."""
        first = index
        while first > 0 and self._disabled[first - 1]:
            first -= 1
            self._measure(first)
        return first

    def on_show(self) -> None:
        self.scroll_to_highlight()

    def on_resize(self) -> None:
        # Grown (a side pane given most of the column as a person opens): what was scrolled past to
        # keep the highlight in a smaller view may fit now.
        index = self.highlighted
        if index is not None and self.scroll_y and self._check_width():
            if self._fits_from_the_top(index, self._row_tops()):
                self.scroll_to(y=0, animate=False, immediate=True)

    def _fits_from_the_top(self, index: int, tops: list[int]) -> bool:
        return tops[index] + self._heights[index] <= self.scrollable_content_region.height
