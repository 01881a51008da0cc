"""The search results: a Line-API list that draws only the rows on screen, straight from the lazy
`HitList`, so 100,000 hits cost no more than 10.

A row is the quote (or, for the text scope, the paragraph's excerpt around the match) with the
matched words highlighted, then a line saying who and where. A quote is shown whole when every hit
fits whole on screen; otherwise in at most `COMPACT_LINES` lines, cut at a word with "…" (starting
near its first match, so that one shows). Rows take only the lines they need, so their heights
vary: the first line of each row is worked out as far as the list has been read, and the rows not
reached yet are counted at their largest height until they are.

Every row is built from `rich.text.Text` (never markup); styles come from component classes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip

from ...core.model import Dataset
from ...core.quoting import place_label, shown_quote
from ...core.search import AnyHit, SearchResult
from ...core.text import ELLIPSIS, LINE_BREAKS_AND_TABS, excerpt
from ..textual_private import divide_line
from .resizes_in_place import ResizesInPlace

COMPACT_LINES = 2  # the most lines of text a row gets when not every hit fits whole
MARKER, NO_MARKER = "▌ ", "  "
# One for one, so match offsets stay valid: line breaks and tabs become spaces, other control
# characters (the loader has already replaced them; this is a second guard) a visible U+FFFD.
ONE_LINE = {
    code: " " if chr(code) in LINE_BREAKS_AND_TABS or chr(code) in "\x1c\x1d\x1e\x1f" else "\ufffd"
    for code in (*range(0x20), *range(0x7F, 0xA0))
}
_NOT_ONE_LINE = re.compile("[" + "".join(re.escape(chr(code)) for code in ONE_LINE) + "]")


def one_line(text: str) -> str:
    """`text` translated by `ONE_LINE`. Most texts have nothing to translate, and finding that out is
    far quicker than a translation (which looks every character up in the table)."""
    return text.translate(ONE_LINE) if _NOT_ONE_LINE.search(text) else text


def styled_text(text: str, spans, match_style: Style, opening: str = "", closing: str = "") -> Text:
    """The text (between its quotation marks, if any) with the spans styled."""
    shown = Text(opening + one_line(text) + closing)
    for start, end in spans:
        shown.stylize(match_style, start + len(opening), end + len(opening))
    return shown


def fit_lines(console: Console, text: str, spans, room: int, max_lines: int | None, match_style: Style,
              opening: str = "", closing: str = "") -> list[Text]:
    """The text wrapped to `room` cells in at most `max_lines` lines (None: all of it). When it is
    longer, an excerpt around its first match, cut at words with "…" (quotation marks only where
    the quote really starts or ends). Each excerpt tried is only divided into lines (`line_breaks`);
    the one kept is styled and cut there once."""
    text = one_line(text)
    # Too long to fit in any case: straight to the excerpt, without dividing the whole text first.
    if max_lines is None or len(text) + len(opening) + len(closing) <= room * max_lines:
        breaks = line_breaks(opening + text + closing, room)
        if max_lines is None or len(breaks) < max_lines:
            return wrapped(styled_text(text, spans, match_style, opening, closing), breaks, room)
    focus = spans[0] if spans else (0, 0)
    budget = room * max_lines - 1
    while True:
        before, match, after = excerpt(text, focus, budget)
        kept_before = before.removeprefix(ELLIPSIS)
        start = focus[0] - len(kept_before)
        end = focus[1] + len(after.removesuffix(ELLIPSIS))
        head = ELLIPSIS if before.startswith(ELLIPSIS) else opening
        tail = ELLIPSIS if after.endswith(ELLIPSIS) else closing
        plain = head + text[start:end] + tail
        breaks = line_breaks(plain, room)
        if len(breaks) < max_lines or budget <= room // 2:
            break
        budget -= max(1, room // 3)
    shown = Text(plain)
    for span_start, span_end in spans:
        if span_end > start and span_start < end:
            shown.stylize(match_style, max(span_start, start) - start + len(head),
                          min(span_end, end) - start + len(head))
    return wrapped(shown, breaks, room)[:max_lines]


def line_breaks(plain: str, room: int) -> list[int]:
    """Where `Text(plain).wrap(console, room, overflow="fold")` breaks a text with no line breaks or
    tabs (what `one_line` leaves): Rich's own division of a line, which `Text.wrap` calls, without
    the styled lines it then makes. Trying excerpts for a row was most of a search key's measuring."""
    return divide_line(plain, room, fold=True)


def wrapped(text: Text, breaks: list[int], room: int) -> list[Text]:
    """`text` (no line breaks or tabs) cut at `breaks` (`line_breaks` of its plain text): the lines
    `text.wrap(console, room, overflow="fold")` makes, as `Text.wrap` makes them."""
    lines = list(text.divide(breaks))
    for line in lines:
        line.rstrip_end(room)
        line.truncate(room, overflow="fold")
    return lines


