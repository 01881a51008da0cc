"""A dataset draft from an article's plain text (`anora-tui new ARTICLE.txt DIR`). Pure Python.

The text is read as: the first line is the title; paragraphs are separated by blank lines (a
paragraph's lines are joined by single spaces, so hard-wrapped text is unwrapped; nothing else is
changed). A short one-line paragraph that reads like a heading (see `_heading`) starts a section
and becomes its title; without any, the paragraphs are grouped into sections of about
`PARAGRAPHS_PER_SECTION`, with placeholder titles.

Everything the draft guesses is marked with `TODO` (see `TODO`), in the value where the value is
text, else in a comment on the same line, so `anora-tui check` can count what is left.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..mentions import NameFinder
from ..model import Person
from ..text import clean_text
from .names import Candidate, find_candidates, slug, unique

TODO = "TODO"
PARAGRAPHS_PER_SECTION = 6
HEADING_MAX_CHARACTERS = 70
HEADING_MAX_WORDS = 10
QUOTE_ID_WORDS = 5
UNKNOWN_SPEAKER_ID = "unknown-speaker"


class DraftError(ValueError):
    """The text cannot make a draft (the message says why, in one line)."""


@dataclass
class DraftSection:
    id: str
    title: str
    paragraphs: list[str]
    title_guessed: bool  # a placeholder, not a heading of the text


@dataclass
class DraftQuote:
    id: str
    text: str
    section: str
    paragraph: int  # 1-based
    speaker: str  # person id
    how: str  # how the speaker was guessed, for the author


@dataclass
class DraftPerson:
    id: str
    name: str
    aliases: list[str]
    uses: int  # times the name (or alias) is used
    placeholder: bool = False  # not found in the text: the speaker of quotes no name is near
    thing: bool = False  # a place's or a title's name, by its uses: never guessed as a speaker


@dataclass
class Draft:
    title: str
    year: str  # a guess at the publication date
    sections: list[DraftSection]
    people: list[DraftPerson]
    quotes: list[DraftQuote] = field(default_factory=list)
    year_found: bool = True  # the year is the latest the text mentions (else a stand-in)


# --- text -> paragraphs -----------------------------------------------------------------------

_BLANK_LINES = re.compile(r"\n[ \t\f\v]*\n\s*")
_MARKDOWN_HEADING = re.compile(r"#{1,6}\s+(.+?)\s*#*\Z")
_SENTENCE_END = tuple(".,;:!?…\"“”‘’'»«)]")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def split_text(text: str) -> tuple[str, list[str]]:
    """The title (first line) and the paragraphs after it, each on one line."""
    text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n")).lstrip("\ufeff")
    blocks = [block for block in _BLANK_LINES.split(text.strip()) if block.strip()]
    if not blocks:
        raise DraftError("the text is empty (only blank lines)")
    first_lines = blocks[0].split("\n", 1)
    title = " ".join(first_lines[0].split())
    rest = blocks[1:] if len(first_lines) == 1 else [first_lines[1], *blocks[1:]]
    paragraphs = [" ".join(line.strip() for line in block.split("\n") if line.strip()) for block in rest]
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    if not paragraphs:
        raise DraftError("the text has a title line but no paragraphs (separate paragraphs with blank lines)")
    return title, paragraphs


def _heading(paragraph: str) -> str | None:
    """The heading a paragraph is, or None: a Markdown heading (`## Title`), or one short line that
    starts with a capital or digit and ends without sentence punctuation or quotation marks."""
    markdown = _MARKDOWN_HEADING.match(paragraph)
    if markdown:
        return markdown.group(1)
    if (
        len(paragraph) <= HEADING_MAX_CHARACTERS
        and len(paragraph.split()) <= HEADING_MAX_WORDS
        and (paragraph[0].isupper() or paragraph[0].isdigit())
        and not paragraph.endswith(_SENTENCE_END)
        and not any(mark in paragraph for mark in "“”\"")
    ):
        return paragraph
    return None


def _sections(paragraphs: list[str]) -> list[DraftSection]:
    headings = [_heading(paragraph) for paragraph in paragraphs]
    # A heading must head something: one followed by another heading (or nothing) is a paragraph.
    for index, heading in enumerate(headings):
        if heading is not None and (index + 1 == len(headings) or headings[index + 1] is not None):
            headings[index] = None
    taken: set[str] = set()
    if any(heading is not None for heading in headings):
        groups: list[tuple[str | None, list[str]]] = []
        for paragraph, heading in zip(paragraphs, headings):
            if heading is not None:
                groups.append((heading, []))
            else:
                if not groups:
                    groups.append((None, []))
                groups[-1][1].append(paragraph)
    else:
        count = math.ceil(len(paragraphs) / PARAGRAPHS_PER_SECTION)
        size, extra = divmod(len(paragraphs), count)
        groups, start = [], 0
        for number in range(count):
            end = start + size + (1 if number < extra else 0)
            groups.append((None, paragraphs[start:end]))
            start = end
    sections = []
    headed = any(heading is not None for heading, _ in groups)
    for number, (heading, group) in enumerate(groups, start=1):
        if heading is None and headed:  # the paragraphs before the text's first heading
            title, section_id = f"{TODO}: a title for the paragraphs before the first heading", "opening"
            taken.add(section_id)
        elif heading is None:
            title, section_id = f"{TODO}: part {number}", unique(f"part-{number}", taken)
        else:
            title, section_id = heading, unique(slug(heading, "section"), taken)
        sections.append(DraftSection(section_id, title, group, heading is None))
    return sections


# --- quotes and their speakers --------------------------------------------------------------------

_SPEECH_VERBS = (
    "say says said recall recalls recalled add adds added explain explains explained admit admits "
    "admitted note notes noted tell tells told remember remembers remembered continue continues "
    "continued joke jokes joked insist insists insisted reflect reflects reflected laugh laughs laughed "
    "write writes wrote recount recounts recounted describe describes described confess confesses "
    "confessed state states stated mention mentions mentioned put puts observe observes observed "
    "argue argues argued reveal reveals revealed remark remarks remarked comment comments commented "
    "declare declares declared exclaim exclaims exclaimed share shares shared emphasise emphasises "
    "emphasised emphasize emphasizes emphasized suggest suggests suggested acknowledge acknowledges "
    "acknowledged reply replies replied answer answers answered ask asks asked elaborate elaborates "
    "elaborated concede concedes conceded muse muses mused"
).split()
_VERB = "(?:" + "|".join(_SPEECH_VERBS) + r")\b"
# Between a quote's end and the name after it: "…,” Baker says" / "…,” says Baker".
_NAME_AFTER = re.compile(rf"[\s,.;:!?’”\"—–-]*(?:{_VERB}\s+)?\Z")
_VERB_AFTER_NAME = re.compile(rf"\s+{_VERB}")
_VERB_BEFORE_NAME = re.compile(rf"{_VERB}\s+\Z")
# Between a name and the quote after it: "Baker says: “…" / "According to Baker, “…".
_NAME_BEFORE = re.compile(rf"(?:[’']s)?\s+(?:\w+\s+)?{_VERB}[^.!?“”\"]*\Z")
_ACCORDING_TO = re.compile(r"[Aa]ccording to\s+\Z")
_NO_BREAK = re.compile(r"[^.!?“”\"]*\Z")  # no sentence end or other quote between a name and a quote
_NEAR = 80  # characters: how far from a quote a "…, X says" is looked for


def quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks: double, typographic or straight,
    or typographic single (‘…’, where the closing ’ is not an apostrophe: no letter follows it). An
    opening mark with no closing one runs to the paragraph's end, and a closing ” before any opening
    one closes a quote that began in an earlier paragraph. Marks inside a quote are part of it.
    Surrounding spaces and a trailing comma are left out."""
    spans = []
    first_open = min((i for i in (paragraph.find("“"), paragraph.find('"')) if i >= 0), default=len(paragraph))
    early_close = paragraph.find("”", 0, first_open)
    index = 0
    if early_close >= 0:
        spans.append(_trimmed_span(paragraph, 0, early_close))
        index = early_close + 1
    while index < len(paragraph):
        mark = _OPENING_MARK.search(paragraph, index)
        if mark is None:
            break
        index = mark.start()
        char = paragraph[index]
        if char == "“":
            close = paragraph.find("”", index + 1)
        elif char == '"':
            close = paragraph.find('"', index + 1)
        elif char == "‘" and (index == 0 or not paragraph[index - 1].isalnum()):
            close = next((m.start() for m in _SINGLE_CLOSE.finditer(paragraph, index + 1)), -1)
        else:
            index += 1
            continue
        end = len(paragraph) if close < 0 else close
        spans.append(_trimmed_span(paragraph, index + 1, end))
        index = end + 1
    return [span for span in spans if span[1] > span[0]]


