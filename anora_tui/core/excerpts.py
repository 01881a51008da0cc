"""Where an excerpt (a quote's words, the words an editorial note is on) stands in its paragraph.

An excerpt is verbatim; a sentence the writer interrupts ("Lighting that palace, Daniels says, was a
nightmare.") is one quote written with ` … ` where the writer's words stand ("Lighting that palace …
was a nightmare."), as an editor prints it: each part verbatim, in order, with words left out
between each and the next. Pure Python.
"""

from __future__ import annotations

from typing import NamedTuple

ELISION = " … "  # in an excerpt: the writer's words left out from between the speaker's

Span = tuple[int, int]


def excerpt_spans(paragraph: str, excerpt: str) -> tuple[Span, ...]:
    """Where `excerpt` first stands in `paragraph`: one span where it is verbatim, else one span per
    part of an excerpt with elisions; () where it is not there (also for an empty excerpt)."""
    if not excerpt:
        return ()
    start = paragraph.find(excerpt)
    if start >= 0:
        return ((start, start + len(excerpt)),)
    if ELISION not in excerpt:
        return ()
    spans, unplaced = _placed_parts(paragraph, excerpt.split(ELISION))
    return () if unplaced is not None else spans


def excerpt_span(paragraph: str, excerpt: str) -> Span | None:
    """From the start of `excerpt` in `paragraph` to its end (the words left out included), or None
    where it is not there."""
    spans = excerpt_spans(paragraph, excerpt)
    return (spans[0][0], spans[-1][1]) if spans else None


class PartProblem(NamedTuple):
    """Why an excerpt with elisions is not in its paragraph: `part` is `missing` from it, stands
    `before` the part it should follow (`previous`), or follows it with nothing left out between
    (`adjacent`)."""

    part: str
    why: str  # "missing", "before" or "adjacent"
    previous: str = ""


def part_problem(paragraph: str, excerpt: str) -> PartProblem:
    """What keeps an excerpt out of `paragraph`, to word a problem: the first part of an excerpt with
    elisions that cannot be placed, and why; for one without, the whole excerpt, missing."""
    if ELISION not in excerpt:
        return PartProblem(excerpt, "missing")
    parts = excerpt.split(ELISION)
    spans, unplaced = _placed_parts(paragraph, parts)
    if unplaced is None:
        return PartProblem(excerpt, "missing")  # never asked of an excerpt that is there
    part = parts[unplaced]
    if not part or part not in paragraph or not spans:
        return PartProblem(part, "missing")
    after = spans[-1][1]  # where the part before it ends
    return PartProblem(part, "adjacent" if paragraph.find(part, after) >= 0 else "before", parts[unplaced - 1])


def _placed_parts(paragraph: str, parts: list[str]) -> tuple[tuple[Span, ...], int | None]:
    """Each part's span, each the first after the one before with words (not only spaces) between,
    and the index of the first part that cannot be so placed (None when all are): the spans are
    those of the parts before it."""
    spans: list[Span] = []
    after = 0
    for index, part in enumerate(parts):
        start = paragraph.find(part, after) if part else -1
        while start >= 0 and spans and not paragraph[after:start].strip():
            start = paragraph.find(part, start + 1)
        if start < 0:
            return tuple(spans), index
        spans.append((start, start + len(part)))
        after = start + len(part)
    return tuple(spans), None
