"""Text folding for matching: lower case, no accents, plain quotes, apostrophes and dashes, one
whitespace character for any, and a hyphen or dash joining two words as a space between them (so
"romantic comedy" finds "romantic-comedy", and "rom-com" finds "rom com"; a dash set apart by spaces
stays a dash). Character by character, so offsets in folded text map back."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain, repeat
from typing import Sequence

_PUNCTUATION = {
    **dict.fromkeys("‘’‚‛′ʼ", "'"),
    **dict.fromkeys("“”„‟«»", '"'),
    **dict.fromkeys("‐‑‒–—―−⁃﹣", "-"),
}
_JOINING_DASH = re.compile(r"(?<=\w)-(?=\w)")  # in folded text: a dash between two words


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """What one character becomes for matching: lower case, no accents, plain punctuation (a dash
    joining words becomes a space in `fold_text`, which sees its neighbours)."""
    if char.isspace():
        return " "
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    return "".join(_PUNCTUATION.get(c, c) for c in folded if not unicodedata.combining(c))


class _FoldTable(dict):
    """For str.translate: each character's folded form, worked out the first time it is met. It also
    keeps the characters that do not fold to exactly one (ß → ss, a combining accent → nothing)."""

    def __init__(self) -> None:
        super().__init__()
        self.uneven: re.Pattern[str] | None = None  # matches any of those characters; None: none yet

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        if len(folded) != 1:
            uneven = {chr(c) for c, f in self.items() if len(f) != 1}
            self.uneven = re.compile("[" + "".join(re.escape(c) for c in sorted(uneven)) + "]")
        return folded


_FOLD = _FoldTable()
_ASCII_WHITESPACE = {ord(c): " " for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"}
_ASCII_OR_NOT = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def fold_text(text: str) -> str:
    """The folded form of a text, character by character (so offsets can be mapped back).
    ASCII runs take the fast path: for ASCII, lower() is what fold_char does."""
    if text.isascii():
        folded = text.lower().translate(_ASCII_WHITESPACE)
    else:
        folded = "".join(
            run.lower().translate(_ASCII_WHITESPACE) if run.isascii() else run.translate(_FOLD)
            for run in _ASCII_OR_NOT.findall(text)
        )
    return _words_apart(folded)


def _words_apart(folded: str) -> str:
    """A dash joining two words as a space (the same length: offsets still map back)."""
    return _JOINING_DASH.sub(" ", folded) if "-" in folded else folded


def fold_with_offsets(text: str, folded: str | None = None) -> tuple[str, Sequence[int]]:
    """The folded text and, for each of its characters, the offset of the original character.
    `folded`, if given, must be `fold_text(text)` (an index keeps it)."""
    if folded is None:
        folded = fold_text(text)  # which meets every non-ASCII character of the text in the table
    if text.isascii() or _FOLD.uneven is None or _FOLD.uneven.search(text) is None:
        return folded, range(len(text))  # one for one, the usual case
    parts = list(map(fold_char, text))
    owners = tuple(chain.from_iterable(repeat(offset, len(part)) for offset, part in enumerate(parts)))
    return _words_apart("".join(parts)), owners


def original_span(text: str, owners: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Map a span of the folded text back to the original, taking in any accents that follow."""
    original_start, original_end = owners[start], owners[end - 1] + 1
    while original_end < len(text) and not fold_char(text[original_end]):
        original_end += 1
    return original_start, original_end


@lru_cache(maxsize=64)
def _apostrophes_skipped(term: str) -> re.Pattern[str]:
    """The term with an apostrophe allowed between any two of its word characters."""
    pattern = "".join(
        re.escape(char) + ("'?" if char.isalnum() and following.isalnum() else "")
        for char, following in zip(term, term[1:] + " ")
    )
    return re.compile(pattern)


def match_spans(text: str, terms: Sequence[str], folded: str | None = None) -> tuple[tuple[int, int], ...]:
    """Where the (folded) terms occur in the original text, merged into disjoint sorted spans.
    `folded`, if given, must be `fold_text(text)`."""
    if not terms:
        return ()
    folded, owners = fold_with_offsets(text, folded)
    found: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        if start < 0 and "'" in folded and "'" not in term:
            # Found by the index without an apostrophe ("dor" in "d'or"): only then looked for so, which
            # costs a regex over the text (where it is also there as typed, that occurrence is marked).
            for match in _apostrophes_skipped(term).finditer(folded):
                found.append(original_span(text, owners, match.start(), match.end()))
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
