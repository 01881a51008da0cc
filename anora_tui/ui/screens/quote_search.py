"""The quote search screen: a query box over a live, ranked, virtualised list of matching quotes.

`QuoteSearchScreen` is modal. It searches on every keystroke; Up/Down (and PageUp/PageDown) move
through the results while typing; Enter dismisses it with the chosen quote's id, Escape with None.
`screen.result` keeps the last search, so the App can step through it with n/N (`search.step_match`).

The result list is a Line-API `ScrollView`: it draws only the rows on screen, straight from the lazy
`HitList`, so 100,000 hits cost no more than 10. Every row is built from `rich.text.Text` (never
markup), with the matched spans styled by the `quote-results--match` component class.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.cache import LRUCache
from textual.containers import Vertical
from textual.geometry import Region, Size
from textual.message import Message
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input, Static

from ...core.model import Dataset
from ...core.search import Hit, QuoteIndex, SearchResult, suggest_loosening
from ...core.text import clean_text
from ..widgets.key_bar import KeyBar

ELLIPSIS = "…"
QUOTE_LINES = 2
ROW_HEIGHT = QUOTE_LINES + 1  # the quote, then who said it and where
# One for one, so match offsets stay valid: line breaks and tabs become spaces, other control
# characters (the loader has already replaced them; this is a second guard) a visible U+FFFD.
_ONE_LINE = {code: " " if chr(code) in "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85" else "\ufffd"
             for code in (*range(0x20), *range(0x7F, 0xA0))}


class QuoteResultList(ScrollView, can_focus=False):
    """The hits, ROW_HEIGHT lines each, with a cursor; only visible rows are ever rendered."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "quote-results--match",
        "quote-results--cursor",
        "quote-results--marker",
        "quote-results--meta",
    }

    class Chosen(Message):
        """A row was clicked."""

        def __init__(self, quote_id: str) -> None:
            super().__init__()
            self.quote_id = quote_id

    def __init__(self, dataset: Dataset, **kwargs) -> None:
        super().__init__(**kwargs)
        self._dataset = dataset
        self._result: SearchResult | None = None
        self.cursor = 0
        self._rows: LRUCache[tuple[int, int, bool], list[Strip]] = LRUCache(256)

    @property
    def count(self) -> int:
        return len(self._result.hits) if self._result else 0

    @property
    def highlighted(self) -> Hit | None:
        return self._result.hits[self.cursor] if self.count else None

    def show(self, result: SearchResult) -> None:
        self._result = result
        self.cursor = 0
        self._rows.clear()
        self.virtual_size = Size(0, self.count * ROW_HEIGHT)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def move_cursor(self, rows: int) -> None:
        if not self.count:
            return
        self.cursor = max(0, min(self.count - 1, self.cursor + rows))
        self.scroll_to_region(
            Region(0, self.cursor * ROW_HEIGHT, max(1, self.size.width), ROW_HEIGHT),
            animate=False,
            immediate=True,
        )
        self.refresh()

    @property
    def rows_per_page(self) -> int:
        return max(1, self.size.height // ROW_HEIGHT)

    def notify_style_update(self) -> None:
        self._rows.clear()
        super().notify_style_update()

    def _on_resize(self, event: events.Resize) -> None:
        self._rows.clear()

    def on_click(self, event: events.Click) -> None:
        row = (event.y + self.scroll_offset.y) // ROW_HEIGHT
        if 0 <= row < self.count:
            self.cursor = row
            self.refresh()
            self.post_message(self.Chosen(self._result.hits[row].quote.id))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        row, part = divmod(y + self.scroll_offset.y, ROW_HEIGHT)
        if row >= self.count:
            return Strip.blank(width, self.rich_style)
        key = (row, width, row == self.cursor)
        lines = self._rows.get(key)
        if lines is None:
            lines = self._render_row(self._result.hits[row], width, row == self.cursor)
            self._rows[key] = lines
        return lines[part]

    def _render_row(self, hit: Hit, width: int, current: bool) -> list[Strip]:
        console = self.app.console
        style = self.get_component_rich_style
        base = self.rich_style + (style("quote-results--cursor") if current else Style())
        marker = Text("▌ " if current else "  ", style=style("quote-results--marker", partial=True))
        room = max(1, width - marker.cell_len)
        lines = self._quote_lines(hit, room)
        speaker = self._dataset.people_by_id[hit.quote.speaker].name
        section = self._dataset.sections_by_id[hit.quote.section].title
        meta = Text(
            f"— {speaker} · {section}".translate(_ONE_LINE),
            style=style("quote-results--meta", partial=True),
        )
        meta.truncate(room, overflow="ellipsis")
        lines.append(meta)
        strips = []
        for line in lines:
            text = Text.assemble(marker, line, style=base, no_wrap=True)
            strip = Strip(text.render(console), text.cell_len)
            strips.append(strip.adjust_cell_length(width, base))
        return strips

    def _quote_lines(self, hit: Hit, room: int) -> list[Text]:
        """QUOTE_LINES lines of the quote, starting near its first match so that one is visible."""
        text, spans = hit.quote.text.translate(_ONE_LINE), hit.spans
        start = 0
        if spans and len(text) > room * QUOTE_LINES and spans[0][1] > room:
            start = max(0, spans[0][0] - room // 3)
            start = text.rfind(" ", 0, start) + 1 or start  # from the start of a word
        shown = Text(ELLIPSIS if start else "", no_wrap=False, overflow="fold")
        shown.append(text[start:])
        shift = len(shown) - (len(text) - start)
        match_style = self.get_component_rich_style("quote-results--match", partial=True)
        for span_start, span_end in spans:
            if span_end > start:
                shown.stylize(match_style, max(span_start - start, 0) + shift, span_end - start + shift)
        lines = list(shown.wrap(self.app.console, room, overflow="fold"))
        if len(lines) > QUOTE_LINES:
            lines = lines[:QUOTE_LINES]
            last = lines[-1]
            last.rstrip()
            last.truncate(room - 1)
            last.append(ELLIPSIS)
        lines += [Text("")] * (QUOTE_LINES - len(lines))
        return lines


class SearchBox(Input):
    """The query box. Up, Down and Enter act on the results while the focus stays here to type."""

    BINDINGS = [
        Binding("up", "screen.move(-1)", "Previous", show=True, key_display="↑", tooltip="Previous result", id="search.previous-result"),
        Binding("down", "screen.move(1)", "Next", show=True, key_display="↓", tooltip="Next result", id="search.next-result"),
        Binding("enter", "screen.choose", "Open quote", show=True, tooltip="Open the quote in its section", id="search.open"),
    ]


class QuoteSearchScreen(ModalScreen[str | None]):
    """Search the quotes; dismissed with the chosen quote id, or None on Escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Back", show=True, id="search.back"),
        Binding("enter", "choose", "Open quote", show=False, id="search.screen-open"),
        Binding("down", "move(1)", "Next result", show=False, id="search.screen-next-result"),
        Binding("up", "move(-1)", "Previous result", show=False, id="search.screen-previous-result"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="search.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="search.page-up"),
    ]

    def __init__(self, dataset: Dataset, index: QuoteIndex, query: str = "") -> None:
        super().__init__()
        self._dataset = dataset
        self._index = index
        self._initial_query = query
        self.result: SearchResult | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="quote-search"):
            yield SearchBox(
                self._initial_query,
                placeholder='Search quotes: words, "a phrase", !leave-out, @speaker',
                id="quote-search-input",
            )
            yield Static(id="quote-search-count", markup=False)
            yield QuoteResultList(self._dataset, id="quote-search-results")
            yield Static(id="quote-search-empty", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.search(self._initial_query)

    @property
    def results(self) -> QuoteResultList:
        return self.query_one(QuoteResultList)

    def search(self, query: str) -> None:
        result = self._index.search(query)
        self.result = result
        self.results.show(result)
        self.query_one("#quote-search-count", Static).update(
            Text(f"{result.count:,} of {result.total:,} quote{'' if result.total == 1 else 's'}")
        )
        empty = self.query_one("#quote-search-empty", Static)
        empty.display = result.count == 0
        self.results.display = result.count > 0
        if result.count == 0:
            if result.total == 0:
                message = "This dataset has no quotes."
            else:
                hint = suggest_loosening(self._index, result.query)
                message = f"No quote matches “{query.strip()}”. {hint}"
            empty.update(Text(message))

    def on_input_changed(self, event: Input.Changed) -> None:
        cleaned = clean_text(event.value)
        if cleaned != event.value:  # a paste's control characters are never drawn
            event.input.value = cleaned  # which comes back here as a new change
            return
        self.search(cleaned)

    def on_quote_result_list_chosen(self, event: QuoteResultList.Chosen) -> None:
        self.dismiss(event.quote_id)

    def action_choose(self) -> None:
        hit = self.results.highlighted
        if hit is not None:
            self.dismiss(hit.quote.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_move(self, rows: int) -> None:
        self.results.move_cursor(rows)

    def action_page(self, pages: int) -> None:
        self.results.move_cursor(pages * self.results.rows_per_page)
