"""Data text as Textual content: literal, never markup. The loader cleans every string it reads of
control sequences (`core.text.clean_text`), once, at load: views show data text as it is."""

from __future__ import annotations

from textual.content import Content

# Put before a record's `outside_article` text wherever it is shown, so that what the dataset's editor
# knows from elsewhere is never taken for what the article says.
OUTSIDE_ARTICLE_LABEL = "Not in the article: "


def plain(text: str) -> Content:
    """Data text as displayable content, never parsed as markup."""
    return Content(text)