class ResultList(ResizesInPlace, can_focus=False):
    """The hits, each in as many lines as it needs, with a cursor; only visible rows are rendered."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "result-list--match",
        "result-list--cursor",
        "result-list--marker",
        "result-list--meta",
        "result-list--label",
    }

    @dataclass
    class Chosen(Message):
        """A row was clicked."""

        row: int

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another row (or the results changed)."""

    def __init__(self, dataset: Dataset, **kwargs) -> None:
        super().__init__(**kwargs)
        self._dataset = dataset
        self._result: SearchResult | None = None
        self.cursor = 0
        self.whole = False  # every hit shown whole (they all fit)
        self._lines: LRUCache[tuple[int, int, bool], list[Text]] = LRUCache(256)  # (row, width, whole)
        self._rows: LRUCache[tuple[int, int, bool, bool], list[Strip]] = LRUCache(256)  # + current
        self._starts: list[int] = [0]  # first line of each row worked out so far, then the end
        self._width = 0
        self._styles: dict[tuple[str, bool], Style] = {}  # read once per styling: each read walks the CSS
        # What `render_line` last drew on each line of the view (see `_redraw_changed`): Textual keeps
        # those lines, and draws again only the lines it is told have changed.
        self._drawn: dict[int, tuple | None] = {}

    # --- what is shown

    @property
    def count(self) -> int:
        return len(self._result.hits) if self._result else 0

    @property
    def highlighted(self) -> AnyHit | None:
        return self._result.hits[self.cursor] if self.count else None

    def show(self, result: SearchResult, announce: bool = True) -> None:
        """Show `result` from its first hit; `Highlighted` follows unless `announce` is false (the
        caller, showing what goes with the first hit itself, need not hear of it again)."""
        self._result = result
        self.cursor = 0
        self.scroll_to(y=0, animate=False, immediate=True)  # before the rows are laid out: from the top
        self._reset()
        if announce:
            self.post_message(self.Highlighted())

    def move_cursor(self, rows: int) -> None:
        if not self.count:
            return
        cursor = max(0, min(self.count - 1, self.cursor + rows))
        if cursor != self.cursor:
            self.cursor = cursor
            self.post_message(self.Highlighted())
        self._known_to(self.cursor + 1)
        first, end = self._starts[self.cursor], self._starts[self.cursor + 1]
        self._update_size()
        self.scroll_to_region(Region(0, first, max(1, self.row_width), end - first), animate=False, immediate=True)
        self._redraw_changed()

    @property
    def row_width(self) -> int:
        """The width rows are laid out in: beside the scrollbar's gutter (kept whether the scrollbar
        shows or not, so a row never loses its last characters under it)."""
        return self.scrollable_content_region.width

    @property
    def rows_per_page(self) -> int:
        return max(1, self.size.height // (COMPACT_LINES + 1))

    # --- layout: rows of varying height, worked out as far as they are read

    def _reset(self) -> None:
        self._rows.clear()
        self._lines.clear()
        self._starts = [0]
        self._width = self.row_width
        self.whole = self._all_fit_whole()
        # The rows on screen measured now, so the height is right the first time it is drawn: drawing
        # them would otherwise find it out, and a second layout and drawing would follow.
        while self._starts[-1] < self.size.height and len(self._starts) <= self.count:
            self._known_to(len(self._starts))
        self._update_size()
        self._redraw_changed()

    def _redraw_changed(self) -> None:
        """Ask Textual to draw again only the lines of the view that now show something else than
        they were last drawn with: a key typed into the search changes the matched words' lines, and
        the rows that are new; the lines saying who and where mostly stay. (Each line drawn again
        costs the screen's compositor a pass through every widget under it, and the terminal its bytes.)"""
        drawn, top, width = self._drawn, self.scroll_offset.y, self.row_width
        changed = [y for y in range(self.size.height) if drawn.get(y, drawn) != self._line_shown(y + top, width)]
        width = self.size.width
        start = None
        for index, y in enumerate(changed):  # a region per run of lines
            if start is None:
                start = y
            if index + 1 == len(changed) or changed[index + 1] != y + 1:
                self.refresh(Region(0, start, width, y + 1 - start))
                start = None

    def _line_shown(self, line: int, width: int) -> tuple | None:
        """What line `line` of the list (counted from its top) shows: what its strip is drawn from."""
        row = self._row_at_line(line) if self._result is not None else None
        if row is None:
            return None
        lines = self._row_lines(row, width=width)
        text = lines[min(line - self._starts[row], len(lines) - 1)]
        return text.plain, text.style, text.spans, row == self.cursor

    def _all_fit_whole(self) -> bool:
        height, width = self.size.height, self.row_width
        if not self.count or not width or self.count * 2 > height:
            return False
        room = max(1, width - len(MARKER))
        hits = self._result.hits[: self.count]
        # At least one line per `room` characters, and the line saying who and where: most long
        # lists of long quotes are told not to fit without wrapping any.
        if sum(-(-(len(hit.text) + 2) // room) + 1 for hit in hits) > height:
            return False
        lines = 0
        for row in range(self.count):
            lines += len(self._row_lines(row, whole=True, width=width))
            if lines > height:
                return False
        return True

    def _known_to(self, rows: int) -> None:
        starts, count, width = self._starts, self.count, self.row_width
        while len(starts) <= rows and len(starts) <= count:
            row = len(starts) - 1
            starts.append(starts[-1] + len(self._row_lines(row, width=width)))

    def _update_size(self) -> None:
        known = len(self._starts) - 1
        self.set_virtual_height(self._starts[-1] + (self.count - known) * (COMPACT_LINES + 1))

    def _row_at_line(self, y: int) -> int | None:
        while self._starts[-1] <= y and len(self._starts) <= self.count:
            self._known_to(len(self._starts))
        row = bisect_right(self._starts, y) - 1
        return row if row < len(self._starts) - 1 else None

    def notify_style_update(self) -> None:
        self._rows.clear()
        self._lines.clear()
        self._styles.clear()
        self._drawn.clear()
        super().notify_style_update()

    def _style(self, component: str = "", partial: bool = False) -> Style:
        """A component class's style (`""`: the list's own), as the list is styled now."""
        key = (component, partial)
        style = self._styles.get(key)
        if style is None:
            style = self.get_component_rich_style(component, partial=partial) if component else self.rich_style
            self._styles[key] = style
        return style

    def component_style(self, component: str) -> Style:
        """A component class's style as the list is styled now (partial: only what it sets), read once
        per styling (the search preview styles its matches and its meta line as the list does)."""
        return self._style(component, partial=True)

    def on_resize(self, event: events.Resize) -> None:
        if self.row_width != self._width or self._result is not None:
            self._drawn.clear()  # drawn again whole
            self._reset()
            if self.count:
                self.move_cursor(0)

    # --- drawing

    def render_line(self, y: int) -> Strip:
        width = self.row_width
        line = y + self.scroll_offset.y
        known = len(self._starts)
        row = self._row_at_line(line) if self._result is not None else None
        if len(self._starts) != known:  # more rows measured: the scrollable height is closer to exact
            self.call_after_refresh(self._update_size)
        self._drawn[y] = self._line_shown(line, width)
        if row is None:
            return Strip.blank(width, self._style())
        strips = self._row_strips(row, row == self.cursor, width)
        return strips[min(line - self._starts[row], len(strips) - 1)]

    def _row_lines(self, row: int, whole: bool | None = None, width: int | None = None) -> list[Text]:
        """The row's lines before the marker and the cursor's style: what its height comes from."""
        whole = self.whole if whole is None else whole
        width = self.row_width if width is None else width
        key = (row, width, whole)
        lines = self._lines.get(key)
        if lines is None:
            hit = self._result.hits[row]
            room = max(1, width - len(MARKER))
            lines = self._text_lines(hit, room, whole)
            meta = self._meta(hit)
            meta.truncate(room, overflow="ellipsis")
            lines.append(meta)
            self._lines[key] = lines
        return lines

    def _row_strips(self, row: int, current: bool, width: int) -> list[Strip]:
        key = (row, width, current, self.whole)
        strips = self._rows.get(key)
        if strips is None:
            strips = self._render_row(self._row_lines(row, width=width), width, current)
            self._rows[key] = strips
        return strips

    def _render_row(self, lines: list[Text], width: int, current: bool) -> list[Strip]:
        style = self._style
        base = style() + (style("result-list--cursor") if current else Style())
        marker = Text(MARKER if current else NO_MARKER, style=style("result-list--marker", partial=True))
        console = self.app.console
        strips = []
        for line in lines:
            text = Text.assemble(marker, line, style=base, no_wrap=True)
            strips.append(Strip(text.render(console), text.cell_len).adjust_cell_length(width, base))
        return strips

    def _text_lines(self, hit: AnyHit, room: int, whole: bool) -> list[Text]:
        match = self._style("result-list--match", partial=True)
        max_lines = None if whole else COMPACT_LINES
        if hit.quote is not None:
            shown = shown_quote(hit.text, hit.quote.form)
            return fit_lines(self.app.console, hit.text, hit.spans, room, max_lines, match,
                             shown.opening, shown.closing)
        return fit_lines(self.app.console, hit.text, hit.spans, room, COMPACT_LINES, match)

    def _meta(self, hit: AnyHit) -> Text:
        style = self._style
        meta = style("result-list--meta", partial=True)
        place = one_line(place_label(self._dataset, hit.section, hit.paragraph))
        if hit.quote is None:
            return Text(place, style=meta)
        speaker = one_line(self._dataset.people_by_id[hit.quote.speaker].name)
        label = shown_quote(hit.text, hit.quote.form).label
        parts: list[tuple[str, Style]] = [(f"— {speaker}", meta)]
        if label:
            parts.append((f" ({label})", style("result-list--label", partial=True)))
        parts.append((f" · {place}", meta))
        return Text.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        row = self._row_at_line(event.y + self.scroll_offset.y)
        if row is not None:
            if row != self.cursor:
                self.cursor = row
                self.post_message(self.Highlighted())
            self.refresh()
            self.post_message(self.Chosen(row))
