"""Live quote search: query syntax, text folding, the quote index and its ranked, lazy results.

Pure Python: this module must never import Textual or Rich.

Query syntax (matched literally: no character other than these few is special):
    words          every word must appear (anywhere in a quote, in any order)
    "a phrase"     the phrase must appear as written (an unclosed quote runs to the end)
    !word          quotes containing the word (or !"a phrase") are left out
    @name          only quotes by a person whose name, alias or character has a word starting so

Matching is case- and accent-insensitive, and typographic quotes, apostrophes and dashes match
their plain forms. Hits are ranked: whole words and phrases first, then word prefixes, then
matches inside words; ties keep article order.

How it stays fast: every quote is folded once, its words go into an inverted index whose posting
lists are bitsets (Python ints, bit i = the quote at position i), and a term's quotes are the union
of the postings of the vocabulary words that contain it. Terms with punctuation or spaces are
narrowed that way and then checked against the folded text. Recent terms are cached, so each
keystroke only computes the term being typed; results are materialised lazily, a page at a time.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict, deque
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain, compress, count, islice, repeat
from typing import Callable, Iterable, Iterator, Sequence, overload

from .gc_pause import gc_paused
from .model import Dataset, Quote

WHOLE, PREFIX, INNER = 0, 1, 2  # ranks: a whole word or phrase, a word's start, inside a word

_WORD = re.compile(r"\w+")
# Also indexed: runs of word characters joined by apostrophes or hyphens ("it's", "home-invasion"),
# so a term like "it'" is narrowed to the quotes with such a token rather than to every "it".
_JOINED = re.compile(r"[\w'-]*['-][\w'-]*")
_PUNCTUATION = {
    **dict.fromkeys("‘’‚‛′ʼ", "'"),
    **dict.fromkeys("“”„‟«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
}


# --- folding -----------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """What one character becomes for matching: lower case, no accents, plain punctuation."""
    if char.isspace():
        return " "
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    return "".join(_PUNCTUATION.get(c, c) for c in folded if not unicodedata.combining(c))


class _FoldTable(dict):
    """For str.translate: each character's folded form, worked out the first time it is met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD = _FoldTable()
_ASCII_WHITESPACE = {ord(c): " " for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"}
_ASCII_OR_NOT = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def fold_text(text: str) -> str:
    """The folded form of a text, character by character (so offsets can be mapped back).
    ASCII runs take the fast path: for ASCII, lower() is what fold_char does."""
    if text.isascii():
        return text.lower().translate(_ASCII_WHITESPACE)
    return "".join(
        run.lower().translate(_ASCII_WHITESPACE) if run.isascii() else run.translate(_FOLD)
        for run in _ASCII_OR_NOT.findall(text)
    )


def fold_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """The folded text and, for each of its characters, the offset of the original character."""
    if text.isascii():
        return fold_text(text), range(len(text))
    parts = list(map(fold_char, text))
    folded = "".join(parts)
    if len(folded) == len(text) and "" not in parts:  # one for one, the usual case
        return folded, range(len(text))
    owners = tuple(chain.from_iterable(repeat(offset, len(part)) for offset, part in enumerate(parts)))
    return folded, owners


def original_span(text: str, owners: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Map a span of the folded text back to the original, taking in any accents that follow."""
    original_start, original_end = owners[start], owners[end - 1] + 1
    while original_end < len(text) and not fold_char(text[original_end]):
        original_end += 1
    return original_start, original_end


# --- queries -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query; every string in it is already folded."""

    terms: tuple[str, ...] = ()  # words and phrases that must all appear
    excluded: tuple[str, ...] = ()  # words and phrases that must not appear
    speakers: tuple[str, ...] = ()  # names after "@": each must match the speaker
    text: str = field(default="", compare=False)  # as typed; str() gives it back

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.excluded or self.speakers)

    def __str__(self) -> str:
        return self.text

    def rewritten(self, **changes: tuple[str, ...]) -> "Query":
        """A copy with some parts replaced, its text written out from its parts."""
        query = replace(self, **changes)

        def quoted(term: str) -> str:
            return f'"{term}"' if " " in term else term

        text = " ".join(
            [quoted(t) for t in query.terms]
            + [f"!{quoted(t)}" for t in query.excluded]
            + [f"@{s}" for s in query.speakers]
        )
        return replace(query, text=text)


def parse_query(text: str) -> Query:
    """Read the query syntax; anything else is literal text. Never raises."""
    folded = fold_text(text)
    terms: list[str] = []
    excluded: list[str] = []
    speakers: list[str] = []
    position, length = 0, len(folded)
    while position < length:
        if folded[position] == " ":
            position += 1
            continue
        negated = folded[position] == "!"
        position += negated
        if position < length and folded[position] == '"':
            closing = folded.find('"', position + 1)
            end = length if closing < 0 else closing
            token = " ".join(folded[position + 1 : end].split())
            position = end + 1
        else:
            space = folded.find(" ", position)
            end = length if space < 0 else space
            token = folded[position:end]
            position = end
            if token.startswith("@") and not negated:
                if _WORD.search(token):
                    speakers.append(token[1:])
                continue
        if token:
            (excluded if negated else terms).append(token)
    # A repeated term narrows nothing further (a pasted wall of "the the the" must stay cheap).
    return Query(
        tuple(dict.fromkeys(terms)), tuple(dict.fromkeys(excluded)), tuple(dict.fromkeys(speakers)), text
    )


# --- bitsets: bit i stands for the quote at position i -----------------------------------------

_DIGITS_TO_FLAGS = bytes.maketrans(b"01", b"\x00\x01")
_FLAGS_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_BITS_OF_BYTE = tuple(tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256))
_NONZERO_BYTE = re.compile(rb"[^\x00]")
# Below one position in SPARSE of the size, visiting positions one by one beats the C-level passes
# over every quote (which cost ~1 ms per 100,000 quotes whatever the set holds).
SPARSE = 16


