"""The README's example of a copied quote is what `y` copies: it said "15 November 2024, §10 Shooting
the home invasion" after the date had become the article's month and section titles the editor's
bracketed ones."""

from __future__ import annotations

import re
from pathlib import Path

from anora_tui.core.quoting import cite_quote, plain_citation


def test_the_readme_copied_quote_is_the_one_the_reader_copies(shipped_dataset):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    found = re.search(r"A copied quote \(`y`\) reads, for example:\n\n```\n(.*?)\n```", readme, re.S)
    assert found, "the README's example of a copied quote is missing"
    example = found.group(1)
    quote = next(q for q in shipped_dataset.quotes if example.startswith(q.text + "\n"))
    assert example == plain_citation(cite_quote(shipped_dataset, quote))
