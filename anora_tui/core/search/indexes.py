"""The dataset's search indexes, one per scope, each built on first use."""

from __future__ import annotations

import threading
from functools import cached_property

from ..memory import release_freed_memory
from ..model import Dataset
from . import giving_way
from .names import PeopleNames
from .paragraphs import ParagraphIndex
from .place_names import PlaceNames
from .quotes import QuoteIndex
from .results import Scope

# Up to this many texts an index builds in well under a frame's time: cheap enough to build just
# to say how many hits the other scope has.
SMALL = 5_000


class SearchIndexes:
    """An index may be built in a worker thread (see the search screen): one lock makes a second
    caller wait for that build rather than start another."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._built: dict[Scope, QuoteIndex | ParagraphIndex] = {}
        self._building = threading.Lock()
        self._reading_people = threading.Lock()
        self._making_places = threading.Lock()
        self._made: dict[str, PeopleNames | PlaceNames] = {}  # "people", "places": once made

    def note_typing(self) -> None:
        """A key was typed into a search: work made ahead waits for the typing to pause, before it
        begins and at each of its pause points (`giving_way`)."""
        giving_way.note_typing()

    # `people` and `places` are made once, by whichever thread asks first, under their own locks.
    # Not `functools.cached_property`: in Python 3.11 it holds a lock of its own (one for all
    # instances) around the making, so a thread asking for what a background thread is making
    # waited on it before it could say so (`wanted_now`), while the making went on giving way to
    # the typing: at a million quotes the palette's first key waited 1.3 s for the places.
    @property
    def people(self) -> PeopleNames:
        made = self._made.get("people")
        if made is not None:
            return made
        giving_way.wanted_now("people")  # if they are being read ahead, giving way to typing: no more
        with self._reading_people:  # one read (or build), whichever thread asks first
            made = self._made.get("people")
            if made is None:
                made = self._stored_people() or PeopleNames(self.dataset)
                release_freed_memory()  # what reading or building them freed (see core/memory.py)
                self._made["people"] = made
            return made

    def group_speakers(self, scope: Scope) -> None:
        """Group the scope's texts by speaker, if its index is made: `@name` reads them with the
        people's names. The reader does this ahead, so the first `@` typed does not wait for it
        (seconds at a million quotes). Not done with the names: the People filter's first letter,
        which reads them, waited 0.4 s for the quotes grouped at a million quotes."""
        index = self._built.get(scope)
        if index is not None:
            index.group_speakers()

    def names_ready(self, scope: Scope) -> bool:
        """All that `@name` reads in the scope is made: a search that finds nothing may try the words
        typed as someone's name (else that key waited for the grouping: 60 ms at 100,000 quotes)."""
        index = self._built.get(scope)
        if index is None or not self.people_ready:
            return False
        if not index.speakers_grouped and self.quotes_are_few():
            index.group_speakers()  # in well under a frame's time: nothing makes it ahead
        return index.speakers_grouped

    @property
    def people_ready(self) -> bool:
        """The people's names are read (or built) already."""
        return "people" in self._made

    @property
    def places(self) -> PlaceNames:
        """The places the command palette finds by name (seconds to make at a million quotes: the
        reader makes them ahead, in the background)."""
        made = self._made.get("places")
        if made is not None:
            return made
        giving_way.wanted_now("places")
        with self._making_places:
            made = self._made.get("places")
            if made is None:
                made = self._stored_places() or PlaceNames(self.dataset)
                release_freed_memory()
                self._made["places"] = made
            return made

    @property
    def places_ready(self) -> bool:
        return "places" in self._made

    def places_are_cheap(self) -> bool:
        """Made already, or few enough to make now without being noticed."""
        dataset = self.dataset
        count = dataset.count_of("people") + len(dataset.characters) + len(dataset.sections) + len(dataset.scenes)
        return self.places_ready or count + len(dataset.events) <= SMALL

    def quotes_are_few(self) -> bool:
        """Few enough quotes that any search of them, even its first key, is made in well under a
        frame's time (built or not)."""
        return self.dataset.count_of("quotes") <= SMALL

    def get(self, scope: Scope) -> QuoteIndex | ParagraphIndex:
        index = self._built.get(scope)
        if index is None:
            giving_way.wanted_now(scope)  # if it is being read ahead, giving way to typing: no more
            with self._building:
                index = self._built.get(scope)
                if index is None:
                    if scope == "quotes":
                        index = self._stored_quote_index() or QuoteIndex(self.dataset, self.people)
                    else:
                        index = self._stored_paragraph_index() or ParagraphIndex(self.dataset, self.people)
                    self._built[scope] = index
                    release_freed_memory()  # at 100,000 quotes, 38 MiB freed by reading the stored index
                    # Counted here, where a large dataset's index is made (on a thread, after the first
                    # frame), not on the first search that finds nothing (it asks whether the text is
                    # cheap to search): at 100,000 quotes that key took 10-30 ms longer than the others.
                    self.__dict__.setdefault("_paragraph_count", self._count_paragraphs())
        return index

    def _stored_quote_index(self) -> QuoteIndex | None:
        """The quote index the load cache holds for this dataset, if it holds one (a large dataset's
        cache, written after a first start): its people's names are read when first needed."""
        from .stored import quote_index_from_plain

        return self._stored_index("quote", quote_index_from_plain)

    def _stored_paragraph_index(self) -> ParagraphIndex | None:
        """The text scope's index the load cache holds (a cache written after a first start of a long
        article), as the quote index."""
        from .stored import paragraph_index_from_plain

        return self._stored_index("paragraph", paragraph_index_from_plain)

    def _stored_index(self, scope: str, from_plain):
        """The scope's stored index ("quote_index", "paragraph_index"), its folded texts stored apart
        ("quote_folded", "paragraph_folded") read when first needed."""
        dataset = self.dataset
        # Its skeleton now, a piece at a time; each bitset when a search first needs it.
        plain = dataset.stored(f"{scope}_index", giving_way.give_way, lazily=True)
        if plain is None:
            return None
        try:
            return from_plain(dataset, plain, lambda: self.people, lambda: dataset.stored(f"{scope}_folded"))
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None  # only a bug could store such a thing: build it instead

    def _stored_places(self) -> PlaceNames | None:
        """The places the load cache holds ready-made for this dataset, if it holds them (a large
        dataset's cache, written after a first start)."""
        plain = self.dataset.stored("places", giving_way.give_way)
        if plain is None:
            return None
        try:
            return PlaceNames.from_plain(self.dataset, plain)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None  # only a bug could store such a thing: make them instead

    def _stored_people(self) -> PeopleNames | None:
        plain = self.dataset.stored("people_names", giving_way.give_way, lazily=True)  # chunks when needed
        if plain is None:
            return None
        from .stored import people_names_from_plain

        try:
            return people_names_from_plain(self.dataset, plain)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None

    @property
    def quotes(self) -> QuoteIndex:
        return self.get("quotes")  # type: ignore[return-value]

    @property
    def text(self) -> ParagraphIndex:
        return self.get("text")  # type: ignore[return-value]

    def text_is_stored(self) -> bool:
        """The load cache holds the text scope's index, not read yet (a long article's, after a first
        start): the reader reads it ahead."""
        return "text" not in self._built and self.dataset.holds_stored("paragraph_index")

    def is_built(self, scope: Scope) -> bool:
        return scope in self._built

    def is_cheap(self, scope: Scope) -> bool:
        """Built already, or small enough to build now without being noticed."""
        if scope in self._built:
            return True
        if scope == "quotes":
            return self.dataset.count_of("quotes") <= SMALL
        return self._paragraph_count <= SMALL

    @cached_property
    def _paragraph_count(self) -> int:
        """Counted once: a million quotes' article has 260,000 sections, and a search that finds
        nothing asks whether the other scope is cheap on every key."""
        return self._count_paragraphs()

    def _count_paragraphs(self) -> int:
        return self.dataset.paragraph_starts[-1]
