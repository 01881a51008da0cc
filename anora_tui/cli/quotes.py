"""`anora-tui quotes [QUERY ...] [--speaker NAME] [--format FORMAT]`: print the quotes a search finds.

Formats (every one names each quote's form: only direct quotes are set in quotation marks):
  text      one line per quote, best match first, `speaker · section · quote`, for grep and cut, then
            `· Editor's note: the source says «…». …` for each editorial note on the quote's words
  json      one JSON document: the query, the counts and a record per quote with its citation
  jsonl     one JSON record per line (for head, grep, jq -c)
  markdown  each quote as a blockquote with its citation
  csl-json  a JSON array of CSL-JSON items (type article-magazine) that Zotero and pandoc read

Exit status as grep's: 0 found, 1 nothing found (also said on stderr), 2 bad input (a query that
breaks the syntax, see `core/search/query.py`; a name that is no one).
"""

from __future__ import annotations

import argparse
import json
from typing import Callable, Iterable

from ..core.model import Dataset
from ..core.quoting import (
    cite_quote, csl_item, json_fields, markdown_citation, note_line, notes_on_words, shown_quote, shown_title,
)
from ..core.search import Hit, Query, QuoteIndex, fold_text, name_split_by_a_space, parse_query
from . import output
from .arguments import typed_text

SEPARATOR = " · "
FORMATS = ("text", "json", "jsonl", "markdown", "csl-json")


def add_quotes_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query",
        nargs="*",
        default=[],
        type=typed_text,
        metavar="QUERY",
        help='words (all must match), "a phrase", !excluded, @speaker; none: every quote. '
        "Several words are one query, as typed in the reader's search",
    )
    parser.words = "query"  # joined into one string, wherever the words stand (see `ArgumentParser`)
    # Several words, quoted or not (`--speaker sean baker`): the longest run of them that names
    # someone is the name, and any words after it join the query (see `split_speaker`).
    parser.add_argument("--speaker", metavar="NAME", nargs="+", action=_JoinedWords, type=typed_text,
                        help="only quotes by this person (any name they are known by, or their character's); "
                        "a name of several words needs no quotes: --speaker sean baker")
    parser.add_argument("--format", choices=FORMATS, default=None, type=typed_text,
                        help="text (default), json, jsonl (one record a line), markdown or csl-json")
    parser.add_argument("--json", action="store_true", help="the same as --format json")


class _JoinedWords(argparse.Action):
    """The words of a name as one string, as if quoted (`--speaker sean baker`)."""

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, " ".join(values))


def split_speaker(index: QuoteIndex, name: str) -> tuple[str, str]:
    """`--speaker`'s words as the name and the words after it: the longest run of them from the
    first that names someone (`baker ferry`: `baker`, then `ferry` searched for); all of them as the
    name if no run does (said as no one)."""
    words = name.split()
    for end in range(len(words), 0, -1):
        if index.speakers_matching((fold_text(" ".join(words[:end])),)):
            return " ".join(words[:end]), " ".join(words[end:])
    return name, ""


def run_quotes(args: argparse.Namespace, dataset: Dataset) -> int:
    output_format = args.format or ("json" if args.json else "text")
    if args.json and args.format not in (None, "json"):
        _complain(f"--json and --format {args.format} disagree: give one")
        return 2
    index = QuoteIndex(dataset)
    if args.speaker is not None:
        args.speaker, more_words = split_speaker(index, args.speaker)
        args.query = " ".join(filter(None, (args.query, more_words)))
    query = parse_query(args.query)
    if query.problem:
        _complain(f"bad query {args.query!r}: {query.problem}")
        return 2
    # Every name asked for, as the reader gave it: one that is no one is bad input, however given.
    names = [(f"@{speaker}", speaker) for speaker in query.speakers]
    if args.speaker is not None:
        names.append((f"--speaker {args.speaker!r}", fold_text(args.speaker)))
    for given, speaker in names:
        if not index.speakers_matching((speaker,)):
            _complain(f"{given}: no such person or character")
            return 2
    if args.speaker is not None:
        query = query.rewritten(speakers=query.speakers + (names[-1][1],))
    hits = index.search(query).hits
    write = WRITERS[output_format]
    for text in FORMATTERS[output_format](args, index, hits):
        write(text)
    if not hits:
        _complain(f"no quotes match {_described(args)}{_name_hint(index, query)}")
        return 1
    return 0


