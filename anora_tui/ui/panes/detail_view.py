"""A detail view built once and mounted on first use (person details, scene and event details), its
pages made ahead in idle time, and the heading line a detail view can put above its list."""

from __future__ import annotations

import gc
from typing import Callable, Generic, Hashable, Iterable, Iterator, TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget

from ..textual_private import KeptComponentStyles
from ..widgets.link_list import Heading, LinkList, Row

Page = TypeVar("Page")
PAGE_PAUSE = 0.02  # seconds between two pages made ahead: keys and redraws come between
ROWS_AT_ONCE = 8  # rows of a page wrapped ahead between two pauses (about 2 ms)
ROWS_PAUSE = 0.005  # seconds between two such steps
HIDDEN_PAUSE = 0.5  # seconds between two looks at a hidden pane's width

TAG_GAP = "  "  # between a heading and its tag when both fit on one line


class DetailHeader(Widget):
    """A heading (a person's name and kind) and an optional tag after it ("● named where you
    read"): on one line where both fit, else the tag whole on a line of its own, never split."""

    DEFAULT_CSS = """
    DetailHeader {
        height: auto;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._heading = Content("")
        self._tag: Content | None = None

    def show(self, heading: Content, tag: Content | None = None) -> None:
        """Show these; the screen is laid out again only if that changes the header's height (the tag
        comes and goes as the text names the person or not: on every section opened from a person)."""
        width = self.content_region.width
        lines_before = self._height_at(width)
        self._heading, self._tag = heading, tag
        self.refresh(layout=not width or self._height_at(width) != lines_before)

    def _height_at(self, width: int) -> int:
        return len(self._lines(width).wrap(max(1, width)))

    @property
    def text(self) -> str:
        """What it says, as plain text on one line."""
        return self._heading.plain + (TAG_GAP + self._tag.plain if self._tag else "")

    def _lines(self, width: int) -> Content:
        if self._tag is None:
            return self._heading
        tag = self._tag
        if self._heading.cell_length + len(TAG_GAP) + tag.cell_length <= width:
            gap = Content(TAG_GAP)
            for span in tag.spans:  # the gap drawn as the tag starts (a background runs on through it)
                if span.start == 0:
                    gap = gap.stylize(span.style)
            return Content.assemble(self._heading, gap + tag).simplify()
        return Content.assemble(self._heading, "\n", tag)

    def render(self) -> Content:
        return self._lines(self.content_region.width or self.size.width)

    def get_content_height(self, container, viewport, width: int) -> int:
        return self._height_at(width)


class DetailView(KeptComponentStyles, Vertical, Generic[Page]):
    """Subclasses make their child widgets in `__init__` and list them in `parts()`. The view can be
    mounted lazily: `mount_parts()` mounts them at once rather than when this composes, because the
    focus may move into them straight away. Its pages (of a `Page` type, whose rows are `page_rows`)
    can be made ahead at the list's width (`prepare`), and are then shown without being made or
    wrapped again (`made_ahead`)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._prepared: dict[Hashable, Page] = {}  # key -> page made ahead at _prepared_width
        self._prepared_width = 0

    def parts(self) -> tuple[Widget, ...]:
        raise NotImplementedError

    @property
    def links(self) -> LinkList:
        raise NotImplementedError

    def make_page(self, key: Hashable, width: int) -> Page:
        """The page of `key`, its rows wrapped at `width`."""
        raise NotImplementedError

    def page_rows(self, page: Page) -> Iterable[Row]:
        raise NotImplementedError

    def prepare(self, key: Hashable) -> None:
        """Make a page ahead (in idle time), at the width the list has or is assumed to have: its rows,
        each wrapped at that width, so that showing it later only sets them. Pages made at another
        width are dropped."""
        for _ in self.preparing(key):
            pass

    def preparing(self, key: Hashable) -> Iterator[None]:
        """`prepare`, a few rows at a time: it pauses (yields) between them, so that a key pressed
        meanwhile waits for a few rows, not a whole page (a long page took 20-35 ms)."""
        width = self._links_width()
        if width <= 0:
            return
        if width != self._prepared_width:
            self._prepared.clear()
            self.links.forget_prepared()
            self._prepared_width = width
        if key in self._prepared:
            return
        page = self.make_page(key, width)
        labels = [row.label for row in self.page_rows(page) if not isinstance(row, Heading)]
        for start in range(0, len(labels), ROWS_AT_ONCE):
            if start:
                yield
                if width != self._prepared_width:  # the list's width changed meanwhile: made again later
                    return
            self.links.prepare_labels(labels[start : start + ROWS_AT_ONCE], width)
        self._prepared[key] = page

    def made_ahead(self, key: Hashable, width: int) -> Page | None:
        """The page of `key` made ahead at `width`, if there is one."""
        return self._prepared.get(key) if width == self._prepared_width else None

    @property
    def prepared(self) -> frozenset[Hashable]:
        """The keys whose pages are made ahead at the list's present width."""
        return frozenset(self._prepared) if self._prepared_width == self._links_width() else frozenset()

    def _links_width(self) -> int:
        links = self.links
        padding = links.get_component_styles("option-list--option").padding
        return max(0, links.row_width - padding.width)

    def compose(self) -> ComposeResult:
        yield from self._unmounted_parts()

    def mount_parts(self) -> None:
        self.mount(*self._unmounted_parts())

    def _unmounted_parts(self) -> list[Widget]:
        return [part for part in self.parts() if part.parent is None]


