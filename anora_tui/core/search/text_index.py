"""An inverted index over a list of texts (quotes, paragraphs): which texts hold a term, and how well.

Every text is folded once and its words go into an inverted index whose posting lists are bitsets
(Python ints, bit i = the text at position i) or, for rare words, tuples of positions. A term's
texts are the union of the postings of the vocabulary words that contain it (a word with an
apostrophe inside is a word of the vocabulary without it too: "dor" finds "d'or"). Terms with punctuation
or spaces are narrowed that way and then checked against the folded text. Recent terms are cached,
so each keystroke only computes the term being typed; the one-character terms, every search's first
key, can be computed ahead (`prepare_first_keys`).
"""

from __future__ import annotations

import re
import string
import threading
from bisect import bisect_left
from collections import defaultdict
from dataclasses import astuple, dataclass
from itertools import compress, repeat
from typing import Callable, Iterable, Iterator, Mapping, Protocol, Sequence

from ..gc_pause import gc_paused
from .bitsets import SPARSE, bits_from_positions, flags_of, positions_of
from .folding import fold_text
from .query import WORD, Query

WHOLE, PREFIX, INNER = 0, 1, 2  # ranks: a whole word or phrase, a word's start, inside a word

# Also indexed: runs of word characters joined by apostrophes or hyphens ("it's", "home-invasion"),
# so a term like "it'" is narrowed to the texts with such a token rather than to every "it".
_JOINED = re.compile(r"[\w'-]*['-][\w'-]*")
_INNER_APOSTROPHES = re.compile(r"\w+(?:'\w+)+")  # "d'or", "rock'n'roll": words joined by apostrophes
FIRST_KEYS = string.ascii_lowercase + string.digits  # the one-character terms `prepare_first_keys` makes
FIRST_KEYS_STEP = 8  # words joined between two of its pause points


@dataclass(frozen=True, slots=True)
class TermTexts:
    anywhere: int  # texts containing the term
    starting: int  # ... where some occurrence starts a word (or the term starts with punctuation)
    whole: int  # ... where some occurrence is bounded on both sides


class StoredPosting(Protocol):
    """A posting the load cache holds, not read yet (`stored.UnreadBits`)."""

    def read(self) -> int | tuple[int, ...]:
        """ValueError or OSError if it cannot be read."""
        ...


class StoredTermTexts(Protocol):
    """A one-character term the load cache holds, not read yet (`stored.UnreadTermTexts`)."""

    def read(self) -> TermTexts:
        """ValueError or OSError if it cannot be read."""
        ...


