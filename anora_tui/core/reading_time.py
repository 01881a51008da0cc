"""How long the rest of the article takes to read, from a count of its words. Pure Python."""

from __future__ import annotations

import math
from itertools import accumulate
from typing import Iterable

from .model import Dataset

# Silent reading of English non-fiction, on average (Brysbaert, "How many words do we read per
# minute?", Journal of Memory and Language, 2019): the rate the estimate is stated at.
WORDS_PER_MINUTE = 238


def paragraph_words(dataset: Dataset) -> list[list[int]]:
    """The words of each paragraph, section by section (see `words_in`)."""
    return [words_in(section.paragraphs) for section in dataset.sections]


def words_in(texts: Iterable[str]) -> list[int]:
    """The words of each text: runs of characters that are not white space (`str.split` tells white
    space as the regex `\\S+` would, several times faster)."""
    return list(map(len, map(str.split, texts)))


class ReadingTime:
    """Words left after any paragraph of the article, counted once per dataset."""

    def __init__(self, dataset: Dataset, words_per_minute: int = WORDS_PER_MINUTE) -> None:
        self.words_per_minute = words_per_minute
        stored = dataset.stored("paragraph_words")  # a large dataset's cache holds the counts
        if type(stored) is not list or len(stored) != len(dataset.sections):
            stored = paragraph_words(dataset)
        ids = [section.id for section in dataset.sections]
        # section id -> its paragraphs' word counts, and the words of the sections before it: a
        # section's running sums are made when asked for (26,000 sections at 100,000 quotes).
        self._counts: dict[str, list[int]] = dict(zip(ids, stored))
        self._before = dict(zip(ids, accumulate(map(sum, stored), initial=0)))
        self.total_words = sum(map(sum, stored))

    def words_left(self, section_id: str, paragraph: int) -> int:
        """Words after paragraph `paragraph` (1-based) of the section; 0 means none of it read."""
        counts = self._counts[section_id]
        read = self._before[section_id] + sum(counts[: max(0, min(paragraph, len(counts)))])
        return self.total_words - read

    def minutes_left(self, section_id: str, paragraph: int) -> int:
        """Whole minutes, rounded up: any reading left shows as at least 1."""
        return math.ceil(self.words_left(section_id, paragraph) / self.words_per_minute)


def time_phrase(minutes: int) -> str:
    """"12 min", and from an hour on "1 h 5 min", "41 h" (hours with thousands separated)."""
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours:,} h {rest} min" if rest else f"{hours:,} h"
