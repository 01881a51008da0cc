"""The reading pane's progress in its border: how far through the article the reader's place is, a bar,
and the reading time left.

The figure is worked out from the reader's place (the text at the top of the pane, kept across
re-wraps and resizes), by the characters of the section above it: the same place reads the same
figure at every width and height. (Worked out from the scroll, the share of the section's scroll
range above the screen, it changed with the size: 7% at 120×40 read 3% at 80×24, and 0% at 200×50,
where the whole section fits.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from ...core.model import Dataset
from ...core.reading_time import time_phrase
from ..widgets.film_strip import Mark, proportional_strip
from .reading_blocks import Block

if TYPE_CHECKING:
    from .reading import ReadingPane

    _Base = ReadingPane
else:
    _Base = object

PROGRESS_BAR_WIDTH = 12
END = -1  # the place at the end of the section

# The reader's place: (paragraph, how far into it). Paragraph 0 is the section's title. How far: 0
# for the blank line above the paragraph, else 1 + characters into its text, then its credit and
# notes, counted as one run. It does not depend on the width, so a re-wrap keeps it.
Place = tuple[int, int]
TOP: Place = (0, 0)
AT_END: Place = (END, 0)


class TextBefore:
    """How many characters of a section's blocks come before each of its paragraphs (the title left
    out), for one list of blocks: worked out once for it."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        lengths: dict[int, int] = {}
        for block in blocks:
            if block.paragraph > 0:
                lengths[block.paragraph] = lengths.get(block.paragraph, 0) + len(block.content.plain)
        self._before: dict[int, int] = {}
        self._lengths = lengths
        total = 0
        for paragraph in sorted(lengths):
            self._before[paragraph] = total
            total += lengths[paragraph]
        self.total = total

    def share(self, place: Place) -> float:
        """The share of the section's text above `place` (a paragraph's place, not `AT_END`), 0 to 1."""
        paragraph, into = place
        if paragraph <= 0 or not self.total:
            return 0.0
        if paragraph not in self._before:
            return 1.0 if paragraph > max(self._before, default=0) else 0.0
        above = self._before[paragraph] + min(max(0, into - 1), self._lengths[paragraph])
        return min(1.0, above / self.total)


class ReadingProgress(_Base):
    """Mixed into the reading pane: the progress in its border."""

    _text_before: TextBefore | None = None

    def _share_read(self) -> float:
        """How much of the open section has been read, 0 to 1: the share of its text above the
        reader's place (0 at its top; the place at its end: the share above the last screen at this
        size). The end of the article on screen reads as all of it."""
        assert self.section is not None
        if self.section.index == len(self.dataset.sections) - 1 and round(self.scroll_y) >= self.max_scroll_y:
            return 1.0
        place = self._place
        if place == AT_END:
            place = self._place_at_line(round(self.max_scroll_y)) if self._laid_out_lines() else TOP
        text_before = self._text_before
        if text_before is None or text_before.blocks is not self.blocks:
            text_before = self._text_before = TextBefore(self.blocks)
        return text_before.share(place)

    def _update_progress(self, visible: tuple[int, ...]) -> None:
        assert self.section is not None
        section = self.section
        read = self._paragraphs_before[section.index] + len(section.paragraphs) * self._share_read()
        percent = round(100 * read / self._total_paragraphs) if self._total_paragraphs else 100
        # The track is drawn in the bar's own glyph: in the border's, it read as the border broken off
        # before the corner ("━━━━── ─╯").
        bar = proportional_strip(
            PROGRESS_BAR_WIDTH,
            self._total_paragraphs,
            [Mark(0, self._total_paragraphs, self._part_style("reading--progress-todo"), "━"),
             *([Mark(0, read, self._part_style("reading--progress-done"), "━")] if read else [])],
        )
        where = f"Section {self.section.index + 1:,} of {len(self.dataset.sections):,} · {percent}%"
        minutes = self.reading_time.minutes_left(self.section.id, visible[-1] if visible else 0)
        if minutes:
            left = time_phrase(minutes)
            labels = (f"{where} · {left} left at {self.reading_time.words_per_minute} wpm ", f"{where} · {left} left ")
        else:
            labels = (f"{where} · the end ",)
        # Whole phrases dropped to fit the border (two corners, a space each side), never a cut one.
        room = self.size.width - 4 - PROGRESS_BAR_WIDTH
        label = next((label for label in labels if len(label) <= room), None)
        self.border_subtitle = Content(where) if label is None else Content(label) + bar


def paragraph_offsets(dataset: Dataset) -> tuple[int, ...]:
    """How many paragraphs come before each section."""
    offsets, total = [], 0
    for section in dataset.sections:
        offsets.append(total)
        total += len(section.paragraphs)
    return tuple(offsets)