NARROW = "-narrow"  # the screen's class where one pane shows at a time, full width (ui/layout.py)


def width_when_shown(pane: Widget, inside: Widget | None = None) -> int:
    """The width of `inside` (a part of `pane` with no border or padding of its own; the pane itself
    by default) for its content, as laid out; or, while the pane is hidden where one pane shows at a
    time, the width it will have: the terminal's, less the pane's border and padding (every pane
    there is full width). Its pages are then made ahead before it is first shown, not after."""
    width = (inside or pane).scrollable_content_region.width
    if width or not pane.is_mounted or not pane.screen.has_class(NARROW):
        return width
    return max(0, pane.screen.size.width - pane.styles.gutter.width)


def keep_out_of_the_collectors_reach() -> None:
    """Once work made ahead is done: what it made (pages, layouts: tens of thousands of objects that
    live on) is frozen out of the cyclic collector's reach, after a young collection frees what it
    left behind, as `core.gc_pause` does at start. Otherwise each full collection walked them all
    again, 10-25 ms that fell on whichever open came next. Only in a process that froze what its start
    made (the command does, `core.gc_pause`): an App run by a test is soon garbage, and frozen it
    would never be collected."""
    if gc.get_freeze_count():
        gc.collect(1)
        gc.freeze()


def make_pages_ahead(pane: Widget, detail: DetailView, keys: Iterable[Hashable], width: Callable[[], int]) -> None:
    """Make every page ahead (`DetailView.preparing`) at the list's width as the pane would give it
    (`width`), a few rows at a time, with a pause between pages and a shorter one between their
    steps. Where the pane is hidden (one pane at a time) that width is not known: they are made once
    it has been shown."""
    steps = _pages_made(pane, detail, keys, width)

    def step() -> None:
        pause = next(steps, None) if pane.is_mounted else None
        if pause is not None:
            pane.set_timer(pause, step)
        elif pane.is_mounted:
            keep_out_of_the_collectors_reach()

    pane.set_timer(PAGE_PAUSE, step)


def _pages_made(pane: Widget, detail: DetailView, keys: Iterable[Hashable], width: Callable[[], int]) -> Iterator[float]:
    """Make the pages, yielding the pause to take after each step."""
    for key in keys:
        while not (list_width := width()):
            yield HIDDEN_PAUSE
            if not pane.is_mounted:
                return
        detail.links.assume_width(list_width)  # as an open does, while the list was never shown
        for _ in detail.preparing(key):
            yield ROWS_PAUSE
            if not pane.is_mounted:
                return
        yield PAGE_PAUSE
