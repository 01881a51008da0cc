"""What each command's `--help` says above and below its options: what the command does, its exit
status, and a few examples to copy. The one-line summaries `anora-tui --help` lists are `SUMMARIES`."""

from __future__ import annotations

import textwrap

WIDTH = 78

SUMMARIES = {
    "check": "validate a dataset and print a summary",
    "paths": "print where the settings, saved place and cache live",
    "quotes": "print the quotes that match a query",
    "new": "write a dataset draft from an article's plain text, or a template",
    "schema": "print the JSON Schema of a dataset file (for editors)",
    "format": "print the description of the dataset format (Markdown)",
}

READER = (
    "A terminal reader for a film's making-of article: its sections, the people in it, their quotes and "
    "a timeline of the film's scenes and the production, read from a dataset of YAML files "
    "(`anora-tui format` describes them). Without a COMMAND it starts the reader (in a terminal)."
)

DESCRIPTIONS = {
    "check": "Validate a dataset. A good one: one summary line (its counts, and how many lines are still "
    "marked TODO) and exit status 0. A bad one: one line per problem on standard error, "
    "FILE:LINE:COL: problem, and exit status 2.",
    "paths": "Print where the settings file, the saved place and the load cache live, and which dataset "
    "is read; none of them need exist yet.",
    "quotes": "Print the quotes that match a query, best match first, in the reader's search syntax. "
    "Exit status as grep's: 0 found, 1 nothing found (said on standard error), 2 bad input (a query "
    "that breaks the syntax, a name that is no one).",
    "new": "Write a dataset draft into DIR from an article's plain text (the title on the first line, "
    "paragraphs separated by blank lines): sections, candidate people and quotes, every guess marked "
    "TODO. With DIR alone, a commented template of every file. Bad input is one line and exit "
    "status 2, with nothing written.",
    "schema": "Print the JSON Schema of a dataset file (UTF-8 JSON), for an editor's YAML support.",
    "format": "Print the description of the dataset format (Markdown), as installed with the command.",
}

EXAMPLES = {
    None: ["anora-tui                       read the shipped article",
           "anora-tui --data mydata         read another dataset",
           "anora-tui help quotes           a command's own help (or: anora-tui quotes --help)"],
    "check": ["anora-tui check --data mydata"],
    "quotes": ["anora-tui quotes romantic comedy",
               "anora-tui quotes --speaker sean baker",
               "anora-tui quotes '\"home invasion\"' '!comedy' --format markdown",
               "anora-tui quotes @madison --format jsonl | jq -r .text"],
    "new": ["anora-tui new article.txt mydata    a draft from the text",
            "anora-tui new - mydata < page.txt   the same, the text piped in",
            "anora-tui new mydata                a template",
            "anora-tui check --data mydata       then check it"],
    "schema": ["anora-tui schema > dataset.schema.json"],
    "format": ["anora-tui format | less", "anora-tui format --path"],
}


def description(command: str | None) -> str:
    """The text above a command's options, wrapped (the help is laid out as written)."""
    return textwrap.fill(DESCRIPTIONS[command] if command else READER, WIDTH)


def epilog(command: str | None) -> str | None:
    examples = EXAMPLES.get(command)
    return "examples:\n" + "\n".join(f"  {example}" for example in examples) if examples else None
