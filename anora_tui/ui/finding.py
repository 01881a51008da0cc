"""The reader's finding and citing keys, mixed into the App: the search screen (`/`) and what it
leaves behind (the last query and scope, the history of searches, the search n/N step through, saying
which match and when they wrap), and copying a quote with its citation (`y`)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import events
from textual.css.query import NoMatches

from ..core.model import Quote
from ..core.navigation import Location
from ..core.excerpts import excerpt_span
from .messages import Navigate
from .widgets.link_list import LinkList
from .widgets.virtual_list import VirtualList

if TYPE_CHECKING:
    from ..core.model import Dataset
    from ..core.search import AnyHit, Scope, SearchIndexes, SearchResult
    from .screens.search import SearchOutcome, SearchScreen
    from .idle_collection import IdleCollection
    from .panes.reading import ReadingPane
# Search, its indexes and quoting are imported when first used: the first frame needs none of them.

SEARCH_HISTORY = 20  # queries kept, and saved with the state
NAMES_AFTER_INDEX_SECONDS = 0.5  # the names made ahead wait this long after the quote index
FIRST_KEYS_QUIET_SECONDS = 0.25  # the first keys are made ahead this long after the index, while no key comes for as long


class Finding:
    """The App's search and copy actions. The App sets up `init_finding` and reads `search_history`."""

    dataset: "Dataset"
    active_pane: str
    reading: "ReadingPane"
    idle_collection: "IdleCollection"

    def init_finding(self, dataset: "Dataset") -> None:
        self._indexes: SearchIndexes | None = None
        self._indexed: Dataset = dataset
        self.last_search: SearchResult | None = None  # the search n/N step through
        self.last_match: int | None = None  # position (in its scope) reached by the last search or n/N
        self.match_on_the_way: Navigate | None = None  # the last match's Navigate, until handled
        self.last_query = ""  # what the search screen opens with, and in which scope
        self.last_scope: Scope = "quotes"
        self.search_history: list[str] = []  # most recent first, at most SEARCH_HISTORY; saved
        self.copy_offered: bool | None = None  # whether the key bar was last told `y Copy` can copy
        self.search_opening: "SearchScreen | None" = None  # pushed, and not yet passing keys on to its box

    def reset_finding(self, dataset: "Dataset") -> None:
        """A new dataset (`--watch`): new indexes, nothing to step through; the queries stay."""
        self._indexes, self._indexed = None, dataset
        self.last_search = None
        self.last_match = None
        self.match_on_the_way = None

    @property
    def search_indexes(self) -> SearchIndexes:
        """The dataset's search indexes (each built when first needed)."""
        if self._indexes is None:
            from ..core.search import SearchIndexes

            self._indexes = SearchIndexes(self._indexed)
        return self._indexes

    def on_ready(self) -> None:
        """In a large dataset, the people's names (which the search screen's hints use), the command
        palette's places (every name, sorted for finding), the one-letter searches a search's first
        key makes and the text's stored index (and its one-letter searches) are read or made ahead, on a daemon thread, once the
        first frame is drawn and the quote index is there (the indexes' lock makes this wait for the
        App's own build of it), so none is waited for on a key. (Textual calls this besides the App's own `on_ready`: a handler in each
        class of the MRO.)"""
        self.call_after_refresh(self._prepare_ahead)

    def _prepare_ahead(self) -> None:
        indexes = self.search_indexes
        names = not indexes.places_are_cheap()
        text = indexes.text_is_stored()
        if not names and not text and indexes.quotes_are_few():
            return  # made in milliseconds when first needed
        from ..core.memory import release_freed_memory
        from ..core.search.giving_way import give_way, giving_way_to_typing, wait_for_quiet

        def work() -> None:
            try:
                quotes = indexes.quotes
                # The first keys first, a few words at a time, as soon as the keys have paused for a
                # moment: a search is typed a moment after the index is there (a whole quiet second,
                # as the names wait for, may not come before its first key). Not beside the search
                # that waited for the index, while it draws its first results.
                time.sleep(FIRST_KEYS_QUIET_SECONDS)
                first_keys_pause = lambda: give_way(FIRST_KEYS_QUIET_SECONDS)  # noqa: E731
                # Named: a call for anything else (the People filter's first letter asking for the
                # names) ended their giving way, and they ran beside that key (123 ms of CPU at a
                # million quotes, against 45 of its own).
                with giving_way_to_typing("first keys"):
                    quotes.text.prepare_first_keys(first_keys_pause)
                release_freed_memory()  # the bytes the cache stored the bitsets as, made ints meanwhile
                # A search typed as soon as the index is there would otherwise share the interpreter
                # with the making of the names (0.6 s of CPU at 100k quotes): its first keys come
                # first, and so do the keys of a search being typed (every key took twice as long).
                time.sleep(NAMES_AFTER_INDEX_SECONDS)
                # Seconds of work at a million quotes: each begins once no key has come for a
                # moment, and stops while keys come meanwhile, until a key needs it (`wanted_now`).
                # The places first: the palette waits for them, the search only uses the names for
                # a hint or `@name`. Then the text's index, where the cache holds it (a long
                # article's): the first search of the text read it, a second at a million quotes.
                # The quotes grouped by speaker (for `@name`) a step of their own: as part of the
                # names' step, a People filter asking for the names ended their giving way too.
                steps = [
                    ("places", lambda: indexes.places),
                    ("people", lambda: indexes.people),
                    ("speakers", lambda: indexes.group_speakers("quotes")),
                ] if names else []
                if text:
                    steps.append(("text", lambda: indexes.get("text")))
                    # Its bitsets are read from the cache as a search first needs them: a first key
                    # needs hundreds (0.1 s at a million quotes). Made ahead, as the quotes' are.
                    steps.append(("text's first keys", lambda: indexes.text.text.prepare_first_keys(first_keys_pause)))
                    if names:  # for `@name` in the text, and a search there that finds nothing
                        steps.append(("text's speakers", lambda: indexes.group_speakers("text")))
                for making, step in steps:
                    with giving_way_to_typing(making):
                        wait_for_quiet()
                        step()
            except Exception:
                pass  # raised again, and reported, where they are needed

        from ..core.background import run_in_background

        run_in_background("anora-tui names ahead", work)

    async def on_event(self, event: events.Event) -> None:
        # Every key the reader presses (not only a search's): work made ahead gives way to them, and
        # goes on after a quiet second (see `core/search/giving_way.py`). At a million quotes the
        # people's names, read after a search, ran on into the next opens and the palette's keys.
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._indexes is not None:
                self._indexes.note_typing()
            self.idle_collection.key_pressed()  # a collection to come, too (ui/idle_collection.py)
            # A letter typed from the moment the search screen is pushed until it is mounted is kept,
            # as it comes, for the screen to pass on in order. Else it went to the reader behind
            # and came back unhandled, overtaken by a later letter that found the screen mounted
            # (a quick `/vers` read "sver" on a loaded machine); a bound letter (q) acted there.
            opening = self.search_opening
            if opening is not None and event.is_printable:
                if opening.opening and self.screen is opening:
                    opening.type_ahead(event)
                    return
                self.search_opening = None
        await super().on_event(event)  # type: ignore[misc]  (the App's)

    def on_key(self, event: events.Key) -> None:
        """A letter that reaches the App unhandled while the search screen is in front was typed as
        it opened, and went to the reader below: the screen takes it into its box."""
        type_ahead = getattr(self.screen, "type_ahead", None)  # the search screen's (imported lazily)
        if type_ahead is not None and event.is_printable:
            event.stop()
            type_ahead(event)

    def action_search(self) -> None:
        """The search screen, starting from the last query and scope; Escape comes back with nothing
        changed but the query (kept for next time, and in the history)."""
        self.open_search(self.last_query, self.last_scope)

    def open_search(self, query: str, scope: Scope) -> None:
        from .screens.search import SearchScreen  # here: the first frame does not need it

        screen = SearchScreen(self.dataset, self.search_indexes, query=query, scope=scope,
                              history=self.search_history)
        self.search_opening = screen
        self.push_screen(screen, self._searched)

    def _searched(self, outcome: SearchOutcome | None) -> None:
        self.search_opening = None
        if outcome is None:
            return
        self.last_query, self.last_scope = outcome.query, outcome.scope
        self.remember_search(outcome.query)
        hit = outcome.hit
        result = outcome.result
        if hit is None and (result is None or not result.count or not outcome.query.strip()):
            return  # nothing searched for (an empty box lists everything), or nothing found
        # The screen's last search, for n/N: left with Escape, n goes to its first match.
        self.last_search = result
        self.last_match = None if hit is None else hit.position
        self.refresh_bindings()
        if hit is not None:
            self._go_to_match(hit)

    def remember_search(self, query: str) -> None:
        """Put a query first in the history (once), keeping the last SEARCH_HISTORY."""
        query = query.strip()
        if query:
            self.search_history = [query, *(q for q in self.search_history if q != query)][:SEARCH_HISTORY]

    def _hit_location(self, hit: AnyHit) -> Location:
        if hit.quote is not None:
            return Location("quote", hit.quote.id)
        return Location("section", hit.section, hit.paragraph, hit.spans[0] if hit.spans else None, hit.spans)

    def action_step_match(self, step: int) -> None:
        """The next (`step` 1) or previous (-1) match in article order, from the last match while the
        reader is still at it, else from where the reader is (as `n` in less or vim)."""
        result = self.last_search
        if result is None:
            return
        from ..core.search import match_number, step_match

        backwards = step < 0
        origin = self._step_origin(result, backwards)
        hit = step_match(result, origin, backwards=backwards)
        wrapped = origin is not None and hit is not None and (
            hit.position >= origin if backwards else hit.position <= origin
        )
        if hit is None:
            self.notify(f"Nothing matches “{result.query}” any more.", markup=False)
            return
        self.last_match = hit.position
        message = f"Match {match_number(result, hit.position)} of {result.count:,} for “{result.query}”"
        if result.count == 1:
            message += " · the only match"
        elif wrapped:
            message += " · wrapped to the last match" if backwards else " · wrapped to the first match"
        self.notify(message, markup=False, timeout=2.5)
        self._go_to_match(hit)

    def _go_to_match(self, hit: AnyHit) -> None:
        self.match_on_the_way = Navigate(self._hit_location(hit))
        self.post_message(self.match_on_the_way)

    def on_navigate(self, message: Navigate) -> None:
        # After the App's own handler (`Navigating`, before this class in the MRO): the match is
        # reached, so where the reader goes from now on is where n and N step from.
        if message is self.match_on_the_way:
            self.match_on_the_way = None

    def _reader_place(self) -> tuple[str, int] | None:
        """The section and paragraph the reader is at in the text."""
        reading = self.reading
        return None if reading.section is None else (reading.section.id, reading.paragraph_read)

    def _step_origin(self, result: SearchResult, backwards: bool) -> int | None:
        """The position n or N steps from (`step_match`'s): the last match while it is on screen or
        still on its way (keys in a burst: its section may not be open yet); else, once it is off
        screen (or there was none), where the reader is: for n the position just before their
        paragraph's first quote (or the paragraph), for N that position itself."""
        place = self._reader_place()
        if place is None:
            return self.last_match
        if self.last_match is not None:
            if self.match_on_the_way is not None:
                return self.last_match
            at = result.hits.hit_at(self.last_match)
            if at.section == place[0] and at.paragraph in self.reading.in_view:
                return self.last_match
        from ..core.search.reading_place import position_at

        start = position_at(self.dataset, self.search_indexes, self.last_scope, *place)
        return start if backwards else start - 1

    def action_no_search(self) -> None:
        self.notify("No search to step through: press / to search the quotes or the text.", markup=False)

    def action_copy_quote(self) -> None:
        quote = self.quote_to_copy()
        if quote is None:
            self.action_nothing_to_copy()
            return
        from ..core.quoting import cite_quote
        from .clipboard import copy_citation

        copy_citation(self, cite_quote(self.dataset, quote))

    def action_nothing_to_copy(self) -> None:
        """`y` with no quote selected or on screen (the key bar does not offer it then): say so."""
        self.bell()
        self.notify("Nothing to copy here: select a quote (a person's quotes, search results) or "
                    "bring one on screen in the text.", markup=False, timeout=3)

    def copy_offer_may_change(self) -> None:
        """The reading pane scrolled or a list's highlight moved: the key bar offers `y Copy` only
        while there is a quote to copy."""
        try:
            changed = (self.quote_to_copy() is not None) != self.copy_offered
        except NoMatches:  # no panes: nothing to offer
            return
        if changed:
            self.refresh_bindings()  # its check, `check_copy`, notes what it now offers

    def check_copy(self, action: str) -> bool:
        try:
            self.copy_offered = self.quote_to_copy() is not None
        except NoMatches:  # the panes are being replaced (`--watch`) or the reader is closing
            self.copy_offered = False
        return self.copy_offered is (action == "copy_quote")

    def on_virtual_list_highlighted(self, event: VirtualList.Highlighted) -> None:
        if event.virtual_list.has_focus:
            self.copy_offer_may_change()

    def quote_to_copy(self) -> Quote | None:
        """The quote highlighted in a list; in the reading pane, the one highlighted in the text, else
        the first on screen."""
        if not self.screen_stack:  # the reader is closing
            return None
        focused = self.focused
        if isinstance(focused, LinkList):
            location = focused.highlighted_location
            if location is not None and location.kind == "quote":
                return self.dataset.quotes_by_id.get(location.id)
            return None
        if self.active_pane != "reading" or self.reading.section_id is None:
            return None
        section_id = self.reading.section_id
        if self.reading.highlight is not None:
            paragraph, span = self.reading.highlight[0], self.reading.highlight[1]
            for quote in self.dataset.quotes_in(section_id, paragraph):
                if excerpt_span(self.dataset.paragraph(section_id, paragraph), quote.text) == span:
                    return quote
        for paragraph in self.reading.in_view:
            quotes = self.dataset.quotes_in(section_id, paragraph)
            if quotes:
                return quotes[0]
        return None