_OPENING_MARK = re.compile("[“\"‘]")
_SINGLE_CLOSE = re.compile(r"’(?![^\W\d_])")  # a ’ with no letter after it: not an apostrophe


def _trimmed_span(paragraph: str, start: int, end: int) -> tuple[int, int]:
    while start < end and paragraph[start].isspace():
        start += 1
    while end > start and (paragraph[end - 1].isspace() or paragraph[end - 1] == ","):
        end -= 1
    return start, end


def _tagged_speaker(paragraph: str, span: tuple[int, int], names: list[tuple[str, int, int]]) -> tuple[str, str] | None:
    """(person id, how) from a "…, X says" or "X says: …" around the quote, or None."""
    start, end = span
    closing = min(len(paragraph), end + 2)  # past the closing mark and a comma
    for person_id, name_start, name_end in names:
        if end <= name_start <= closing + _NEAR:
            between = paragraph[end:name_start]
            verb_after = _VERB_AFTER_NAME.match(paragraph, name_end)
            if _NAME_AFTER.match(between) and (_VERB_BEFORE_NAME.search(between) or verb_after):
                phrase_end = verb_after.end() if verb_after else name_end
                return person_id, f"from “{_phrase_around(paragraph, end, phrase_end)}” after it"
    for person_id, name_start, name_end in reversed(names):
        if name_end <= start and start - name_end <= _NEAR:
            before = paragraph[name_end : start - 1]
            according = _ACCORDING_TO.search(paragraph, 0, name_start) if _NO_BREAK.match(before) else None
            if _NAME_BEFORE.match(before) or according:
                phrase_start = according.start() if according else name_start
                return person_id, f"from “{_phrase_around(paragraph, phrase_start, start - 1)}” before it"
    return None


