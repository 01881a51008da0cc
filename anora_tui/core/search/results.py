"""Search results: hits, the lazily ranked hit list, stepping through hits in article order, and
the hint for a query that finds nothing."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, islice, repeat
from typing import TYPE_CHECKING, Literal, Protocol, Sequence, overload

from ..model import Quote
from ..text import counted
from .bitsets import first_positions, lowest
from .query import Query

if TYPE_CHECKING:
    from .names import PeopleNames

Scope = Literal["quotes", "text"]
SCOPES: tuple[Scope, ...] = ("quotes", "text")


@dataclass(frozen=True, slots=True)
class Hit:
    """A quote that matched."""

    quote: Quote
    spans: tuple[tuple[int, int], ...]  # what matched, as offsets in quote.text, sorted, disjoint
    rank: int  # WHOLE, PREFIX or INNER: the worst, over the query's terms, of each term's best match

    @property
    def position(self) -> int:
        return self.quote.order

    @property
    def text(self) -> str:
        return self.quote.text

    @property
    def section(self) -> str:
        return self.quote.section

    @property
    def paragraph(self) -> int:
        return self.quote.paragraph


@dataclass(frozen=True, slots=True)
class ParagraphHit:
    """A paragraph of the article's text that matched."""

    section: str  # section id
    paragraph: int  # 1-based within the section
    text: str
    position: int  # in article order, over every paragraph
    spans: tuple[tuple[int, int], ...]  # offsets in text
    rank: int

    @property
    def quote(self) -> None:
        return None


AnyHit = Hit | ParagraphHit


class Searchable(Protocol):
    """What a result needs of the index that made it."""

    noun: str  # "quote", "paragraph"
    people: "PeopleNames"

    @property
    def total(self) -> int: ...

    def search(self, query: str | Query) -> "SearchResult": ...

    def hit_at(self, position: int, rank: int, terms: tuple[str, ...]) -> AnyHit: ...


class HitList(Sequence[AnyHit]):
    """The ranked hits, built only as far as they are read (a result list reads a page at a time)."""

    def __init__(self, index: Searchable, terms: tuple[str, ...], tiers: tuple[int, ...]) -> None:
        self._index = index
        self._terms = terms
        self._tiers = tiers  # bitsets of the hits of rank 0, 1, 2
        self._length = sum(tier.bit_count() for tier in tiers)
        self._ranked: list[tuple[int, int]] = []  # (position, rank), in result order
        self._pending = chain.from_iterable(
            zip(first_positions(tier), repeat(rank)) for rank, tier in enumerate(tiers)
        )
        self._hits: dict[int, AnyHit] = {}

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, item: int) -> AnyHit: ...

    @overload
    def __getitem__(self, item: slice) -> list[AnyHit]: ...

    def __getitem__(self, item: int | slice) -> AnyHit | list[AnyHit]:
        if isinstance(item, slice):
            indices = range(*item.indices(self._length))
            if indices:
                self._materialise(max(indices[0], indices[-1]))
            return [self[i] for i in indices]
        if item < 0:
            item += self._length
        if not 0 <= item < self._length:
            raise IndexError("hit index out of range")
        self._materialise(item)
        position, rank = self._ranked[item]
        return self.hit_at(position, rank)

    def _materialise(self, item: int) -> None:
        missing = item + 1 - len(self._ranked)
        if missing > 0:
            self._ranked.extend(islice(self._pending, missing))

    def hit_at(self, position: int, rank: int | None = None) -> AnyHit:
        """The hit at this article position (which must be one of the hits)."""
        hit = self._hits.get(position)
        if hit is None:
            if rank is None:
                rank = next(r for r, tier in enumerate(self._tiers) if tier >> position & 1)
            hit = self._index.hit_at(position, rank, self._terms)
            self._hits[position] = hit
        return hit


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: Query
    hits: HitList
    total: int  # how many quotes (paragraphs) were searched
    bits: int  # the hits as a bitset of article positions

    @property
    def count(self) -> int:
        return len(self.hits)


def step_match(result: SearchResult, position: int | None, backwards: bool = False) -> AnyHit | None:
    """The next (or previous) hit in article order after the one at `position`, wrapping around;
    the first (or last) hit when `position` is None; None when there are no hits."""
    bits = result.bits
    if not bits:
        return None
    if position is None:
        target = bits.bit_length() - 1 if backwards else lowest(bits)
    elif backwards:
        before = bits & ((1 << position) - 1)
        target = (before or bits).bit_length() - 1
    else:
        after = bits >> (position + 1)
        target = position + 1 + lowest(after) if after else lowest(bits)
    return result.hits.hit_at(target)


def match_number(result: SearchResult, position: int) -> int:
    """Which hit, counted in article order from 1, the one at `position` is."""
    return (result.bits & ((1 << position) - 1)).bit_count() + 1


def name_split_by_a_space(index: Searchable, query: Query) -> Query | None:
    """`@sean baker` asks for Sean's quotes that hold "baker": when those are none, the query with the
    word after the name joined to it (`@sean-baker`), if that names someone and finds something."""
    if not (query.speakers and query.terms):
        return None
    name = f"{query.speakers[-1]} {query.terms[0]}"
    joined = query.rewritten(speakers=(*query.speakers[:-1], name), terms=query.terms[1:])
    if not index.people.matching((name,)) or not index.search(joined).count:
        return None
    return joined


def suggest_loosening(index: Searchable, query: Query, names_at_hand: bool = True) -> str:
    """For a query with no hits: the first simpler query that finds something, in words. Without
    `names_at_hand` (the people's names are not read yet: seconds at a million quotes, too long for
    a keystroke), words are not tried as someone's name."""
    if query.terms and not query.speakers and not query.excluded and names_at_hand:
        # Words that are someone's name ("yura"): what the @name filter finds for them.
        people = index.people.matching(query.terms)
        if people:
            as_names = query.rewritten(terms=(), speakers=query.terms)
            found = index.search(as_names).count
            if found:
                who = ", ".join(sorted(index.people.name_of(person_id) for person_id in people)[:3])
                return f"Looking for a person? {as_names} finds {counted(found, index.noun)} ({who})."
    joined = name_split_by_a_space(index, query) if names_at_hand else None
    if joined is not None:
        found = index.search(joined).count
        who = ", ".join(sorted(index.people.name_of(person) for person in index.people.matching(joined.speakers[-1:]))[:3])
        return f"Looking for {who}? {joined} finds {counted(found, index.noun)}."
    if query.speakers:
        names = query.rewritten(terms=(), excluded=())
        if not index.people.matching(query.speakers):
            called = " ".join(query.speakers)  # the names without the @ that asks for them
            return f"No one in the article is called “{called}”: try another name."
        found = index.search(query.rewritten(speakers=())).count
        if found:
            verb = "matches" if found == 1 else "match"
            return f"Drop {names}: {counted(found, index.noun)} {verb} without it."
    for dropped in reversed(query.excluded + query.terms):
        loosened = query.rewritten(
            terms=tuple(t for t in query.terms if t != dropped),
            excluded=tuple(t for t in query.excluded if t != dropped),
        )
        if not (loosened.terms or loosened.speakers):  # what is left only leaves out: nothing asked for
            continue
        found = index.search(loosened).count
        if found:
            gone = query.rewritten(
                terms=tuple(t for t in query.terms if t == dropped),
                excluded=tuple(t for t in query.excluded if t == dropped),
                speakers=(),
            )
            return f"Try dropping {gone}: {loosened} finds {counted(found, index.noun)}."
    return "Try fewer or shorter words."

