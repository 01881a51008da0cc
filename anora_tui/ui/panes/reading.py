"""The reading pane: the open section's paragraphs in a readable column.

Names of people are marked and followable (`[`/`]` step through them, Enter or a click opens the
person), quotes are styled with a credit line naming the speaker, editorial notes sit under the
paragraph they concern, and the border shows how far through the article the reader is. Only the open
section is rendered, as plain text: nothing in a paragraph is ever read as markup or Markdown.

It draws its own lines (Textual's line API): the section is wrapped once per width into strips, so
opening a section mounts nothing and what is on screen is known exactly, without waiting for layout.
What the blocks and their lines look like is drawn in `reading_blocks`; the reader's moves (names,
sections, paging on across sections) are in `reading_moves`.
"""

from __future__ import annotations

from math import ceil
from typing import Callable, ClassVar

from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip

from ...core.model import Dataset, Section
from ...core.places import NameLink, section_links
from ...core.quoting import shown_title
from ...core.reading_time import ReadingTime
from ..content import plain
from ..focus import focus_now
from ..messages import ParagraphsInView
from ..textual_private import KeptComponentStyles, SteadyScrollbars
from ..widgets.kept_place import KeptPlace
from ..widgets.resizes_in_place import ResizesInPlace
from .reading_ahead import LaidOutAhead, ReadingAhead, run_to_end
from .reading_blocks import Block, BlockDrawing
from .reading_moves import ReadingMoves
from .reading_progress import AT_END, TOP, Place, ReadingProgress, paragraph_offsets


