"""Where things are in the article's text: an excerpt's span in its paragraph, the place a quote
leads to, and every naming of a person in a section. Pure Python."""

from __future__ import annotations

from typing import NamedTuple

from .excerpts import excerpt_span
from .model import Dataset, Section
from .navigation import Location


class NameLink(NamedTuple):
    """One naming of a person in a paragraph of a section."""

    paragraph: int  # 1-based
    start: int
    end: int
    person_id: str


def quote_location(dataset: Dataset, quote_id: str) -> Location:
    """Where a quote is: its section and paragraph, with its span to highlight."""
    quote = dataset.quotes_by_id[quote_id]
    span = excerpt_span(dataset.paragraph(quote.section, quote.paragraph), quote.text)
    return Location("section", quote.section, quote.paragraph, span)


def section_links(dataset: Dataset, section: Section) -> tuple[NameLink, ...]:
    """Every naming of a person in the section, in reading order."""
    links: list[NameLink] = []
    for number in range(1, len(section.paragraphs) + 1):
        for person_id, mention in dataset.mentions_in(section.id, number):
            links.extend(NameLink(number, start, end, person_id) for start, end in mention.spans)
    links.sort(key=lambda link: (link.paragraph, link.start))
    return tuple(links)


def place_exists(dataset: Dataset, location: Location) -> bool:
    """Whether the dataset has the place: its record, and for a section the paragraph it names."""
    if location.kind == "section":
        section = dataset.sections_by_id.get(location.id)
        return section is not None and (location.paragraph is None or 1 <= location.paragraph <= len(section.paragraphs))
    # Only the kind's own lookup is read: a cached dataset makes each when first read, and the
    # quotes' (a million ids at a million quotes) took 0.4 s of every person opened.
    return location.id in getattr(dataset, _LOOKUPS[location.kind])


_LOOKUPS = {"person": "people_by_id", "scene": "scenes_by_id", "event": "events_by_id", "quote": "quotes_by_id"}
