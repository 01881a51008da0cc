"""Why a paragraph is listed among a person's mentions, in words: the one table the mentions list,
the help screen and the counts read. Pure Python.

A person's mentions are the paragraphs that name them by a name the article uses for them, and the
paragraphs where an editor's note says a slip is about them (`refers_to`). Those are told apart,
truthfully: a paragraph may name only a character they play ("Igor"), or not name them at all ("the
individual", "he", or a wrong name such as "Anora" for Madison: only the note says who is meant). A
paragraph that does name them may carry a note correcting what it says of them ("Coco, the costume
designer"): that is flagged too, so no slip reads as fact.
"""

from __future__ import annotations

from enum import Enum
from typing import Iterable, NamedTuple

from .model import Dataset, Mention, NameFinder, Note


class MentionKind(Enum):
    NAMED = "named"  # the paragraph names them; no note is about them
    NAMED_WITH_NOTE = "named-with-note"  # names them, and a note corrects something about them
    AS_CHARACTER = "as-character"  # names only a character they play; a note is about them
    NOTE_ONLY = "note-only"  # does not name them: only an editor's note says it is about them


# The wording, everywhere a mention's kind is shown.
MENTION_WORDING: dict[MentionKind, str] = {
    MentionKind.NAMED: "named in the text",
    MentionKind.NAMED_WITH_NOTE: "named in the text, with an editor's note",
    MentionKind.AS_CHARACTER: "named as a character they play, with an editor's note",
    MentionKind.NOTE_ONLY: "not named: only in an editor's note",
}


class MentionReason(NamedTuple):
    """Why a paragraph is listed among a person's mentions, and what in it to point at."""

    kind: MentionKind
    span: tuple[int, int] | None  # the words to point at in the paragraph (a naming, or a note's)

    @property
    def wording(self) -> str:
        return MENTION_WORDING[self.kind]

    @property
    def flagged(self) -> bool:
        """Whether the row needs its wording shown (a plain naming speaks for itself)."""
        return self.kind is not MentionKind.NAMED


def mention_reason(dataset: Dataset, person_id: str, mention: Mention) -> MentionReason:
    """Why the paragraph is among the person's mentions (see the module docstring)."""
    notes = [n for n in dataset.notes_in(mention.section, mention.paragraph) if person_id in n.refers_to]
    if mention.spans:
        kind = MentionKind.NAMED_WITH_NOTE if notes else MentionKind.NAMED
        return MentionReason(kind, mention.spans[0])
    text = dataset.paragraph(mention.section, mention.paragraph)
    own_characters = [c for c in dataset.characters if c.played_by == person_id]
    if own_characters:
        found = NameFinder(own_characters).find(text)
        if found:
            return MentionReason(MentionKind.AS_CHARACTER, found[0][1:])
    return MentionReason(MentionKind.NOTE_ONLY, _says_span(notes[0], text) if notes else None)


def _says_span(note: Note, text: str) -> tuple[int, int] | None:
    start = text.find(note.says)
    return (start, start + len(note.says)) if start >= 0 else None


def mention_summary(mentions: Iterable[Mention]) -> str:
    """"named in 5 paragraphs", with the paragraphs listed only through an editor's note said apart:
    "named in 5 paragraphs, 1 more in a note". The text search's `@name` finds the first kind (and
    the paragraphs quoting them)."""
    named = noted = 0
    for mention in mentions:
        if mention.spans:
            named += 1
        else:
            noted += 1
    in_notes = "in a note" if noted == 1 else "in notes"
    if not named and noted:
        return f"not named; {count_phrase(noted, 'paragraph')} {in_notes}"
    summary = f"named in {count_phrase(named, 'paragraph')}"
    return summary + (f", {noted} more {in_notes}" if noted else "")


def count_phrase(number: int, noun: str) -> str:
    """"1 quote", "5 quotes"."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