def _name_hint(index: QuoteIndex, query: Query) -> str:
    """`@sean baker` is quotes by a Sean that hold "baker": when none do and Sean Baker's do, how to
    ask for them ("" otherwise); the search screen says the same (`name_split_by_a_space`)."""
    joined = name_split_by_a_space(index, query)
    if joined is None:
        return ""
    name = joined.speakers[-1]
    return f"; for quotes by {name!r}, join the name's words with a hyphen: @{name.replace(' ', '-')}"


def _complain(message: str) -> None:
    output.warn(message)


def _described(args: argparse.Namespace) -> str:
    parts = [repr(args.query)] if args.query else []
    if args.speaker is not None:
        parts.append(f"by {args.speaker!r}")
    return " ".join(parts) or "(the dataset has no quotes)"


# --- the formats: each yields lines -------------------------------------------------------------


def _as_text(args: argparse.Namespace, index: QuoteIndex, hits) -> Iterable[str]:
    dataset = index.dataset
    for hit in hits:
        quote = hit.quote
        fields = (
            dataset.people_by_id[quote.speaker].name,
            shown_title(dataset, dataset.sections_by_id[quote.section]),
            str(shown_quote(quote.text, quote.form)),
            *map(note_line, notes_on_words(dataset, quote.section, quote.paragraph, quote.text)),
        )
        yield SEPARATOR.join(" ".join(field.split()) for field in fields)  # one line, whatever the data


def _as_json(args: argparse.Namespace, index: QuoteIndex, hits) -> Iterable[str]:
    document = {
        "query": args.query,
        "speaker": args.speaker,
        "count": len(hits),
        "total": index.total,
        "quotes": [record(hit, index.dataset) for hit in hits],
    }
    yield json.dumps(document, ensure_ascii=False, indent=2)


def _as_jsonl(args: argparse.Namespace, index: QuoteIndex, hits) -> Iterable[str]:
    for hit in hits:
        yield json.dumps(record(hit, index.dataset), ensure_ascii=False)


def _as_markdown(args: argparse.Namespace, index: QuoteIndex, hits) -> Iterable[str]:
    for number, hit in enumerate(hits):
        if number:
            yield ""
        yield markdown_citation(cite_quote(index.dataset, hit.quote)).rstrip("\n")


def _as_csl_json(args: argparse.Namespace, index: QuoteIndex, hits) -> Iterable[str]:
    items = [csl_item(cite_quote(index.dataset, hit.quote)) for hit in hits]
    yield json.dumps(items, ensure_ascii=False, indent=2)


# How each format's pieces are written (`output`: cleaned, `| head` and a full disk handled there):
# text one line each, Markdown blocks as they are laid out, JSON exact with escapes.
WRITERS: dict[str, Callable[[str], None]] = {
    "text": output.write_line,
    "json": output.write_json_text,
    "jsonl": output.write_json_text,
    "markdown": output.write_text,
    "csl-json": output.write_json_text,
}

FORMATTERS: dict[str, Callable[[argparse.Namespace, QuoteIndex, object], Iterable[str]]] = {
    "text": _as_text,
    "json": _as_json,
    "jsonl": _as_jsonl,
    "markdown": _as_markdown,
    "csl-json": _as_csl_json,
}


def record(hit: Hit, dataset: Dataset) -> dict:
    """One quote as JSON: what it is, who said it, where, what matched, and its citation."""
    quote = hit.quote
    return {
        "id": quote.id,
        "speaker": dataset.people_by_id[quote.speaker].name,
        "speaker_id": quote.speaker,
        "section": dataset.sections_by_id[quote.section].title,
        "section_id": quote.section,
        "paragraph": quote.paragraph,
        "text": quote.text,
        "spans": [list(span) for span in hit.spans],
        **json_fields(cite_quote(dataset, quote)),
    }
