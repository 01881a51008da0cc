"""How a quote is shown (the one rule for its form) and how it is cited. Pure Python.

The rule, everywhere a quote is shown (reading pane, person detail, search, palette, `quotes`):
a `direct` quote is the speaker's words, set in quotation marks; `reported` speech and
`first-person` recollections the source rewrote are not the speaker's verbatim words, so they are
never set in quotation marks and always carry their label.

A `Citation` is a quote (or a paragraph) with everything needed to cite it: speaker, article,
publication, date, section and paragraph. It is written out as plain text (the clipboard), Markdown,
JSON fields and CSL-JSON (which Zotero and pandoc read).
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from .excerpts import excerpt_span
from .model import Article, Dataset, Note, Quote, Section
from .text import NOTE_LABEL, note_wording

OPEN_QUOTE, CLOSE_QUOTE = "“", "”"
FORM_LABELS = {
    "direct": "",
    "reported": "reported",
    "first-person": "retold in the first person",
}
# In a citation, what the label means, in full.
FORM_CREDITS = {
    "direct": "quoted",
    "reported": "reported (not a verbatim quote)",
    "first-person": "retold by the article in the first person (not a verbatim quote)",
}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


class ShownQuote(NamedTuple):
    """A quote's text as it is shown: `opening + text + closing`, then the label if there is one."""

    opening: str
    text: str
    closing: str
    label: str  # "" for a direct quote

    def __str__(self) -> str:
        return f"{self.opening}{self.text}{self.closing}" + (f" ({self.label})" if self.label else "")


def form_label(form: str) -> str:
    """"reported", "retold in the first person", or "" for a direct quote."""
    return FORM_LABELS.get(form, form)


def shown_quote(text: str, form: str) -> ShownQuote:
    """The form rule: only direct quotes go in quotation marks; the others carry their label."""
    if form == "direct":
        return ShownQuote(OPEN_QUOTE, text, CLOSE_QUOTE, "")
    return ShownQuote("", text, "", form_label(form))


# How a credit line names what a speaker's quotes in one paragraph are, when they are not all direct.
CREDIT_FORMS = {"direct": "quoted", "reported": "reported", "first-person": "retold in the first person"}


def speaker_credits(quotes: Iterable[Quote]) -> list[tuple[str, str]]:
    """Who is quoted in a paragraph, each speaker once in order of their first quote, with the label
    their credit carries: "" when all their quotes there are direct, else every form they have there,
    "reported" or "quoted and reported" (never "Quan, Quan (reported)")."""
    forms: dict[str, dict[str, None]] = {}
    for quote in quotes:
        forms.setdefault(quote.speaker, {})[quote.form] = None
    return [(speaker, _forms_label(list(theirs))) for speaker, theirs in forms.items()]


def _forms_label(forms: list[str]) -> str:
    if forms == ["direct"]:
        return ""
    if len(forms) == 1:
        return form_label(forms[0])
    words = [CREDIT_FORMS.get(form, form) for form in sorted(forms, key=list(CREDIT_FORMS).index)]
    return ", ".join(words[:-1]) + " and " + words[-1]


class Citation(NamedTuple):
    """What is cited (a quote, or a paragraph of the text) and where it comes from."""

    text: str
    form: str  # a quote's form; "text" for a paragraph
    speaker: str  # the speaker's name; "" for a paragraph
    speaker_id: str
    quote_id: str
    article_title: str
    publication: str
    date: str  # as in the data: YYYY-MM-DD, YYYY-MM or YYYY
    section_id: str
    section_number: int  # 1-based
    section_title: str
    paragraph: int  # 1-based within the section
    # The editorial notes on the cited words: a slip inside a quote leaves the reader with its correction.
    notes: tuple[Note, ...] = ()
    title_by_editor: bool = False  # the source has no headings: the section's title is the editor's

    @property
    def section(self) -> str:
        """"§5 Shooting the invasion", or "§5 [Shooting the invasion]" where the title is the editor's
        (square brackets: an editor's words in a citation)."""
        return f"§{self.section_number} {section_heading(self.section_title, self.title_by_editor)}"

    @property
    def place(self) -> str:
        """"§5 Shooting the invasion, ¶3"."""
        return f"{self.section}, ¶{self.paragraph}"

    @property
    def shown(self) -> ShownQuote:
        if self.form == "text":
            return ShownQuote("", self.text, "", "")
        return shown_quote(self.text, self.form)


def cite_quote(dataset: Dataset, quote: Quote) -> Citation:
    return _citation(dataset, quote.text, quote.form, quote.section, quote.paragraph,
                     dataset.people_by_id[quote.speaker].name, quote.speaker, quote.id)


def notes_on_words(dataset: Dataset, section_id: str, paragraph: int, words: str) -> tuple[Note, ...]:
    """The editorial notes on any of `words` where they stand in the paragraph (a quote, or the whole
    paragraph), in the order of the words they are on (the order `Dataset.notes_in` keeps)."""
    notes = dataset.notes_in(section_id, paragraph)
    if not notes:
        return ()
    text = dataset.paragraph(section_id, paragraph)
    start, end = excerpt_span(text, words) or (-1, -1)

    def on_words(note: Note) -> bool:
        at = text.find(note.says)
        # Words that cannot be placed (never so in checked data) keep every note: better one note too
        # many than a slip passed on as fact.
        return start < 0 or at < 0 or (at < end and start < at + len(note.says))

    return tuple(filter(on_words, notes))


def note_line(note: Note) -> str:
    """"Editor's note: the source says «…». What is right.", worded as the reading pane words it."""
    return f"{NOTE_LABEL}{note_wording(one_line(note.says), one_line(note.correction))[0]}"


