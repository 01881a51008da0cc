"""`anora-tui quotes [QUERY] [--speaker NAME] [--json]`: print the quotes a search finds.

Plain output is one line per quote, best match first, `speaker · section · text`, for grep, cut and
friends; `--json` prints one JSON document. Exit status as grep's: 0 found, 1 nothing found,
2 bad input.
"""

from __future__ import annotations

import argparse

from ..core.model import Dataset
from ..core.search import Hit, QuoteIndex, fold_text, parse_query
from . import output

SEPARATOR = " · "


def add_quotes_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query",
        nargs="?",
        default="",
        metavar="QUERY",
        help='words (all must match), "a phrase", !excluded, @speaker; none: every quote',
    )
    parser.add_argument("--speaker", metavar="NAME", help="only quotes by this person (or their character)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def run_quotes(args: argparse.Namespace, dataset: Dataset) -> int:
    index = QuoteIndex(dataset)
    query = parse_query(args.query)
    if args.speaker is not None:
        speaker = fold_text(args.speaker)
        if not index.speakers_matching((speaker,)):
            output.warn(f"--speaker {args.speaker!r}: no such person or character", who="anora-tui quotes")
            return 2
        query = query.rewritten(speakers=query.speakers + (speaker,))
    hits = index.search(query).hits
    # Through `output`: cleaned, and a closed pipe (`| head`) or a full disk handled there.
    if args.json:
        output.write_json({
            "query": args.query,
            "speaker": args.speaker,
            "count": len(hits),
            "total": index.total,
            "quotes": [_as_json(hit, dataset) for hit in hits],
        })
    else:
        for hit in hits:
            output.write_line(_as_line(hit, dataset))
    return 0 if hits else 1


def _as_line(hit: Hit, dataset: Dataset) -> str:
    quote = hit.quote
    fields = (
        dataset.people_by_id[quote.speaker].name,
        dataset.sections_by_id[quote.section].title,
        quote.text,
    )
    return SEPARATOR.join(" ".join(field.split()) for field in fields)  # one line, whatever the data


def _as_json(hit: Hit, dataset: Dataset) -> dict:
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
    }