def _nearest_speaker(paragraph: str, span: tuple[int, int], names: list[tuple[str, int, int]]) -> tuple[str, str] | None:
    """(person id, how): the nearest name in the paragraph (`names` holds no place nor title)."""
    start, end = span
    near = names
    if not near:
        return None
    person_id, name_start, name_end = min(near, key=lambda n: min(abs(n[1] - end), abs(start - n[2])))
    return person_id, f"the nearest name, {paragraph[name_start:name_end]}"


# Between the two parts of a sentence the writer's tag interrupts: `,” Fastvold says, “` (the
# second part going on in lower case). One quote, its parts joined by ` … ` (docs/data-format.md).
_INTERRUPTING_TAG = re.compile(rf",\s*[”\"’]\s+[^.!?“”\"]{{0,60}}?\b{_VERB}[^.!?“”\"]{{0,40}},\s*[“\"‘]\Z")
ELISION = " … "


_TITLE_WORDS = 6
_MINOR_WORDS = frozenset("a an and at by for from in of on or the to with".split())


def _a_title(text: str) -> bool:
    """Whether quoted words read as a title (‘The Florida Project’, “Nights of Cabiria”), not speech:
    a few words, each capitalised but the minor ones, no sentence punctuation."""
    words = text.split()
    return (
        0 < len(words) <= _TITLE_WORDS
        and not any(mark in text for mark in ".!?;:")
        and words[0][:1].isupper()
        and all(word[:1].isupper() or word[:1].isdigit() or word in _MINOR_WORDS for word in words)
    )


