"""Where things are in the text: a quote's place (an excerpt's span: tests/test_excerpts.py)."""

from anora_tui.core.excerpts import ELISION, excerpt_spans
from anora_tui.core.places import quote_location


def test_every_quote_leads_to_its_own_words(shipped_dataset):
    for quote in shipped_dataset.quotes:
        location = quote_location(shipped_dataset, quote.id)
        start, end = location.span
        paragraph = shipped_dataset.paragraph(location.id, location.paragraph)
        assert (location.id, location.paragraph) == (quote.section, quote.paragraph)
        parts = excerpt_spans(paragraph, quote.text)
        assert ELISION.join(paragraph[part_start:part_end] for part_start, part_end in parts) == quote.text
        assert (start, end) == (parts[0][0], parts[-1][1])
