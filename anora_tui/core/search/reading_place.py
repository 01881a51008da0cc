"""Where n and N step from once the reader has moved on from the last match: the article position,
in a search scope's order, of the first quote or paragraph at or after a paragraph of the text."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Dataset
    from .indexes import SearchIndexes
    from .results import Scope


def position_at(
    dataset: "Dataset", indexes: "SearchIndexes", scope: "Scope", section_id: str, paragraph: int
) -> int:
    """The position of the first quote (or paragraph) at or after paragraph `paragraph` (1-based) of
    section `section_id`; the scope's count when there is none after it."""
    if scope == "text":
        return indexes.text.position_of(section_id, paragraph)
    sections_by_id = dataset.sections_by_id
    sections = dataset.values_of("quotes", "section")
    paragraphs = dataset.values_of("quotes", "paragraph")

    def place_of(position: int) -> tuple[int, int]:
        return sections_by_id[sections[position]].index, paragraphs[position]

    # The quotes are in article order (by section, then paragraph): halve, reading O(log n) of them.
    return bisect_left(range(len(sections)), (sections_by_id[section_id].index, paragraph), key=place_of)