def section_heading(title: str, by_editor: bool) -> str:
    """A section's title as shown and cited: in square brackets, an editor's words, where the source
    has no headings and the title is the dataset editor's."""
    return f"[{title}]" if by_editor else title


def shown_title(dataset: Dataset, section: Section) -> str:
    return section_heading(section.title, dataset.article.headings == "editor")


def section_label(dataset: Dataset, section: Section) -> str:
    """"§5 Shooting the invasion", "§5 [Shooting the invasion]" where the title is the editor's: how
    every list, citation and search result names a section."""
    return f"§{section.index + 1} {shown_title(dataset, section)}"


def place_label(dataset: Dataset, section_id: str, paragraph: int) -> str:
    """"§5 Shooting the invasion ¶3" (brackets as `section_label`)."""
    return f"{section_label(dataset, dataset.sections_by_id[section_id])} ¶{paragraph}"


def cite_paragraph(dataset: Dataset, section_id: str, paragraph: int) -> Citation:
    return _citation(dataset, dataset.paragraph(section_id, paragraph), "text", section_id, paragraph, "", "", "")


def _citation(dataset: Dataset, text: str, form: str, section_id: str, paragraph: int,
              speaker: str, speaker_id: str, quote_id: str) -> Citation:
    article = dataset.article
    section = dataset.sections_by_id[section_id]
    return Citation(text, form, speaker, speaker_id, quote_id, article.title, article.publication, article.date,
                    section_id, section.index + 1, section.title, paragraph,
                    notes_on_words(dataset, section_id, paragraph, text), article.headings == "editor")


def publication_line(article: Article) -> str:
    """The title bar's second part: "The Hollywood Reporter, November 2024"."""
    return f"{article.publication}, {readable_date(article.date)}"


def readable_date(date: str) -> str:
    """"2024-11-15" → "15 November 2024"; "2024-11" → "November 2024"; anything else as it is."""
    parts = date.split("-")
    if not all(part.isdigit() for part in parts) or not 1 <= len(parts) <= 3:
        return date
    if len(parts) >= 2 and not 1 <= int(parts[1]) <= 12:
        return date
    words = [parts[0]]
    if len(parts) >= 2:
        words.insert(0, MONTHS[int(parts[1]) - 1])
    if len(parts) == 3:
        words.insert(0, str(int(parts[2])))
    return " ".join(words)


def source_line(citation: Citation) -> str:
    """"— Drew Daniels, reported (not a verbatim quote) in “Title”, Publication, 15 November 2024,
    §5 Section, ¶3"."""
    source = (f"“{citation.article_title}”, {citation.publication}, {readable_date(citation.date)}, "
              f"{citation.place}")
    if not citation.speaker:
        return f"— from {source}"
    return f"— {citation.speaker}, {FORM_CREDITS.get(citation.form, citation.form)} in {source}"


def plain_citation(citation: Citation) -> str:
    """The quote as shown, then where it comes from, on its own line, then any editorial note on its
    words, one a line: what the clipboard gets."""
    shown = citation.shown
    lines = [f"{shown.opening}{one_line(shown.text)}{shown.closing}", source_line(citation)]
    lines += map(note_line, citation.notes)
    return "\n".join(lines)


_MARKDOWN_INLINE = re.compile(r"([\\`*_{}\[\]<>|~])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#+=>-])")
_MARKDOWN_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])")


def markdown_escape(text: str) -> str:
    """One line of text shown literally by a Markdown renderer: inline markup characters escaped,
    and a start that would make a heading, list or quote."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", text)
    if _MARKDOWN_LIST_NUMBER.match(escaped):
        return _MARKDOWN_LIST_NUMBER.sub(r"\1\\\2", escaped, count=1)
    return _MARKDOWN_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped, count=1)


def markdown_citation(citation: Citation) -> str:
    """A blockquote of the quote, then the citation under it and any editorial note on its words,
    inside the blockquote."""
    shown = citation.shown
    body = f"{shown.opening}{markdown_escape(one_line(shown.text))}{shown.closing}"
    source = markdown_escape(source_line(citation))
    notes = "".join(f">\n> {markdown_escape(note_line(note))}\n" for note in citation.notes)
    return f"> {body}\n>\n> {source}\n{notes}"


def json_fields(citation: Citation) -> dict:
    """The citation as flat JSON fields (the `quotes --format json` record adds its own)."""
    return {
        "form": citation.form,
        "shown": str(citation.shown),
        "article_title": citation.article_title,
        "publication": citation.publication,
        "date": citation.date,
        "section_number": citation.section_number,
        "section_title": citation.section_title,
        "section_title_by": "editor" if citation.title_by_editor else "source",
        "paragraph": citation.paragraph,
        "citation": source_line(citation).removeprefix("— "),
        "editor_notes": [
            {"id": note.id, "says": note.says, "correction": note.correction} for note in citation.notes
        ],
    }


def csl_item(citation: Citation) -> dict:
    """A CSL-JSON item of type `article-magazine`: the article, with the quote and its place as
    the note (CSL has no field for a quotation; the item's id is the quote's)."""
    item: dict = {
        "id": citation.quote_id or f"{citation.section_id}-{citation.paragraph}",
        "type": "article-magazine",
        "title": citation.article_title,
        "container-title": citation.publication,
        "issued": {"date-parts": [[int(part) for part in citation.date.split("-") if part.isdigit()]]},
        "section": citation.section,
        "note": f"{str(citation.shown)}"
                + (f" — {citation.speaker}" if citation.speaker else "") + f" ({citation.place})"
                + "".join(f" {note_line(note)}" for note in citation.notes),
    }
    if not item["issued"]["date-parts"][0]:
        item["issued"] = {"raw": citation.date}
    return item


def one_line(text: str) -> str:
    """Whitespace runs (line breaks in the data included) as single spaces."""
    return " ".join(text.split())
