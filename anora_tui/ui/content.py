"""Data text as Textual content: literal, never markup, never control sequences."""

from __future__ import annotations

from textual.content import Content

from ..core.text import clean_text

# Put before a record's `outside_article` text wherever it is shown, so that what the dataset's editor
# knows from elsewhere is never taken for what the article says.
OUTSIDE_ARTICLE_LABEL = "Not in the article: "


def plain(text: str) -> Content:
    """Data text as displayable content (the loader already cleans what it reads; this also covers
    datasets built in code)."""
    return Content(clean_text(text))
