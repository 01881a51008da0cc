"""Text folding for matching: lower case, no accents, plain quotes, apostrophes and dashes, one
whitespace character for any. Character by character, so offsets in folded text map back."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain, repeat
from typing import Sequence

_PUNCTUATION = {
    **dict.fromkeys("‘’‚‛′ʼ", "'"),
    **dict.fromkeys("“”„‟«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
}


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


def match_spans(text: str, terms: Sequence[str] | tuple[str, ...]) -> tuple[tuple[int, int], ...]:
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
