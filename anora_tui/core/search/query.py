"""The query syntax, read into a `Query` of folded terms. Never raises: a query that breaks the
syntax is read as far as it can be, and its `problem` says what is wrong (the command line refuses it,
the search screen shows it while the reader types).

    words          every word must appear (anywhere, in any order)
    "a phrase"     the phrase must appear as written (an unclosed quote runs to the end, and is a
                   problem); a hyphen or dash counts as a space, in the phrase and in the text
    'a phrase'     the same, when single quotes wrap the whole term (the closing one ends a word);
                   otherwise a single quote is a character like any other (`it's`, `'90s`)
    !word          leaves out what contains the word (or !"a phrase"); alone (`!ferry`), it finds
                   everything but what contains it, as fzf's `!word` does
    @name          only what is by (quotes) or about (text) someone whose name, alias or character
                   has a word starting so

Matched literally: no character other than these few is special. Problems: an operator with nothing
after it (`!`, `@`, `""`), a quote left open, and a person left out (`!@name`: not supported).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .folding import fold_with_offsets

WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query; every string in it is already folded."""

    terms: tuple[str, ...] = ()  # words and phrases that must all appear
    excluded: tuple[str, ...] = ()  # words and phrases that must not appear
    speakers: tuple[str, ...] = ()  # names after "@": each must match the person
    text: str = field(default="", compare=False)  # as typed; str() gives it back
    problem: str = field(default="", compare=False)  # what breaks the syntax, in words; "" if nothing

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.excluded or self.speakers)

    def __str__(self) -> str:
        return self.text

    def rewritten(self, **changes: tuple[str, ...]) -> "Query":
        """A copy with some parts replaced, its text written out from its parts."""
        query = replace(self, **changes)

        def quoted(term: str) -> str:
            return f'"{term}"' if " " in term else term

        text = " ".join(
            [quoted(t) for t in query.terms]
            + [f"!{quoted(t)}" for t in query.excluded]
            + [f"@{s.replace(' ', '-')}" for s in query.speakers]  # a hyphen keeps a name one word
        )
        return replace(query, text=text, problem="")  # written out from its parts: well formed


def shown(text: str) -> str:
    """Part of a query quoted in a message, cut short."""
    return f"'{text}'" if len(text) <= 40 else f"'{text[:39]}…'"


def parse_query(text: str) -> Query:
    """Read the query syntax; anything else is literal text. Never raises (see `Query.problem`).

    A hyphen or dash folds to a space (`folding.py`), but only whitespace ends a word of the query:
    `romantic-comedy` is one term, the phrase "romantic comedy" (which also finds "romantic comedy"
    and "romantic—comedy"), and `@bettinelli-olpin` one name."""
    folded, owners = fold_with_offsets(text)
    terms: list[str] = []
    excluded: list[str] = []
    speakers: list[str] = []
    problems: list[str] = []
    position, length = 0, len(folded)

    def word_end(start: int) -> int:
        """Where the unquoted word starting here ends: at whitespace typed as whitespace."""
        end = folded.find(" ", start)
        while end >= 0 and not text[owners[end]].isspace():
            end = folded.find(" ", end + 1)
        return length if end < 0 else end

    def single_quote_closing(opening: int) -> int:
        """Where a single quote opening a term closes it: at the next one that ends a word typed
        (followed by whitespace or the end), after at least one character; 0 (false) if none does,
        and the quote is a character of the word (`'90s`; an apostrophe inside, `it's`, opens nothing)."""
        closing = folded.find("'", opening + 2)
        while closing >= 0:
            if closing + 1 == length or (folded[closing + 1] == " " and text[owners[closing + 1]].isspace()):
                return closing if folded[opening + 1] != " " else 0
            closing = folded.find("'", closing + 1)
        return 0

    def at(index: int) -> str:
        """"at character 3": where in the query as typed (1-based)."""
        return f"at character {owners[index] + 1 if index < length else len(text)}"

    while position < length:
        if folded[position] == " ":
            position += 1
            continue
        start = position
        negated = folded[position] == "!"
        position += negated
        single = position < length and folded[position] == "'" and single_quote_closing(position)
        if single or (position < length and folded[position] == '"'):
            closing = single or folded.find('"', position + 1)
            end = length if closing < 0 else closing
            token = " ".join(folded[position + 1 : end].split())
            if closing < 0:
                problems.append(f"the quote {at(position)} is not closed")
            elif not token:
                problems.append(f"the phrase {at(position)} is empty")
            position = end + 1
        else:
            end = word_end(position)
            token = " ".join(folded[position:end].split())
            position = end
            if token.startswith("@") and negated:
                problems.append(f"{shown(text[owners[start]:owners[end - 1] + 1])} {at(start)}: a person cannot be left out")
            elif token.startswith("@"):
                if WORD.search(token):
                    speakers.append(token[1:])
                else:
                    problems.append(f"'@' {at(start)} needs a name, such as @baker")
                continue
            if negated and not token:
                problems.append(f"'!' {at(start)} needs a word to leave out")
        if token:
            (excluded if negated else terms).append(token)
    if not problems and text.strip() and not (terms or excluded or speakers):
        problems.append("nothing to search for: give words or @a-name")
    # A repeated term narrows nothing further (a pasted wall of "the the the" must stay cheap).
    return Query(
        tuple(dict.fromkeys(terms)), tuple(dict.fromkeys(excluded)), tuple(dict.fromkeys(speakers)), text,
        problems[0] if problems else "",
    )