def bits_from_positions(positions: Iterable[int], size: int) -> int:
    positions = positions if isinstance(positions, list) else list(positions)
    if len(positions) * SPARSE < size:
        data = bytearray((size >> 3) + 1)
        for position in positions:
            data[position >> 3] |= 1 << (position & 7)
        return int.from_bytes(data, "little")
    flags = bytearray(size + 1)  # one byte per quote, then read as a binary numeral
    deque(map(flags.__setitem__, positions, repeat(1)), maxlen=0)
    return int(flags.translate(_FLAGS_TO_DIGITS)[::-1], 2)


def positions_of(bits: int) -> Iterator[int]:
    """The set positions, in increasing order, produced lazily."""
    if bits.bit_count() * SPARSE < bits.bit_length():
        data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
        return (
            found.start() * 8 + bit
            for found in _NONZERO_BYTE.finditer(data)
            for bit in _BITS_OF_BYTE[data[found.start()]]
        )
    return compress(count(), _flags(bits))


def _flags(bits: int) -> bytes:
    """One byte per position up to the highest set bit: 1 where set, else 0."""
    return bin(bits)[:1:-1].encode("ascii").translate(_DIGITS_TO_FLAGS)


def _lowest(bits: int) -> int:
    return (bits & -bits).bit_length() - 1


# --- results -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    quote: Quote
    spans: tuple[tuple[int, int], ...]  # what matched, as offsets in quote.text, sorted, disjoint
    rank: int  # WHOLE, PREFIX or INNER: the worst, over the query's terms, of each term's best match


class HitList(Sequence[Hit]):
    """The ranked hits, built only as far as they are read (a result list reads a page at a time)."""

    def __init__(self, index: "QuoteIndex", terms: tuple[str, ...], tiers: tuple[int, ...]) -> None:
        self._index = index
        self._terms = terms
        self._tiers = tiers  # bitsets of the hits of rank 0, 1, 2
        self._length = sum(tier.bit_count() for tier in tiers)
        self._ranked: list[tuple[int, int]] = []  # (position, rank), in result order
        self._pending = chain.from_iterable(
            zip(positions_of(tier), repeat(rank)) for rank, tier in enumerate(tiers)
        )
        self._hits: dict[int, Hit] = {}

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, item: int) -> Hit: ...

    @overload
    def __getitem__(self, item: slice) -> list[Hit]: ...

    def __getitem__(self, item: int | slice) -> Hit | list[Hit]:
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

    def hit_at(self, position: int, rank: int | None = None) -> Hit:
        """The hit for the quote at this article position (which must be one of the hits)."""
        hit = self._hits.get(position)
        if hit is None:
            if rank is None:
                rank = next(r for r, tier in enumerate(self._tiers) if tier >> position & 1)
            quote = self._index.dataset.quotes[position]
            hit = Hit(quote, match_spans(quote.text, self._terms), rank)
            self._hits[position] = hit
        return hit


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: Query
    hits: HitList
    total: int  # how many quotes were searched
    bits: int  # the hits as a bitset of article positions

    @property
    def count(self) -> int:
        return len(self.hits)


