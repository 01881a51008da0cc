"""Live search over the quotes and the article's text. Pure Python: never imports Textual or Rich.

Query syntax (`query.py`): words, "a phrase", !leave-out, @name. Matching is case- and
accent-insensitive, and typographic quotes, apostrophes and dashes match their plain forms
(`folding.py`). Hits are ranked: whole words and phrases first, then word prefixes, then matches
inside words; ties keep article order. Each scope's index (`quotes.py`, `paragraphs.py`) is a
`ScopeIndex` (`scope_index.py`): a `TextIndex` (`text_index.py`: an inverted index of bitsets,
`bitsets.py`) searched the same way in both, with the scope's own `@name` filter;
people are found by every name a reader might use (`names.py`, also behind the command palette and
the People filter). Results are materialised lazily, a page at a time (`results.py`).
"""

from .bitsets import bits_from_positions, positions_of
from .folding import fold_char, fold_text, fold_with_offsets, match_spans, original_span
from .indexes import SearchIndexes
from .names import (
    EXACT,
    PREFIXES,
    START,
    WORDS,
    NameIndex,
    NameMatch,
    PeopleNames,
    finding_names,
    word_prefix_spans,
    words_within,
)
from .paragraphs import ParagraphIndex
from .query import Query, parse_query
from .quotes import QuoteIndex
from .results import (
    SCOPES,
    AnyHit,
    Hit,
    HitList,
    ParagraphHit,
    Scope,
    SearchResult,
    counted,
    match_number,
    name_split_by_a_space,
    step_match,
    suggest_loosening,
)
from .text_index import INNER, PREFIX, WHOLE, TextIndex

__all__ = [
    "EXACT",
    "PREFIXES",
    "START",
    "WORDS",
    "INNER",
    "PREFIX",
    "SCOPES",
    "WHOLE",
    "AnyHit",
    "Hit",
    "HitList",
    "NameIndex",
    "NameMatch",
    "ParagraphHit",
    "ParagraphIndex",
    "PeopleNames",
    "Query",
    "QuoteIndex",
    "Scope",
    "SearchIndexes",
    "SearchResult",
    "TextIndex",
    "bits_from_positions",
    "counted",
    "finding_names",
    "fold_char",
    "fold_text",
    "fold_with_offsets",
    "match_number",
    "match_spans",
    "name_split_by_a_space",
    "original_span",
    "parse_query",
    "positions_of",
    "step_match",
    "suggest_loosening",
    "word_prefix_spans",
    "words_within",
]
