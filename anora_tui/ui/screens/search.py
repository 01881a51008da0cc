"""The search screen: a query box over a live, ranked list of matching quotes or paragraphs.

Two scopes share the query: the quotes, and the article's text (every paragraph); Tab switches
between them. It searches on every keystroke; Up/Down (and PageUp/PageDown) move through the
results while typing, and a preview under the list shows the selected quote whole (or the
paragraph around the match). Up in an empty box brings back the previous searches. Enter dismisses
the screen with the chosen hit, Escape without one; either way with the query, for the history.
Ctrl+Y copies the selected quote with its citation.

An index that is not built yet, and too big to build unnoticed, is built in a worker thread: the
box takes typing meanwhile, and the count line says what is happening.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...core.model import Dataset
from ...core.quoting import cite_paragraph, cite_quote, note_line, notes_on_words, place_label, shown_quote
from ...core.search import SCOPES, AnyHit, Scope, SearchIndexes, SearchResult, counted, suggest_loosening
from ...core.text import ELLIPSIS, clean_text, excerpt
from ..clipboard import copy_citation
from ..widgets.key_bar import KeyBar
from ..widgets.result_list import ResultList, one_line, styled_text
from ..widgets.text_pane import TextPane
from ..textual_private import OneFrameDrawing, ShownPartsCompositor
from ..widgets.track_switch import TrackSwitch
from ..widgets.typing_box import TypingBox
from .modal import ReaderModal

SCOPE_LABELS = {"quotes": "Quotes", "text": "Text"}
PLACEHOLDERS = {
    "quotes": 'Search quotes: words, "a phrase", !leave-out, @speaker',
    "text": 'Search the text: words, "a phrase", !leave-out, @named',
}
PREVIEW_MIN_SCREEN_HEIGHT = 18  # below this the list needs every line
PREVIEW_PARAGRAPH_LINES = 6


@dataclass(frozen=True)
class SearchOutcome:
    """How the screen was left: the query as typed, the scope, and the chosen hit (None: Escape)."""

    query: str
    scope: Scope
    result: SearchResult | None
    hit: AnyHit | None


class SearchBox(TypingBox):
    """The query box. Up, Down, Enter, Tab and Ctrl+Y act on the results; the focus stays here."""

    BINDINGS = [
        Binding("up", "screen.recall", "Recent", key_display="↑", tooltip="In an empty box: bring back the previous search",
                id="search.recall"),
        Binding("up", "screen.move(-1)", "Previous", show=True, key_display="↑", tooltip="With a search typed: the previous result",
                id="search.previous-result"),
        Binding("down", "screen.move(1)", "Next", show=True, key_display="↓", tooltip="Next result",
                id="search.next-result"),
        Binding("enter", "screen.choose", "Open", show=True, tooltip="Open the result in the text",
                id="search.open"),
        Binding("tab", "screen.switch_scope('text')", "Text", tooltip="In the quotes: search the article's text instead (same query)",
                id="search.scope-text"),
        Binding("tab", "screen.switch_scope('quotes')", "Quotes", tooltip="In the text: search the quotes instead (same query)",
                id="search.scope-quotes"),
        Binding("shift+tab", "screen.switch_scope", "Switch scope", show=False, id="search.scope-back"),
        Binding("ctrl+y", "screen.copy", "Copy", key_display="^y",
                tooltip="Copy the selected quote with its citation", id="search.copy"),
    ]

    def watch_value(self, value: str) -> None:
        super().watch_value(value)  # the garbage collector held first
        # Searched as the value changes, within the key's own handling: every widget the search
        # changes then asks to be redrawn before the box's own redraw reaches the screen, and the
        # letter and its results come in one frame. (Searched on `Changed`, the screen drew the
        # letter alone first, and the results a frame later: up to 1/60 s, and a redraw, more.)
        screen = self.screen if self.is_mounted else None
        if isinstance(screen, SearchScreen):
            screen.query_changed(value)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # searched already


class SearchScreen(ReaderModal, ModalScreen[SearchOutcome], OneFrameDrawing):
    """Search the quotes or the text; dismissed with a `SearchOutcome`. A key and its results are drawn
    in one frame (`OneFrameDrawing`), a base after `ModalScreen`: Textual takes a screen's CSS from its
    first base that is a DOM node."""

    BINDINGS = [
        Binding("escape", "cancel", "Back", show=True, id="search.back"),
        Binding("enter", "choose", "Open", show=False, id="search.screen-open"),
        Binding("down", "move(1)", "Next result", show=False, id="search.screen-next-result"),
        Binding("up", "move(-1)", "Previous result", show=False, id="search.screen-previous-result"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="search.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="search.page-up"),
    ]

    def __init__(self, dataset: Dataset, indexes: SearchIndexes, query: str = "", scope: Scope = "quotes",
                 history: Sequence[str] = ()) -> None:
        super().__init__()
        self._dataset = dataset
        self._indexes = indexes
        self._initial_query = query
        self.scope: Scope = scope
        self.history = list(history)  # most recent first
        self._recalled: int | None = None  # which history entry the box shows, until edited
        self._building: set[Scope] = set()  # scopes whose index a worker thread is building
        self.result: SearchResult | None = None
        self._typed_while_opening: list[events.Key] | None = []
        self._previewed: tuple[AnyHit | None, bool, int] | None = None  # what the preview shows, at which width
        self._status = ""  # the count line shown
        self._keys_shown: tuple[bool, Scope, bool] | None = None  # `_keys_state` when the key bar last read it
        # A key redraws most of the list: what lies under it (the frame around it, the screen and the
        # reader's screen behind) is not rendered for those lines too.
        self._compositor = ShownPartsCompositor()

    def compose(self) -> ComposeResult:
        with Vertical(id="search"):
            yield SearchBox(self._initial_query, placeholder=PLACEHOLDERS[self.scope], id="search-input")
            with Horizontal(id="search-status"):
                yield TrackSwitch(SCOPE_LABELS, self.scope, id="search-scope")
                yield Static(id="search-count", markup=False)
            yield ResultList(self._dataset, id="search-results")
            yield Static(id="search-empty", markup=False)
            yield TextPane(id="search-preview")
        yield KeyBar()

    def on_mount(self) -> None:
        box = self.query_one(SearchBox)
        self.set_focus(box)
        self.app.theme_changed_signal.subscribe(self, self._restyle_preview)
        self.search(self._initial_query)
        typed, self._typed_while_opening = self._typed_while_opening or [], None
        for key in typed:
            box.post_message(key)

    @property
    def opening(self) -> bool:
        """Not mounted yet: keys typed meanwhile are kept, in order, for `on_mount` to pass on."""
        return self._typed_while_opening is not None

    def type_ahead(self, key: events.Key) -> None:
        """A key typed while the screen opened, which went to the screen below: the box takes it as if
        typed there, in order (so a quick `/word` loses no letter). The box is focused first, at once,
        so the focus (which selects the last query, to be typed over) comes before the letter."""
        key = events.Key(key.key, key.character)
        if self._typed_while_opening is not None:  # not mounted yet: on_mount passes them on
            self._typed_while_opening.append(key)
            return
        box = self.query_one(SearchBox)
        if not box.has_focus:
            self.set_focus(box)
        box.post_message(key)

    @property
    def results(self) -> ResultList:
        return self.query_one(ResultList)

    @property
    def query_text(self) -> str:
        return self.query_one(Input).value

    # --- searching

    def search(self, query: str) -> None:
        if not self._indexes.is_cheap(self.scope):
            self._show_status(f"Indexing the {'quotes' if self.scope == 'quotes' else 'text'}… keep typing.")
            self.results.display = False
            self.query_one("#search-empty", Static).display = False
            self.query_one("#search-preview").display = False
            if self.scope not in self._building:
                self._building.add(self.scope)
                self._build_index(self.scope)
            return
        index = self._indexes.get(self.scope)
        result = index.search(query)
        self.result = result
        # The preview and the keys are brought up to date below, within this key: the list's
        # `Highlighted` would only bring the same again, four message dispatches later.
        self.results.show(result, announce=False)
        problem = result.query.problem  # a query that breaks the syntax: said instead of the count
        self._show_status(problem[:1].upper() + problem[1:] if problem else
                          f"{result.count:,} of {counted(result.total, index.noun)}")
        empty = self.query_one("#search-empty", Static)
        empty.display = result.count == 0
        self.results.display = result.count > 0
        if result.count == 0:
            # Its size is its place's, whatever it says: a new message is drawn, not laid out.
            empty.update(Text(self._nothing_found(query, result)), layout=False)
        self._show_preview()
        self._refresh_keys()

    def _nothing_found(self, query: str, result: SearchResult) -> str:
        index = self._indexes.get(self.scope)
        if result.total == 0:
            return f"This dataset has no {index.noun}s."
        said = f"No {index.noun} matches “{query.strip()}”."
        other = self._other_scope()
        if self._indexes.is_cheap(other):
            other_index = self._indexes.get(other)
            found = other_index.search(result.query).count
            if found:
                where = "the quotes" if other == "quotes" else "the text"
                return f"{said} {counted(found, other_index.noun)} of {where} {'does' if found == 1 else 'do'}: " \
                       f"press Tab to search {where}."
        return f"{said} {suggest_loosening(index, result.query, self._indexes.names_ready(self.scope))}"

    @work(thread=True, group="search-index")
    def _build_index(self, scope: Scope) -> None:
        self._indexes.get(scope)
        self.app.call_from_thread(self._index_built, scope)

    def _index_built(self, scope: Scope) -> None:
        self._building.discard(scope)
        if self.is_attached and scope == self.scope:
            self.search(self.query_text)

    def _show_status(self, text: str) -> None:
        # One line across the status bar whatever it says: no layout needed; the same line (a key
        # that leaves the count as it was) is not drawn again.
        if text != self._status:
            self._status = text
            self.query_one("#search-count", Static).update(Text(text), layout=False)

    def _other_scope(self) -> Scope:
        return SCOPES[1 - SCOPES.index(self.scope)]

    def query_changed(self, value: str) -> None:
        """The box's text changed (typed, pasted, recalled): search it."""
        cleaned = clean_text(value)
        if cleaned != value:  # a paste's control characters are never drawn
            self.query_one(SearchBox).value = cleaned  # which comes back here as a new change
            return
        if self._recalled is not None and cleaned != self.history[self._recalled]:
            self._recalled = None  # edited: Up moves through the results again
        self._indexes.note_typing()
        self.search(cleaned)

    # --- the preview

    def on_result_list_highlighted(self, event: ResultList.Highlighted) -> None:
        self._show_preview()
        self._refresh_keys()

    def _show_preview(self) -> None:
        preview = self.query_one("#search-preview", TextPane)
        hit = self.results.highlighted if self.results.display else None
        preview.display = hit is not None and self.size.height >= PREVIEW_MIN_SCREEN_HEIGHT
        shown_now = (hit, preview.display, preview.size.width)
        if shown_now == self._previewed:
            return  # a search shows its first hit, then hears that it is highlighted: drawn once
        self._previewed = shown_now
        if not preview.display or hit is None:
            return
        match = self.results.component_style("result-list--match")
        meta = self.results.component_style("result-list--meta")
        place = one_line(place_label(self._dataset, hit.section, hit.paragraph))
        if hit.quote is not None:
            shown = shown_quote(hit.text, hit.quote.form)
            body = styled_text(hit.text, hit.spans, match, shown.opening, shown.closing)
            speaker = one_line(self._dataset.people_by_id[hit.quote.speaker].name)
            label = f" ({shown.label})" if shown.label else ""
            body.append(f"\n— {speaker}{label} · {place}", style=meta)
            notes = notes_on_words(self._dataset, hit.section, hit.paragraph, hit.text)
        else:
            body = self._paragraph_excerpt(hit, max(20, preview.size.width or self.size.width) * PREVIEW_PARAGRAPH_LINES)
            body.append(f"\n{place}", style=meta)
            notes = self._dataset.notes_in(hit.section, hit.paragraph)
        for note in notes:  # a slip in what is shown is never shown without its correction
            body.append("\n" + one_line(note_line(note)), style=meta)
        preview.update(body)

    def _paragraph_excerpt(self, hit: AnyHit, budget: int) -> Text:
        text = one_line(hit.text)
        focus = hit.spans[0] if hit.spans else (0, 0)
        before, _, after = excerpt(text, focus, budget)
        start = focus[0] - len(before.removeprefix(ELLIPSIS))
        end = focus[1] + len(after.removesuffix(ELLIPSIS))
        head = ELLIPSIS if before.startswith(ELLIPSIS) else ""
        spans = [(max(s, start) - start, min(e, end) - start) for s, e in hit.spans if e > start and s < end]
        match = self.results.component_style("result-list--match")
        shown = styled_text(text[start:end], spans, match, head, ELLIPSIS if after.endswith(ELLIPSIS) else "")
        return shown

    def on_resize(self) -> None:
        self._show_preview()

    def _restyle_preview(self, _theme: object) -> None:
        """The preview is drawn in the theme's colours of when it was made: a new theme redraws it."""
        self._previewed = None
        self.call_after_refresh(self._show_preview)  # once the list has its new component styles

    # --- keys

    def _refresh_keys(self) -> None:
        """Tell the key bar the keys changed, if they did: reading the bindings again on every
        keystroke costs more than the search."""
        keys = self._keys_state()
        if keys != self._keys_shown:
            self._keys_shown = keys
            self.refresh_bindings()

    def _keys_state(self) -> tuple[bool, Scope, bool]:
        """What `check_action` decides from."""
        return self._can_recall(), self.scope, self._can_copy()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "recall":
            return self._can_recall()
        if action == "switch_scope" and parameters:
            return parameters[0] != self.scope
        if action == "copy":
            return self._can_copy()
        if action in ("move", "choose", "page"):
            return self._can_copy()  # a result to move to and open: none offered where nothing was found
        return True

    def _can_copy(self) -> bool:
        found = self.query(ResultList)  # none yet while the screen opens (a key bar may ask then)
        return bool(found) and found.first().display and found.first().highlighted is not None

    def _can_recall(self) -> bool:
        if not self.history or not self.query(SearchBox):  # no box yet while the screen opens
            return False
        if not self.query_text:
            return True
        browsing = self._recalled is not None and self._recalled + 1 < len(self.history)
        return browsing and self.results.cursor == 0

    def action_recall(self) -> None:
        """The previous search (from an empty box), then the one before, and so on."""
        self._recalled = 0 if self._recalled is None or not self.query_text else self._recalled + 1
        box = self.query_one(Input)
        box.value = self.history[self._recalled]
        box.cursor_position = len(box.value)

    def action_switch_scope(self, scope: Scope | None = None) -> None:
        self.scope = scope or self._other_scope()
        self.query_one(TrackSwitch).active = self.scope
        self.query_one(Input).placeholder = PLACEHOLDERS[self.scope]
        self.search(self.query_text)
        self._refresh_keys()

    def on_track_switch_chosen(self, event: TrackSwitch.Chosen) -> None:
        event.stop()
        self.action_switch_scope(event.choice)  # type: ignore[arg-type]

    def on_result_list_chosen(self, event: ResultList.Chosen) -> None:
        self.action_choose()

    def action_choose(self) -> None:
        hit = self.results.highlighted if self.results.display else None
        if hit is not None:
            self.dismiss(SearchOutcome(self.query_text, self.scope, self.result, hit))

    def action_cancel(self) -> None:
        self.dismiss(SearchOutcome(self.query_text, self.scope, self.result, None))

    def action_move(self, rows: int) -> None:
        self.results.move_cursor(rows)

    def action_page(self, pages: int) -> None:
        self.results.move_cursor(pages * self.results.rows_per_page)

    def action_copy(self) -> None:
        hit = self.results.highlighted
        if hit is None:
            return
        if hit.quote is not None:
            copy_citation(self.app, cite_quote(self._dataset, hit.quote))
        else:
            copy_citation(self.app, cite_paragraph(self._dataset, hit.section, hit.paragraph))
