"""A dataset problem (`DataError`, `FILE:LINE:COL: message`) and the wording shared by its messages."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

from ..text import one_line
from .yaml_nodes import TAG_PREFIX


@dataclass(frozen=True, slots=True)
class DataError:
    """One problem in a dataset; `str()` gives `FILE:LINE:COL: message` (1-based)."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        # A file name can hold anything but "/" and NUL: shown, it must stay one harmless line.
        file = one_line(self.file)
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
    return "!!" + tag[len(TAG_PREFIX) :] if tag.startswith(TAG_PREFIX) else tag


def did_you_mean(word: str, known: Iterable[str], list_known: bool = False) -> str:
    """" (did you mean 'x'?)" for the closest known word; with list_known, all of them if none is close."""
    known = list(known)
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (known: {', '.join(known)})" if list_known else ""


def excerpt_hint(excerpt: str, paragraphs: tuple[str, ...], number: int) -> str:
    """Where an excerpt missing from its paragraph is after all, or how much of it the paragraph has."""
    for other, text in enumerate(paragraphs, start=1):
        if excerpt in text:
            return f" (it is in paragraph {other})"
    paragraph = paragraphs[number - 1]
    low, high = 0, len(excerpt)  # the paragraph contains excerpt[:low] and not excerpt[:high + 1]
    while low < high:
        middle = (low + high + 1) // 2
        if excerpt[:middle] in paragraph:
            low = middle
        else:
            high = middle - 1
    if low < 8:
        return ""
    return f" (the paragraph matches only up to {shown(excerpt[max(0, low - 40) : low])})"


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
