"""How long the rest of the article takes to read, from a count of its words. Pure Python."""

from __future__ import annotations

import math
from itertools import accumulate

from .model import Dataset

# Silent reading of English non-fiction, on average (Brysbaert, "How many words do we read per
# minute?", Journal of Memory and Language, 2019): the rate the estimate is stated at.
WORDS_PER_MINUTE = 238


def paragraph_words(dataset: Dataset) -> list[list[int]]:
    """The words of each paragraph, section by section: runs of characters that are not white space
    (`str.split` tells white space as the regex `\\S+` would, several times faster)."""
    return [[len(text.split()) for text in section.paragraphs] for section in dataset.sections]


class ReadingTime:
    """Words left after any paragraph of the article, counted once per dataset."""

    def __init__(self, dataset: Dataset, words_per_minute: int = WORDS_PER_MINUTE) -> None:
        self.words_per_minute = words_per_minute
        # section id -> words read once through each of its paragraphs (index 0: none of them)
        self._read_through: dict[str, list[int]] = {}
        total = 0
        stored = dataset.stored("paragraph_words")  # a large dataset's cache holds the counts
        if type(stored) is not list or len(stored) != len(dataset.sections):
            stored = paragraph_words(dataset)
        for section, counts in zip(dataset.sections, stored):
            self._read_through[section.id] = list(accumulate(counts, initial=total))
            total = self._read_through[section.id][-1]
        self.total_words = total

    def words_left(self, section_id: str, paragraph: int) -> int:
        """Words after paragraph `paragraph` (1-based) of the section; 0 means none of it read."""
        read_through = self._read_through[section_id]
        return self.total_words - read_through[max(0, min(paragraph, len(read_through) - 1))]

    def minutes_left(self, section_id: str, paragraph: int) -> int:
        """Whole minutes, rounded up: any reading left shows as at least 1."""
        return math.ceil(self.words_left(section_id, paragraph) / self.words_per_minute)