def match_spans(text: str, terms: Iterable[str]) -> tuple[tuple[int, int], ...]:
    """Where the (folded) terms occur in the original text, merged into disjoint sorted spans."""
    folded, owners = fold_with_offsets(text)
    found: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        while start >= 0:
            found.append(original_span(text, owners, start, start + len(term)))
            start = folded.find(term, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def step_match(result: SearchResult, quote_id: str | None, backwards: bool = False) -> Hit | None:
    """The next (or previous) hit in article order after the quote `quote_id`, wrapping around;
    the first (or last) hit when `quote_id` is None; None when there are no hits."""
    bits = result.bits
    if not bits:
        return None
    if quote_id is None:
        target = bits.bit_length() - 1 if backwards else _lowest(bits)
    else:
        position = result.hits._index.dataset.quotes_by_id[quote_id].order
        if backwards:
            before = bits & ((1 << position) - 1)
            target = (before or bits).bit_length() - 1
        else:
            after = bits >> (position + 1)
            target = position + 1 + _lowest(after) if after else _lowest(bits)
    return result.hits.hit_at(target)


def suggest_loosening(index: "QuoteIndex", query: Query) -> str:
    """For a query with no hits: the first simpler query that finds something, in words."""
    if query.speakers:
        names = query.rewritten(terms=(), excluded=())
        if not index.speakers_matching(query.speakers):
            return f"No one in the article is called {names}: try another name."
        found = index.search(query.rewritten(speakers=())).count
        if found:
            return f"Drop the speaker filter {names}: {_quotes(found)} match without it."
    for dropped in reversed(query.excluded + query.terms):
        loosened = query.rewritten(
            terms=tuple(t for t in query.terms if t != dropped),
            excluded=tuple(t for t in query.excluded if t != dropped),
        )
        found = index.search(loosened).count
        if found and not loosened.is_empty:
            gone = query.rewritten(
                terms=tuple(t for t in query.terms if t == dropped),
                excluded=tuple(t for t in query.excluded if t == dropped),
                speakers=(),
            )
            return f"Try dropping {gone}: {loosened} finds {_quotes(found)}."
    return "Try fewer or shorter words."


def _quotes(number: int) -> str:
    return f"{number} quote{'s' if number != 1 else ''}"


# --- the index ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _TermQuotes:
    anywhere: int  # quotes containing the term
    starting: int  # ... where some occurrence starts a word (or the term starts with punctuation)
    whole: int  # ... where some occurrence is bounded on both sides


class _Cache(dict):
    """A dict that forgets its oldest entries past a size."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self._size = size

    def __setitem__(self, key, value) -> None:
        if len(self) >= self._size:
            del self[next(iter(self))]
        super().__setitem__(key, value)


class QuoteIndex:
    """Built once per dataset; `search` is cheap enough to run on every keystroke."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        quotes = dataset.quotes
        self._size = len(quotes)
        self._all = (1 << self._size) - 1
        with gc_paused():
            self._folded = [fold_text(quote.text) for quote in quotes]
            self._postings = _build_postings(self._folded, self._size)
        self._vocabulary = sorted(self._postings)
        self._reversed_vocabulary = sorted(word[::-1] for word in self._postings)
        positions_by_speaker: dict[str, list[int]] = defaultdict(list)
        for position, quote in enumerate(quotes):
            positions_by_speaker[quote.speaker].append(position)
        self._people_by_name_word = _name_words(dataset)
        self._name_words = sorted(self._people_by_name_word)
        # A quote has one speaker, so "quotes by someone with a name word starting 'mik' and one
        # starting 'mad'" is the AND of two of these: no need to go through people at search time.
        self._positions_by_name_word = {
            word: [position for person in people for position in positions_by_speaker.get(person, ())]
            for word, people in self._people_by_name_word.items()
        }
        self._words_containing: _Cache = _Cache(256)
        self._word_sets: _Cache = _Cache(128)
        self._term_quotes: _Cache = _Cache(64)
        self._speaker_quotes: _Cache = _Cache(64)

    @property
    def total(self) -> int:
        return self._size

    def forget(self) -> None:
        """Drop what recent searches left cached (a benchmark's cold start; memory pressure)."""
        for cache in (self._words_containing, self._word_sets, self._term_quotes, self._speaker_quotes):
            cache.clear()

    def search(self, query: str | Query) -> SearchResult:
        if isinstance(query, str):
            query = parse_query(query)
        hits = self._all
        if query.speakers:
            hits &= self._quotes_by(query.speakers)
        # Most selective first, and stop as soon as nothing is left (a long paste ends early).
        matched: list[_TermQuotes] = []
        for term in sorted(query.terms, key=len, reverse=True):
            if not hits:
                break
            term_quotes = self._quotes_with(term)
            matched.append(term_quotes)
            hits &= term_quotes.anywhere
        for term in query.excluded:
            if not hits:
                break
            hits &= ~self._quotes_with(term).anywhere
        if not hits:
            matched = []
        whole, starting = hits, hits
        for term_quotes in matched:
            whole &= term_quotes.whole
            starting &= term_quotes.starting
        tiers = (whole, starting & ~whole, hits & ~starting)
        return SearchResult(query, HitList(self, query.terms, tiers), self._size, hits)

    def speakers_matching(self, names: Iterable[str]) -> frozenset[str]:
        """Ids of the people every one of the (folded) names fits: each word of a name must start a
        word of the person's name, an alias, or the name or alias of a character they play."""
        people: set[str] | None = None
        for name in names:
            for word in _WORD.findall(name):
                start = bisect_left(self._name_words, word)
                end = bisect_left(self._name_words, word + "\U0010ffff")
                fitting = set().union(
                    *(self._people_by_name_word[w] for w in self._name_words[start:end])
                )
                people = fitting if people is None else people & fitting
        return frozenset(people or ())

    # --- internals ---

    def _quotes_by(self, names: tuple[str, ...]) -> int:
        bits = self._all
        for name in names:
            for word in _WORD.findall(name):
                bits &= self._quotes_by_name_word(word)
        return bits

    def _quotes_by_name_word(self, start: str) -> int:
        """Quotes by people with a name word (or one of their characters') starting so."""
        bits = self._speaker_quotes.get(start)
        if bits is None:
            by_word = self._positions_by_name_word
            lists = [by_word[word] for word in _with_prefix(self._name_words, start)]
            bits = bits_from_positions(list(chain.from_iterable(lists)), self._size)
            self._speaker_quotes[start] = bits
        return bits

    def _quotes_with(self, term: str) -> _TermQuotes:
        found = self._term_quotes.get(term)
        if found is None:
            found = self._compute_term(term)
            self._term_quotes[term] = found
        return found

    def _compute_term(self, term: str) -> _TermQuotes:
        runs = [(m.group(), m.start() > 0, m.end() < len(term)) for m in _WORD.finditer(term)]
        if len(runs) == 1 and runs[0][0] == term:  # a plain word: the vocabulary answers exactly
            return _TermQuotes(
                anywhere=self._with_words(term, False, False),
                starting=self._with_words(term, True, False),
                whole=self._with_words(term, True, True),
            )
        candidates = self._all
        joined = [(m.group(), m.start() > 0, m.end() < len(term)) for m in _JOINED.finditer(term)]
        for run, starts_word, ends_word in runs + joined:
            candidates &= self._with_words(run, starts_word, ends_word)
        for shorter in (term[:-1], term[1:]):
            known = self._term_quotes.get(shorter)
            if known is not None:
                candidates &= known.anywhere
        anywhere = self._verify(candidates, lambda texts: map(str.__contains__, texts, repeat(term)))
        # A term that begins (ends) with a word character must begin (end) a word of the text to
        # rank higher: its first (last) run must then be the start (end) of a word. A joined token
        # ("it's") that starts (is) the term makes that certain without looking at the text.
        bound_left = bool(runs) and not runs[0][1]
        bound_right = bool(runs) and not runs[-1][2]
        starts_term = bool(joined) and not joined[0][1]
        is_term = len(joined) == 1 and joined[0][0] == term
        starting = anywhere
        if bound_left:
            run, _, ends_word = runs[0]
            certain = anywhere & self._with_words(joined[0][0], True, joined[0][2]) if starts_term else 0
            starting = certain | self._verify(
                anywhere & ~certain & self._with_words(run, True, ends_word), _bounded(term, True, False)
            )
        whole = starting
        if bound_right:
            run, starts_word, _ = runs[-1]
            certain = starting & self._with_words(term, True, True) if is_term else 0
            whole = certain | self._verify(
                starting & ~certain & self._with_words(run, starts_word, True),
                _bounded(term, bound_left, True),
            )
        return _TermQuotes(anywhere, starting, whole)

    def _verify(self, candidates: int, matches: Callable[[Iterable[str]], Iterable[object]]) -> int:
        """The candidates whose folded text passes `matches` (a C-level map over texts)."""
        if not candidates:
            return 0
        folded = self._folded
        positions: Iterable[int]
        if candidates.bit_count() * SPARSE < self._size:
            positions = list(positions_of(candidates))
            texts: Iterable[str] = map(folded.__getitem__, positions)
        else:  # pick the candidates' positions and texts in lockstep, in C
            flags = _flags(candidates)
            positions, texts = compress(range(self._size), flags), compress(folded, flags)
        return bits_from_positions(compress(positions, matches(texts)), self._size)

    def _with_words(self, run: str, starts_word: bool, ends_word: bool) -> int:
        """Quotes with a word that contains `run` (starting it, ending it, or being it exactly)."""
        key = (run, starts_word, ends_word)
        bits = self._word_sets.get(key)
        if bits is not None:
            return bits
        if starts_word and ends_word:
            words: Iterable[str] = (run,) if run in self._postings else ()
        elif starts_word:
            words = _with_prefix(self._vocabulary, run)
        elif ends_word:
            words = (w[::-1] for w in _with_prefix(self._reversed_vocabulary, run[::-1]))
        else:
            words = self._containing(run)
        bits = self._union(words)
        self._word_sets[key] = bits
        return bits

    def _containing(self, run: str) -> list[str]:
        words = self._words_containing.get(run)
        if words is None:
            # A longer run is only inside words that contain the shorter one: narrow those.
            pool = self._words_containing.get(run[:-1])
            if pool is None:
                pool = self._words_containing.get(run[1:], self._vocabulary)
            words = [w for w in pool if run in w]
            self._words_containing[run] = words
        return words

    def _union(self, words: Iterable[str]) -> int:
        bits = 0
        sparse: list[int] = []
        for word in words:
            posting = self._postings[word]
            if isinstance(posting, int):
                bits |= posting
            else:
                sparse.extend(posting)
        if sparse:
            bits |= bits_from_positions(sparse, self._size)
        return bits


def _bounded(term: str, left: bool, right: bool) -> Callable[[Iterable[str]], Iterable[object]]:
    """A test for occurrences of the term with no word character just before (left) or after it.
    The literal comes first so the regex engine can skip ahead to it: `(?<!\\w)term` would be
    tried at every position, over ten times slower."""
    pattern = re.compile(
        re.escape(term) + (f"(?<!\\w.{{{len(term)}}})" if left else "") + ("(?!\\w)" if right else ""),
        re.DOTALL,
    )
    return lambda texts: map(pattern.search, texts)


def _with_prefix(sorted_words: list[str], prefix: str) -> list[str]:
    start = bisect_left(sorted_words, prefix)
    return sorted_words[start : bisect_left(sorted_words, prefix + "\U0010ffff", start)]


def _build_postings(folded: list[str], size: int) -> dict[str, int | tuple[int, ...]]:
    """Each word's quotes: a bitset, or a tuple of positions for rare words (a bitset costs
    size/8 bytes whatever it holds; a tuple about 40 bytes an entry)."""
    lists: dict[str, list[int]] = defaultdict(list)
    words, joined = _WORD.findall, _JOINED.findall
    for position, text in enumerate(folded):
        tokens = set(words(text))
        if "'" in text or "-" in text:
            tokens.update(joined(text))
        for token in tokens:
            lists[token].append(position)
    dense = max(1, size // 256)
    return {
        word: bits_from_positions(positions, size) if len(positions) >= dense else tuple(positions)
        for word, positions in lists.items()
    }


def _name_words(dataset: Dataset) -> dict[str, set[str]]:
    """Folded name words -> ids of the people they name (as themselves or as their characters)."""
    people: dict[str, set[str]] = defaultdict(set)
    for person in dataset.people:
        names = [person.id, person.name, *person.aliases]
        for character_id in person.characters:
            character = dataset.characters_by_id[character_id]
            names += [character.name, *character.aliases]
        for name in names:
            for word in _WORD.findall(fold_text(name)):
                people[word].add(person.id)
    return people