class ReadingPane(KeptComponentStyles, ReadingMoves, ReadingAhead, ReadingProgress, BlockDrawing, KeptPlace[Place],
                  ResizesInPlace, SteadyScrollbars, can_focus=True):
    BORDER_TITLE = "Reading"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("up,k", "scroll_up", "Up", show=False, id="reading.scroll-up"),
        Binding("down,j", "scroll_down", "Down", show=False, id="reading.scroll-down"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="reading.page-down",
                tooltip="Page down; at the end of a section, on into the next"),
        Binding("pageup", "page_up", "Page up", show=False, id="reading.page-up",
                tooltip="Page up; at the top of a section, back to the end of the previous one"),
        Binding("home,g", "scroll_home", "Top of the section", show=False, id="reading.top"),
        Binding("end,G", "scroll_end", "End of the section", show=False, id="reading.end"),
        Binding("right_square_bracket", "step_link(1)", "Name", show=True, tooltip="Select the next name", id="reading.next-name"),
        Binding("left_square_bracket", "step_link(-1)", "Previous name", show=False, id="reading.previous-name"),
        Binding("enter", "follow_link", "Open", show=True, tooltip="Open the selected name's person", id="reading.open-name"),
        Binding("right,l", "step_section(1)", "Section", show=True, tooltip="Next section", id="reading.next-section"),
        Binding("left,h", "step_section(-1)", "Previous section", show=False, id="reading.previous-section"),
        # Where a key has nothing to do (no name in the section, no section after the last), it is left
        # out of the key bar and comes here, to say so.
        Binding("right_square_bracket,left_square_bracket", "no_names", "Name", show=False, id="reading.no-names"),
        Binding("right,l", "no_section(1)", "Section", show=False, id="reading.no-next-section"),
        Binding("left,h", "no_section(-1)", "Previous section", show=False, id="reading.no-previous-section"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reading--title",
        "reading--name",
        "reading--name-selected",
        "reading--quote",
        "reading--says",
        "reading--highlight",
        "reading--landing-bar",
        "reading--credit",
        "reading--credit-name",
        "reading--note",
        "reading--note-bar",
        "reading--note-label",
        "reading--note-says",
        "reading--progress-done",
        "reading--progress-todo",
    }

    def __init__(self, dataset: Dataset, **kwargs) -> None:
        super().__init__(**kwargs)
        self.dataset = dataset
        self.section: Section | None = None
        self.links: tuple[NameLink, ...] = ()
        self.selected: NameLink | None = None
        self.highlight: tuple[int, tuple[int, int]] | None = None  # paragraph, span
        self.landing: int | None = None  # the paragraph a jump landed on, marked until the reader moves
        self.marks: tuple[tuple[int, int], ...] = ()  # more spans to mark in the highlight's paragraph
        self.blocks: list[Block] = []
        self._lines: list[Strip] = []
        self._block_lines: list[tuple[int, int]] = []  # each block's [first, last) line
        self._line_starts: list[list[int]] = []  # each block's lines' first character offsets
        self._layout_width = 0
        # The place the reader scrolled to, kept at the top of the pane across re-wraps and resizes
        # (see KeptPlace).
        self._place: Place = TOP
        self._place_to_show = False  # a new place (a section opened, a name shown) not yet scrolled to
        self._placed_size = Size(0, 0)  # the pane's size when the place was last shown
        # Blank lines the pane scrolls on past the section's end, so that a resize leaves the place at
        # the top (a wider pane has fewer lines below it): none once the reader scrolls back above.
        self._past_end = 0
        self._name_shown = False  # whether the selected name was on screen, as the reader left it
        self._arrive_at_end: str | None = None  # a section to open at its end (PgUp into it)
        # The sections the keys asked for, not opened yet (their Navigate is on its way), and the
        # page keys pressed meanwhile: keys pressed in a burst each count, from where the last goes.
        self._sections_asked: list[int] = []
        self._pages_on_arrival = 0
        self._after_arrival: list[Callable[[], object]] = []  # keys (Back, Forward) waiting for the way's end
        self._keys_offered: tuple[bool, ...] = ()  # what the key bar was last told this pane offers
        self._reported: tuple[str, tuple[int, ...]] | None = None
        self._render_style: RichStyle | None = None  # set while the lines are being drawn
        self._blank_line: Strip | None = None
        self._paragraphs_before = paragraph_offsets(dataset)
        self._total_paragraphs = sum(len(s.paragraphs) for s in dataset.sections)
        self.reading_time = ReadingTime(dataset)
        self.laid_out_ahead = LaidOutAhead()  # sections laid out ahead, or as last opened (reading_ahead)

    # --- public ------------------------------------------------------------------------------

    @property
    def section_id(self) -> str | None:
        return self.section.id if self.section else None

    def _screen_lines(self) -> tuple[int, int]:
        """The [top, bottom) lines of the laid-out section that are on screen."""
        top = round(self.scroll_y)
        return top, top + self.scrollable_content_region.height

    @property
    def in_view(self) -> tuple[int, ...]:
        """The paragraphs (1-based) with at least one line on screen."""
        top, bottom = self._screen_lines()
        return tuple(
            block.paragraph
            for block, (first, last) in zip(self.blocks, self._block_lines)
            if block.kind == "paragraph" and first < bottom and last > top
        )

    @property
    def top_paragraph(self) -> int:
        """The first paragraph on screen (1-based), for the saved state."""
        in_view = self.in_view
        return in_view[0] if in_view else 1

    @property
    def paragraph_read(self) -> int:
        """The paragraph the reader is at (1-based): the one a jump landed on while it is marked, or
        the one with the selected name, else the first that begins on screen, else the one at the top
        (a paragraph taller than the screen)."""
        in_view = self.in_view
        for chosen in (self.landing, self.selected.paragraph if self.selected else None):
            if chosen is not None and chosen in in_view:
                return chosen
        top, _bottom = self._screen_lines()
        for block, (first, _last) in zip(self.blocks, self._block_lines):
            if block.kind == "paragraph" and block.paragraph in in_view and first >= top:
                return block.paragraph
        return in_view[0] if in_view else 1

    def view_position(self) -> tuple[int, int] | None:
        """Where the reader is in the section, as (paragraph at the top, how far into it), for
        coming back to the same place at any width (see `Place`); None at the top of the section
        (above its first paragraph)."""
        place = self._place
        if place == AT_END and self._lines:
            place = self._place_at_line(round(self.max_scroll_y))
        return place if place[0] > 0 else None

    def open_section(
        self,
        section_id: str,
        paragraph: int | None = None,
        span: tuple[int, int] | None = None,
        marks: tuple[tuple[int, int], ...] = (),
        *,
        mark: bool = True,
        scroll: int = 0,
    ) -> None:
        """Show the section with `paragraph` at the top (`scroll` lines into it), or from its start.
        With `mark`, the paragraph is marked as where a jump landed, and `span` (and `marks`) in it
        highlighted, until the reader moves."""
        section = self.dataset.sections_by_id[section_id]
        if section is not self.section:
            self.section = section
            self.links = section_links(self.dataset, section)
            self.border_title = Content.assemble(f"{self.BORDER_TITLE} · ", plain(shown_title(self.dataset, section)))
        if paragraph is not None and not 1 <= paragraph <= len(section.paragraphs):
            paragraph = None
        self.selected = None
        self.landing = paragraph if mark else None
        self.highlight = (paragraph, span) if mark and paragraph is not None and span is not None else None
        self.marks = marks if self.highlight is not None else ()
        if self._arrive_at_end == section_id and paragraph is None:
            self._place = AT_END
        else:
            self._place = (paragraph, max(0, scroll)) if paragraph else TOP
        self._place_to_show = True
        self._arrive_at_end = None
        self._rebuild()
        self._arrived(section.index)

    def back_out(self) -> bool:
        """Escape: drop the selected name or the landing mark. True if there was one."""
        if self.selected is None and self.landing is None:
            return False
        self.selected = None
        self.landing = self.highlight = None
        self.marks = ()
        self._rebuild()
        return True

    def focus_default(self) -> None:
        focus_now(self)

    # --- building the blocks -----------------------------------------------------------------

    def _rebuild(self) -> None:
        made_ahead = self._made_ahead(self.scrollable_content_region.width) if self.is_mounted else None
        self.blocks = made_ahead.blocks if made_ahead is not None else list(self._make_blocks())
        offered = self.keys_offered()
        if offered != self._keys_offered:
            self._keys_offered = offered
            self.refresh_bindings()  # Enter ("Open") shows only with a name selected, → with a section after
        self._layout()

    # --- laying out lines --------------------------------------------------------------------

    def _layout(self) -> None:
        """Wrap every block to the column (or take the section as laid out ahead); then show the
        reader's place if the width changed (or a new place is to be shown), and report what is seen."""
        width = self.scrollable_content_region.width
        if width <= 0 or not self.is_mounted:
            # Hidden or not laid out yet: on_resize comes back here.
            self._layout_width, self._lines, self._block_lines, self._line_starts = 0, [], [], []
            return
        rewrapped = width != self._layout_width
        self._layout_width = width
        laid_out = self._made_ahead(width)
        if laid_out is None or laid_out.blocks is not self.blocks:
            laid_out = run_to_end(self._lay_out(self.blocks, width, self.landing))
            self._keep_laid_out(width, laid_out)
        self._lines, self._block_lines, self._line_starts = laid_out.lines, laid_out.block_lines, laid_out.line_starts
        if rewrapped or self._place_to_show:
            self._show_place(resized=not self._place_to_show)
        else:
            self._set_height(self._past_end)
        self.refresh()
        self._report_view()
        self._make_sections_ahead(width)

    def render_lines(self, crop: Region) -> list[Strip]:
        width = self.scrollable_content_region.width
        if width > 0 and width != self._layout_width:
            # Drawn at a new width (or shown again after being hidden) before on_resize has wrapped
            # it, as the contents close on a section chosen: wrap now, rather than draw a frame of
            # lines cut at the edge, or a blank one.
            self._layout()
        # The pane's style, and a blank line in it, are worked out once per redraw, not once a line.
        self._render_style = style = self.rich_style
        self._blank_line = Strip.blank(self.scrollable_content_region.width, style)
        try:
            return super().render_lines(crop)
        finally:
            self._render_style = self._blank_line = None

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        style = self._render_style or self.rich_style
        if 0 <= index < len(self._lines):
            line = self._lines[index]
            return line if width == self._layout_width else line.crop_extend(0, width, style)
        if self._blank_line is not None and self._blank_line.cell_length == width:
            return self._blank_line
        return Strip.blank(width, style)

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._layout_width:
            self._layout()
        else:  # as tall as it was or not, the place goes back to the top
            self._show_place(resized=True)
            self._report_view()

    def on_mount(self) -> None:
        # The lines are built ahead of time with the theme's colours: a new theme rebuilds them.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._rebuild())

    # --- scrolling and what is on screen -----------------------------------------------------

    def _show_place(self, resized: bool = False) -> None:
        """Scroll the reader's place to the top. A new place (a section opened, a jump): as near as
        the section's end allows. The same place at a new size (`resized`): at the top whatever is
        left below it, the pane scrolling on past the section's end over blank lines if need be, as
        an e-reader's last page; and a selected name that was on screen is kept on screen."""
        keep_name = resized and self._name_shown and self.selected is not None
        self._place_to_show = False
        self._placed_size = self.size
        if not self._lines:
            return
        if self._place == AT_END:
            line, past_end = len(self._lines), 0
        else:
            line = self._line_of(self._place)
            past_end = self._lines_past_end(line) if resized else 0
        self._set_height(past_end)
        self._scroll_keeping_place(min(line, self.max_scroll_y))
        if keep_name:
            self._keep_name_on_screen()

    def _set_height(self, past_end: int) -> None:
        """The scrollable height: the section's lines, and `past_end` blank lines after them."""
        self._past_end = past_end
        with self._keeping_place_as_it_is():  # the new height may pull the scroll back
            # Taken in place where the scrollbar stays as it is: a section opened laid out the whole
            # screen for its new length.
            self.set_virtual_height(len(self._lines) + past_end)

    def _lines_past_end(self, top: int) -> int:
        """The blank lines past the section's end that let the line `top` be at the top of the pane."""
        return max(0, top + self.scrollable_content_region.height - len(self._lines))

    def _name_on_screen(self) -> bool:
        """Whether there is a selected name, and its line is on screen."""
        line = self._link_line(self.selected) if self.selected is not None else None
        top, bottom = self._screen_lines()
        return line is not None and top <= line < bottom

    def _keep_name_on_screen(self) -> None:
        """Scroll just enough to show the selected name's line, the reader's place kept (the next
        resize brings it back to the top)."""
        line = self._link_line(self.selected) if self.selected is not None else None
        top, bottom = self._screen_lines()
        if line is not None and not top <= line < bottom:
            self._scroll_keeping_place(line if line < top else line - (bottom - top) + 1)

    def _laid_out_lines(self) -> int:
        """How many lines the open section is laid out in (at the pane's width)."""
        return len(self._lines)

    def _line_of(self, place: Place) -> int:
        """The line a place is on, as the lines are wrapped now."""
        paragraph, into = place
        group = [
            (lines, starts, len(block.content.plain))
            for block, lines, starts in zip(self.blocks, self._block_lines, self._line_starts)
            if block.paragraph == paragraph
        ]
        if not group:
            return 0
        if into == 0:
            return group[0][0][0] - 1  # the blank line above it
        offset = into - 1
        for index, ((first, _last), starts, length) in enumerate(group):
            if offset < length or index == len(group) - 1:
                return first + max((i for i, start in enumerate(starts) if start <= offset), default=0)
            offset -= length
        return 0

    def _place_at_line(self, line: int) -> Place:
        """The place of a line, as the lines are wrapped now (the inverse of `_line_of`)."""
        place, into, paragraph = TOP, 0, None
        for block, (first, last), starts in zip(self.blocks, self._block_lines, self._line_starts):
            if block.paragraph != paragraph:
                paragraph, into = block.paragraph, 1
            if block.kind in ("title", "paragraph") and line == first - 1:
                return (paragraph, 0)
            if first <= line < last:
                return (paragraph, into + starts[line - first])
            if line >= last:
                place = (paragraph, into + (starts[-1] if starts else 0))
            into += len(block.content.plain)
        return place

    def _scroll_goal(self) -> int:
        """The line the scroll is going to: the end of an animation under way, else where it is (a
        resize may have moved it since the last scroll_to set its target)."""
        animating = self.app.animator.is_being_animated(self, "scroll_y")
        return round(min(self.scroll_target_y if animating else self.scroll_y, self.max_scroll_y))

    def _link_line(self, link: NameLink, paragraph_blocks: dict[int, int] | None = None) -> int | None:
        """The line (0-based, in the laid-out section) the name starts on; None before layout.
        (`paragraph_blocks`: `_paragraph_blocks()`, when the lines of many names are wanted.)"""
        index = (paragraph_blocks or self._paragraph_blocks()).get(link.paragraph)
        if index is None:
            return None
        first, _last = self._block_lines[index]
        starts = self._line_starts[index]
        return first + max(i for i, start in enumerate(starts) if start <= link.start or i == 0)

    def _paragraph_blocks(self) -> dict[int, int]:
        """Each laid-out paragraph's first block."""
        found: dict[int, int] = {}
        for index, block in enumerate(self.blocks[: len(self._block_lines)]):
            if block.kind == "paragraph":
                found.setdefault(block.paragraph, index)
        return found

    def link_lines(self) -> list[tuple[NameLink, int]]:
        """Each name with the line it starts on, in reading order (none before layout)."""
        blocks = self._paragraph_blocks()
        lines = ((link, self._link_line(link, blocks)) for link in self.links)
        return [(link, line) for link, line in lines if line is not None]

    def links_on_screen(self) -> list[NameLink]:
        """The names whose line is on screen, in reading order (a paragraph partly scrolled off may
        have names above the top line: those are not on screen)."""
        if not self._lines:
            in_view = self.in_view
            return [link for link in self.links if link.paragraph in in_view]
        top, bottom = self._screen_lines()
        return [link for link, line in self.link_lines() if top <= line < bottom]

    def _scroll_to_link(self, link: NameLink) -> None:
        """Scroll just enough to show the line the name is on."""
        line = self._link_line(link) if self._lines else None
        if line is None:
            self._place, self._place_to_show = (link.paragraph, 0), True  # its paragraph, once laid out
            return
        self.scroll_to_region(Region(0, line, 1, 1), animate=False, immediate=True, force=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._past_end and not self._keeping_place and self._laid_out_for_size():
            # The reader scrolled back up: the blank lines past the end go as they leave the screen.
            past_end = self._lines_past_end(ceil(new_value))  # (ceil: an animation's step is not cut short)
            if past_end < self._past_end:
                self._set_height(past_end)
        if round(old_value) != round(new_value):
            self._report_view()

    def _laid_out_for_size(self) -> bool:
        return bool(self._lines) and self.size == self._placed_size

    def _report_view(self) -> None:
        # A scroll animation may still tick once the pane is gone (the reader quitting mid-scroll):
        # its component styles are gone with it.
        if self.section is None or not self._lines or not self.is_attached:
            return
        visible = self.in_view
        if self._laid_out_for_size():
            self._name_shown = self._name_on_screen()
        self._update_progress(visible)
        if visible and self._reported != (self.section.id, visible):
            self._reported = (self.section.id, visible)
            # To the App itself, its one reader, rather than bubbled up through the containers: it
            # arrives in time for the side column's marks to be drawn in the same frame as the text.
            self.app.post_message(ParagraphsInView(self.section.id, visible))