class BoundedCache(dict):
    """A dict that forgets its oldest entries past a size."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self._size = size

    def __setitem__(self, key, value) -> None:
        if len(self) >= self._size:
            del self[next(iter(self))]
        super().__setitem__(key, value)


class TextIndex:
    """Built once per list of texts; `match` is cheap enough to run on every keystroke."""

    def __init__(self, texts: Iterable[str]) -> None:
        folded = self.folded_texts(texts)
        with gc_paused():
            postings = _build_postings(folded, len(folded))
        self._take(folded, postings)

    @staticmethod
    def folded_texts(texts: Iterable[str]) -> list[str]:
        with gc_paused():
            return [fold_text(text) for text in texts]

    @classmethod
    def from_parts(cls, folded: list[str], postings: dict[str, int | StoredPosting | tuple[int, ...]]) -> TextIndex:
        """The index whose `parts` these are (what the load cache stores), without building it. A
        posting may be one the cache holds (`StoredPosting`): read when a search first needs it (at a
        million quotes reading them all took most of a second, which the first search waited for; its
        first key reads a few hundred of the words, the first keys made ahead the rest)."""
        index = cls.__new__(cls)
        index._take(folded, postings)
        return index

    @classmethod
    def from_postings(
        cls,
        size: int,
        postings: dict[str, int | StoredPosting | tuple[int, ...]],
        read_folded: Callable[[], list[str]],
        first_keys: Mapping[str, StoredTermTexts] | None = None,
    ) -> TextIndex:
        """As `from_parts`, with the folded texts read by `read_folded` when a search first needs them
        (a term with punctuation or a space is checked against them): at a million quotes' article
        they were 373 MB of the load cache, which the first search of the text waited to read. A hit
        shown meanwhile folds its own text. `first_keys`: the one-character terms as stored, each read
        when first searched (`first_key_parts`)."""
        index = cls.__new__(cls)
        index._take(None, postings, size, read_folded)
        index._stored_first_keys = dict(first_keys or {})
        return index

    def parts(self) -> tuple[list[str], dict[str, int]]:
        """What building computes: the folded texts, and each word's posting (a bitset of texts)."""
        return self._folded_texts(), self._postings

    def _take(
        self,
        folded: list[str] | None,
        postings: dict[str, int],
        size: int | None = None,
        read_folded: Callable[[], list[str]] | None = None,
    ) -> None:
        self._folded = folded
        self._read_folded = read_folded
        self._reading_folded = threading.Lock()
        self._size = len(folded) if folded is not None else size or 0
        self._postings = postings
        self.all = (1 << self._size) - 1
        self._vocabulary = sorted(self._postings)
        self._reversed_vocabulary = sorted(word[::-1] for word in self._postings)
        self._words_containing: BoundedCache = BoundedCache(256)
        self._word_sets: BoundedCache = BoundedCache(128)
        self._term_texts: BoundedCache = BoundedCache(64)
        self._first_keys: dict[str, TermTexts] = {}  # one-character terms made ahead, kept
        self._stored_first_keys: dict[str, StoredTermTexts] = {}  # ... as the load cache holds them

    def _folded_texts(self) -> list[str]:
        folded = self._folded
        if folded is None:
            with self._reading_folded:  # one read, whichever thread asks first
                folded = self._folded
                if folded is None:
                    assert self._read_folded is not None
                    folded = self._folded = self._read_folded()
        return folded

    @property
    def size(self) -> int:
        return self._size

    def folded(self, position: int) -> str | None:
        """The folded text at a position (`fold_text` of it), or None if the folded texts are not
        read yet (`from_postings`: the caller folds its one text)."""
        folded = self._folded
        return None if folded is None else folded[position]

    def forget(self) -> None:
        """Drop what recent searches left cached (a benchmark's cold start; memory pressure)."""
        for cache in (self._words_containing, self._word_sets, self._term_texts, self._first_keys):
            cache.clear()

    def match(self, query: Query, within: int) -> tuple[int, tuple[int, int, int]]:
        """The texts among `within` that hold every term and no excluded one, and the same split
        into rank tiers (WHOLE, PREFIX, INNER: the worst, over the terms, of each term's best)."""
        hits = within
        # Most selective first, and stop as soon as nothing is left (a long paste ends early).
        matched: list[TermTexts] = []
        for term in sorted(query.terms, key=len, reverse=True):
            if not hits:
                break
            term_texts = self.texts_with(term)
            matched.append(term_texts)
            hits &= term_texts.anywhere
        for term in query.excluded:
            if not hits:
                break
            hits &= ~self.texts_with(term).anywhere
        if not hits:
            matched = []
        whole, starting = hits, hits
        for term_texts in matched:
            whole &= term_texts.whole
            starting &= term_texts.starting
        return hits, (whole, starting & ~whole, hits & ~starting)

    def texts_with(self, term: str) -> TermTexts:
        found = self._first_keys.get(term) or self._term_texts.get(term) or self._stored_first_key(term)
        if found is None:
            found = self._compute_term(term)
            self._term_texts[term] = found
        return found

    def _stored_first_key(self, term: str) -> TermTexts | None:
        """A one-character term as the load cache holds it, read now and kept; None if it holds none,
        or it cannot be read (then it is computed)."""
        stored = self._stored_first_keys.get(term)
        if stored is None:
            return None
        try:
            found = stored.read()
        except (ValueError, OSError):
            self._stored_first_keys.pop(term, None)  # two threads may both find it so
            return None
        self._first_keys[term] = found
        return found

    def first_key_parts(self) -> list[int]:
        """Each one-character term of `FIRST_KEYS`, in order, as its three bitsets (anywhere, starting,
        whole): what the load cache stores, so that a search's first key is read in a few
        milliseconds rather than made from hundreds of bitsets (0.3 s at a million quotes, read from
        a cold disk)."""
        self.prepare_first_keys()
        return [bits for character in FIRST_KEYS for bits in astuple(self._first_keys[character])]

    def prepare_first_keys(self, pause: Callable[[], None] = lambda: None) -> None:
        """Make each one-character term of `FIRST_KEYS` now, and keep it: a search's first key is one,
        and it is the dearest of its keys to compute (every word holding the letter, nearly every
        text: 2 ms of a first key's 10 at 100,000 quotes, and ten times that at a million). Made on a
        background thread while the reader's thread searches: it shares none of the caches a search
        fills (`pause` is called every `FIRST_KEYS_STEP` words)."""
        vocabulary = self._vocabulary

        def union(words: list[str]) -> int:  # a pause every few words: at a million quotes each is 0.3 ms
            bits = 0
            for start in range(0, len(words), FIRST_KEYS_STEP):
                pause()
                bits |= self._union(words[start : start + FIRST_KEYS_STEP])
            return bits

        for character in FIRST_KEYS:
            if character not in self._first_keys and self._stored_first_key(character) is None:
                self._first_keys[character] = TermTexts(
                    anywhere=union([word for word in vocabulary if character in word]),
                    starting=union(with_prefix(vocabulary, character)),
                    whole=union([character] if character in self._postings else []),
                )

    @property
    def first_keys_ready(self) -> bool:
        return len(self._first_keys) == len(FIRST_KEYS)

    def _posting(self, word: str) -> int | tuple[int, ...] | None:
        """The word's texts (None if no text has it): a bitset, or the positions of a rare word's."""
        posting = self._postings.get(word)
        if posting is not None and type(posting) is not int and type(posting) is not tuple:
            posting = self._postings[word] = self._read_posting(word, posting)  # one or two threads, alike
        return posting

    def _read_posting(self, word: str, stored: StoredPosting) -> int | tuple[int, ...]:
        """A posting the load cache stored, read now; found again in the texts if that part of the
        file cannot be read (it is checked against its CRC-32 as it is read)."""
        try:
            return stored.read()
        except (ValueError, OSError):
            folded = self._folded_texts()
            return _posting_of([position for position, text in enumerate(folded) if word in _tokens(text)], self._size)

    def positions_with_every_word(self, words: Sequence[str]) -> Iterable[int]:
        """The positions of the texts holding each of these (folded) words as a whole word."""
        postings = [self._posting(word) for word in words]
        if not postings or any(posting is None for posting in postings):
            return ()
        sparse = [p for p in postings if not isinstance(p, int)]
        dense = [p for p in postings if isinstance(p, int)]
        if not sparse:
            bits = self.all
            for posting in dense:
                bits &= posting
            return positions_of(bits)
        common = set(sparse[0]).intersection(*sparse[1:]) if len(sparse) > 1 else sparse[0]
        return [i for i in common if all(p >> i & 1 for p in dense)]

    def with_any_word(self, words: Iterable[str]) -> int:
        """The texts holding any of these (folded) words as a whole word."""
        return self._union(word for word in words if word in self._postings)

    # --- internals ---

    def _compute_term(self, term: str) -> TermTexts:
        runs = [(m.group(), m.start() > 0, m.end() < len(term)) for m in WORD.finditer(term)]
        if len(runs) == 1 and runs[0][0] == term:  # a plain word: the vocabulary answers exactly
            return TermTexts(
                anywhere=self._with_words(term, False, False),
                starting=self._with_words(term, True, False),
                whole=self._with_words(term, True, True),
            )
        candidates = self.all
        joined = [(m.group(), m.start() > 0, m.end() < len(term)) for m in _JOINED.finditer(term)]
        for run, starts_word, ends_word in runs + joined:
            candidates &= self._with_words(run, starts_word, ends_word)
        for shorter in (term[:-1], term[1:]):
            known = self._term_texts.get(shorter)
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
        return TermTexts(anywhere, starting, whole)

    def _verify(self, candidates: int, matches: Callable[[Iterable[str]], Iterable[object]]) -> int:
        """The candidates whose folded text passes `matches` (a C-level map over texts)."""
        if not candidates:
            return 0
        folded = self._folded_texts()
        positions: Iterable[int]
        if candidates.bit_count() * SPARSE < self._size:
            positions = list(positions_of(candidates))
            texts: Iterable[str] = map(folded.__getitem__, positions)
        else:  # pick the candidates' positions and texts in lockstep, in C
            flags = flags_of(candidates)
            positions, texts = compress(range(self._size), flags), compress(folded, flags)
        return bits_from_positions(compress(positions, matches(texts)), self._size)

    def _with_words(self, run: str, starts_word: bool, ends_word: bool) -> int:
        """Texts with a word that contains `run` (starting it, ending it, or being it exactly)."""
        key = (run, starts_word, ends_word)
        bits = self._word_sets.get(key)
        if bits is not None:
            return bits
        if starts_word and ends_word:
            words: Iterable[str] = (run,) if run in self._postings else ()
        elif starts_word:
            words = with_prefix(self._vocabulary, run)
        elif ends_word:
            words = (w[::-1] for w in with_prefix(self._reversed_vocabulary, run[::-1]))
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
            posting = self._posting(word)
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


