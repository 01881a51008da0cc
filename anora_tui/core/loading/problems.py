"""A dataset problem (`DataError`, `FILE:LINE:COL: message`) and the wording shared by its messages."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

from ..text import one_line


@dataclass(frozen=True, slots=True)
class DataError:
    """One problem in a dataset; `str()` gives `FILE:LINE:COL: message` (1-based), or `FILE: message`
    for a problem of the directory or file as a whole (line 0), where a position would mean nothing."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        # A file name can hold anything but "/" and NUL: shown, it must stay one harmless line.
        file = one_line(self.file)
        if self.line == 0:
            return f"{file}: {self.message}"
        return f"{file}:{self.line}:{self.column}: {self.message}"


class DataErrors(Exception):
    """Every problem found in a dataset, sorted by file and position."""

    def __init__(self, errors: Iterable[DataError]) -> None:
        self.errors: list[DataError] = sorted(errors, key=lambda e: (e.file, e.line, e.column))
        super().__init__("\n".join(map(str, self.errors)))


def shown(value: str, limit: int = 60) -> str:
    """Data text quoted for a message: made safe, one line, and cut short."""
    value = one_line(value)
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return f"'{value}'"


def short_tag(tag: str) -> str:
    from .yaml_nodes import TAG_PREFIX  # not at the top: a start from the cache never imports yaml

    return "!!" + tag[len(TAG_PREFIX) :] if tag.startswith(TAG_PREFIX) else tag


def did_you_mean(word: str, known: Iterable[str], list_known: bool = False) -> str:
    """" (did you mean 'x'?)" for the closest known word; with list_known, all of them if none is close."""
    known = list(known)
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (known: {', '.join(known)})" if list_known else ""


# Typographic characters and the plain ones typed for them: a quote copied by hand often differs
# from its paragraph only in these.
_PLAIN_FORMS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"',
                              "–": "-", "—": "-", "‒": "-", "−": "-", "\u00a0": " "})
_FEWEST_SHOWN = 8  # matched characters worth quoting back


def excerpt_hint(excerpt: str, paragraphs: tuple[str, ...], number: int, part: bool = False) -> str:
    """Where an excerpt missing from its paragraph is after all, what typographic quotes or dashes
    alone keep it from matching, or how much of it the paragraph has (for a `part` of an excerpt
    whose other parts are there, nothing when it has not even the first words)."""
    for other, text in enumerate(paragraphs, start=1):
        if excerpt in text:
            return f" (it is in paragraph {other})"
    paragraph = paragraphs[number - 1]
    plain = excerpt.translate(_PLAIN_FORMS)
    for other in (number, *range(1, len(paragraphs) + 1)):
        text = paragraphs[other - 1]
        at = text.translate(_PLAIN_FORMS).find(plain)
        if at >= 0:
            where = "" if other == number else f"it is in paragraph {other}; "
            return f" ({where}{_typographic_differences(excerpt, text[at : at + len(excerpt)])})"
    low, high = 0, len(excerpt)  # the paragraph contains excerpt[:low] and not excerpt[:high + 1]
    while low < high:
        middle = (low + high + 1) // 2
        if excerpt[:middle] in paragraph:
            low = middle
        else:
            high = middle - 1
    if low < _FEWEST_SHOWN:
        return "" if part else " (the paragraph does not even have its first words: check the section and paragraph)"
    return f" (the paragraph matches only up to {shown(excerpt[max(0, low - 40) : low])})"


def _typographic_differences(excerpt: str, found: str) -> str:
    """"the only difference is typographic: the paragraph has ’ where this has '" (each pair once)."""
    pairs = dict.fromkeys((want, have) for have, want in zip(excerpt, found) if have != want)
    listed = ", ".join(f"{want} where this has {have}" for want, have in pairs)
    return f"the only difference is a typographic quote or dash: the paragraph has {listed}"


def character_at(text: str, line: int, column: int) -> str:
    """The character at a 1-based line and column ("" past the end)."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    return text[start + column - 1 : start + column]


def position_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset in UTF-8 data."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column