def _sentence_spans(paragraph: str) -> list[tuple[tuple[int, int], ...]]:
    """The quotes' spans, those of a sentence the writer's tag interrupts grouped as one quote;
    titles (quoted names of films, books) left out."""
    groups: list[tuple[tuple[int, int], ...]] = []
    for span in quote_spans(paragraph):
        if _a_title(paragraph[span[0] : span[1]]):
            continue
        if groups:
            before = groups[-1][-1]
            between = paragraph[before[1] : span[0]]
            if _INTERRUPTING_TAG.match(between) and paragraph[span[0]].islower():
                groups[-1] = (*groups[-1], span)
                continue
        groups.append((span,))
    return groups

def _phrase_around(paragraph: str, start: int, end: int) -> str:
    phrase = " ".join(paragraph[start:end].strip(" ,.;:“”\"’").split())
    return phrase if len(phrase) <= 60 else phrase[:59] + "…"


def _quotes(sections: list[DraftSection], people: list[DraftPerson]) -> list[DraftQuote]:
    finder = NameFinder(Person(p.id, p.name, "other", ("",), "", tuple(p.aliases)) for p in people if not p.thing)
    quotes: list[DraftQuote] = []
    taken: set[str] = set()
    for section in sections:
        last_named: tuple[str, str] | None = None  # the last person named in the section so far
        for number, paragraph in enumerate(section.paragraphs, start=1):
            names = finder.find(paragraph)
            for parts in _sentence_spans(paragraph):
                text = ELISION.join(paragraph[start:end] for start, end in parts)
                guess = _tagged_speaker(paragraph, parts[0], names) or _nearest_speaker(
                    paragraph, (parts[0][0], parts[-1][1]), names
                )
                if guess is None and last_named is not None:
                    guess = last_named[0], f"the last name before it in the section, {last_named[1]}"
                if guess is None:
                    guess = UNKNOWN_SPEAKER_ID, "no name nearby"
                words = re.findall(r"\w+", re.sub(r"(?<=\w)[’'](?=\w)", "", text))[:QUOTE_ID_WORDS]
                quote_id = unique(slug(" ".join(words), "quote"), taken)
                quotes.append(DraftQuote(quote_id, text, section.id, number, *guess))
            if names:
                person_id, name_start, name_end = names[-1]
                last_named = person_id, paragraph[name_start:name_end]
    return quotes


# --- the draft ------------------------------------------------------------------------------


def make_draft(text: str, fallback_year: str = "2000") -> Draft:
    """The draft of a dataset from an article's plain text; raises DraftError if it has no paragraphs.
    The publication date is guessed as the latest year the text mentions, else `fallback_year`."""
    title, paragraphs = split_text(text)
    sections = _sections(paragraphs)
    all_paragraphs = [p for section in sections for p in section.paragraphs]
    taken: set[str] = set()
    people = [_person(candidate, taken) for candidate in find_candidates(all_paragraphs)]
    quotes = _quotes(sections, people)
    if any(quote.speaker == UNKNOWN_SPEAKER_ID for quote in quotes):
        people.append(DraftPerson(UNKNOWN_SPEAKER_ID, f"{TODO}: who says the quotes no name is near", [], 0, True))
    years = _YEAR.findall(" ".join([title, *all_paragraphs]))
    return Draft(title, max(years, default=fallback_year), sections, people, quotes, year_found=bool(years))


def template_draft() -> Draft:
    """The draft of no text: placeholders for the article's title and its first paragraph."""
    paragraph = f"{TODO}: the article's first paragraph, verbatim; one list item per paragraph, in order"
    section = DraftSection("part-1", f"{TODO}: part 1", [paragraph], title_guessed=True)
    return Draft(f"{TODO}: the article's title, as published", "2000", [section], [], year_found=False)


def _person(candidate: Candidate, taken: set[str]) -> DraftPerson:
    person_id = unique(slug(candidate.name, "person"), taken)
    return DraftPerson(person_id, candidate.name, [candidate.alias] if candidate.alias else [], candidate.count,
                       thing=candidate.thing)