def without_apostrophes(joined_tokens: Iterable[str]) -> Iterator[str]:
    """The words with an apostrophe inside, written without it ("d'or" as "dor", "it's" as "its"):
    indexed too, so a word typed without its apostrophe finds it. From the joined tokens (`_JOINED`)
    the text has, so the text is not scanned again."""
    for token in joined_tokens:
        word = token.strip("'")
        if "'" in word and _INNER_APOSTROPHES.fullmatch(word):
            yield word.replace("'", "")


def with_prefix(sorted_words: list[str], prefix: str) -> list[str]:
    return sorted_words[slice(*prefix_range(sorted_words, prefix))]


def prefix_range(sorted_words: Sequence[str], prefix: str) -> tuple[int, int]:
    """Where the words starting with `prefix` are in `sorted_words`: from, and up to."""
    start = bisect_left(sorted_words, prefix)
    return start, bisect_left(sorted_words, prefix + "\U0010ffff", start)


def _build_postings(folded: list[str], size: int) -> dict[str, int | tuple[int, ...]]:
    """Each word's texts (`_posting_of`)."""
    lists: dict[str, list[int]] = defaultdict(list)
    for position, text in enumerate(folded):
        for token in _tokens(text):
            lists[token].append(position)
    return {word: _posting_of(positions, size) for word, positions in lists.items()}


def _tokens(text: str, words=WORD.findall, joined=_JOINED.findall) -> set[str]:
    """What a (folded) text is indexed under: its words, and its joined tokens with and without
    their apostrophes."""
    tokens = set(words(text))
    if "'" in text or "-" in text:
        joined_tokens = joined(text)
        tokens.update(joined_tokens)
        tokens.update(without_apostrophes(joined_tokens))
    return tokens


def _posting_of(positions: list[int], size: int) -> int | tuple[int, ...]:
    """A word's texts: a bitset, or a tuple of positions for rare words (a bitset costs size/8 bytes
    whatever it holds; a tuple about 40 bytes an entry)."""
    return bits_from_positions(positions, size) if len(positions) >= max(1, size // 256) else tuple(positions)
