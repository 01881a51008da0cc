"""Where things are in the text: one function finds an excerpt's span, for quotes and notes alike."""

from anora_tui.core.places import excerpt_span, quote_location


def test_excerpt_span_finds_the_first_occurrence():
    assert excerpt_span("a cat and a cat", "cat") == (2, 5)


def test_excerpt_span_of_a_missing_or_empty_excerpt_is_none():
    assert excerpt_span("a cat", "dog") is None
    assert excerpt_span("a cat", "") is None


def test_every_quote_leads_to_its_own_words(shipped_dataset):
    for quote in shipped_dataset.quotes:
        location = quote_location(shipped_dataset, quote.id)
        start, end = location.span
        paragraph = shipped_dataset.paragraph(location.id, location.paragraph)
        assert (location.id, location.paragraph) == (quote.section, quote.paragraph)
        assert paragraph[start:end] == quote.text
