"""Finding a record in a dataset by words it contains, for tests that pin facts of the data."""

from __future__ import annotations

from dataclasses import fields

from anora_tui.core.model import Dataset, Quote


def made_fields(dataset: Dataset) -> set[str]:
    """The dataset's lookups and collections made so far (a cached dataset makes them as they are read)."""
    return {f.name for f in fields(Dataset)} & set(vars(dataset))


def quote_containing(dataset: Dataset, words: str) -> Quote:
    """The one quote whose text contains `words`."""
    matches = [quote for quote in dataset.quotes if words in quote.text]
    assert len(matches) == 1, f"{len(matches)} quotes contain {words!r}"
    return matches[0]


def paragraph_containing(dataset: Dataset, words: str) -> tuple[str, int]:
    """(section id, paragraph number) of the one paragraph that contains `words`."""
    found = [
        (section.id, number)
        for section in dataset.sections
        for number, text in enumerate(section.paragraphs, start=1)
        if words in text
    ]
    assert len(found) == 1, f"{len(found)} paragraphs contain {words!r}"
    return found[0]
