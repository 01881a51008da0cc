"""The data format as a table: each record type's fields and the check that turns a YAML node into a
field value (docs/data-format.md says the same in prose). A check reports problems to the `FileReader`
it is given and returns `INVALID` for a value that failed.

The table also describes itself, for `core/authoring/schema.py` (the JSON Schema editors use) and the
template `anora-tui new` writes: each record type and field has a `meaning`; each check of one value
has a `schema` attribute, the JSON Schema of the values it accepts (what a schema cannot say, such as
whether a reference exists, is left to the checker); a list's check has its `item` check and
`may_be_empty`, a nested mapping's its `record_type`.
"""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass
from dataclasses import fields as dataclass_fields
from datetime import date
from typing import TYPE_CHECKING, Callable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..model import (
    DATE_PRECISIONS,
    PERSON_KINDS,
    QUOTE_FORMS,
    Character,
    Event,
    Note,
    Person,
    Production,
    Quote,
    Scene,
    Section,
    StoryPosition,
)
from ..text import clean_text
from .problems import did_you_mean, shown
from .yaml_nodes import BOOL, FLOAT, INT, MAY_NOT_BE_A_STRING, RESOLVER, SEQ, STR

if TYPE_CHECKING:
    from .file_reader import FileReader

_TRUE_WORDS = frozenset({"yes", "true", "on"})  # YAML 1.1 booleans, lowercased

_ID_PATTERN = "^[a-z][a-z0-9-]*$"
_ID = re.compile(r"[a-z][a-z0-9-]*\Z")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")
# Digit counts are capped: no paragraph or minute count is longer, and int() refuses very long strings.
_WHOLE = re.compile(r"[0-9]{1,9}\Z")
_DECIMAL = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,9})?\Z")


INVALID = object()  # a value that failed its check (the problem is already reported)
UNSET = object()  # a field not given (yet) in the mapping being read
_MODEL_DEFAULT = object()  # an optional field's "no default of its own: the model's applies"

# A check turns one node into a value, or reports why it cannot and returns INVALID.
# `subject` names the value in messages: "'speaker'", "an item of 'roles'".
Check = Callable[["FileReader", Node, str], object]
# Checks a value already known to be text further: (reader, text, its node, subject) -> value or INVALID.
OfText = Callable[["FileReader", str, Node, str], object]
# Called with a record's field values (some maybe INVALID or UNSET) and its node, valid record or not.
After = Callable[["FileReader", list, MappingNode], None]


@dataclass(frozen=True)
class _Field:
    check: Check
    required: bool = True
    default: object = _MODEL_DEFAULT  # for an optional field
    meaning: str = ""  # for the schema's descriptions and the template's comments


def _with_schema(check: Check, schema: dict) -> Check:
    check.schema = schema  # type: ignore[attr-defined]
    return check


class RecordType:
    """One kind of mapping in the format: its fields and the row of values it is read into.

    A record is read into a row: its field values in `slots` order, which is the order of the model's
    constructor (`model(*row)`) unless given. Nested records are rows too; `DatasetReader` makes the
    model objects.
    """

    def __init__(
        self,
        noun: str,
        fields: dict[str, _Field],
        model: type | None = None,
        after: After | None = None,
        slots: tuple[str, ...] | None = None,
        together: tuple[str, ...] = (),
        meaning: str = "",
    ) -> None:
        self.noun = noun  # what one record is called in messages
        self.after = after
        self.meaning = meaning
        self.specs = dict(fields)  # name -> Field, as given (for the schema and the template)
        self.field_names = tuple(fields)
        if slots is None:
            slots = tuple(f.name for f in dataclass_fields(model) if f.name in fields)
        assert sorted(slots) == sorted(fields), f"{noun}: every field needs a slot"
        model_defaults = {
            f.name: f.default if f.default is not MISSING else f.default_factory()
            for f in (dataclass_fields(model) if model else ())
            if f.default is not MISSING or f.default_factory is not MISSING
        }
        # Worked out once, not per record: loading 100k records makes every step count.
        self.size = len(slots)
        self.blank = [UNSET] * len(slots)
        # name -> (slot, check, subject, what to do with a plain string: see _usual_text_check)
        self.fields = {
            name: (slots.index(name), field.check, f"'{name}'", _usual_text_check(field.check))
            for name, field in fields.items()
        }
        self.required = tuple((slots.index(name), name) for name, field in fields.items() if field.required)
        # Optional fields given all together or not at all (an event's date and precision).
        self.together = tuple((slots.index(name), name) for name in together)
        self.defaults = tuple(
            (slots.index(name), model_defaults[name] if field.default is _MODEL_DEFAULT else field.default)
            for name, field in fields.items()
            if not field.required
        )


def usual_text(node: Node) -> str | None:
    """The node's value if it is the usual string, one that `_text` would return as it is; else None.

    The common case, made cheap: `_text` and the checks built on it are called only for what is left
    (None: not a string, empty, blank or in need of cleaning), and say what is wrong.
    """
    if node.__class__ is ScalarNode:
        tag = node.tag
        value = node.value
        if (
            tag.__class__ is slice  # left to the resolver: see ComposingLoader
            and (not tag.step[0] or value[:1] not in MAY_NOT_BE_A_STRING)
            and value
            and value.isprintable()
            and not value.isspace()
        ):
            return value
    return None


def _text(reader: FileReader, node: Node, subject: str) -> object:
    if node.__class__ is ScalarNode:
        tag = node.tag
        value = node.value
        if tag.__class__ is slice:  # left to the resolver: see ComposingLoader
            if tag.step[0] and value[:1] in MAY_NOT_BE_A_STRING and reader.plain_tag(value) != STR:
                return reader.wrong_type(node, subject, "a string")
        elif tag != STR:
            return reader.wrong_type(node, subject, "a string")
        if value and not value.isspace():
            return value if value.isprintable() else clean_text(value)
        return reader.invalid(node, f"{subject} must not be empty")
    return reader.wrong_type(node, subject, "a string")


_TEXT_SCHEMA = {"type": "string", "pattern": "\\S"}  # not empty, not only spaces
_with_schema(_text, _TEXT_SCHEMA)


def _text_then(of_text: OfText) -> Check:
    """The check of a string value that `of_text` checks further once it is known to be text."""

    def check(reader: FileReader, node: Node, subject: str) -> object:
        value = _text(reader, node, subject)
        return value if value is INVALID else of_text(reader, value, node, subject)

    check.of_text = of_text  # type: ignore[attr-defined]  # for _usual_text_check
    return check


def _usual_text_check(check: Check) -> OfText | None:
    """For a check of text: what to do with a plain string (see usual_text), without the check's calls."""
    if check is _text:
        return as_is
    return getattr(check, "of_text", None)


def as_is(reader: FileReader, value: str, node: Node, subject: str) -> str:
    return value


def _identifier(id_space: str) -> Check:
    """A record's own id, registered in `id_space` for references (even when badly formed, so that
    references to it do not repeat the problem)."""

    def of_text(reader: FileReader, value: str, node: Node, subject: str) -> object:
        reader.register(id_space, value, node)
        if _ID.match(value):
            return value
        return reader.invalid(
            node, f"bad id {shown(value)}: use lowercase letters, digits and '-', starting with a letter"
        )

    check = _with_schema(_text_then(of_text), {"type": "string", "pattern": _ID_PATTERN})
    check.id_space = id_space  # type: ignore[attr-defined]
    return check


def _date_text(reader: FileReader, node: Node, subject: str) -> object:
    value = _text(reader, node, subject)
    if value is INVALID:
        return value
    match = _DATE.match(value)
    if match:
        year, month, day = (int(part) if part else 1 for part in match.groups())
        try:
            date(year, month, day)
            return value
        except ValueError:
            pass
    return reader.invalid(node, f"bad date {shown(value)} in {subject}: use YYYY-MM-DD, YYYY-MM or YYYY")


_with_schema(_date_text, {"type": "string", "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"})


def _choice(options: tuple[str, ...], name: str) -> Check:
    def check(reader: FileReader, node: Node, subject: str) -> object:
        value = _text(reader, node, subject)
        if value is INVALID or value in options:
            return value
        suggestion = did_you_mean(value, options)
        known = ", ".join(options)
        return reader.invalid(node, f"bad {name} {shown(value)}{suggestion}; use one of: {known}")

    return _with_schema(check, {"type": "string", "enum": list(options)})


def _whole_number(minimum: int) -> Check:
    def check(reader: FileReader, node: Node, subject: str) -> object:
        if node.__class__ is ScalarNode and reader.tag_of(node) == INT and _WHOLE.match(node.value):
            value = int(node.value)
            if value >= minimum:
                return value
        return reader.wrong_type(node, subject, f"a whole number ≥ {minimum}")

    return _with_schema(check, {"type": "integer", "minimum": minimum})


def _number(reader: FileReader, node: Node, subject: str) -> object:
    if node.__class__ is ScalarNode and reader.tag_of(node) in (INT, FLOAT):
        if _DECIMAL.match(node.value):
            return float(node.value) if "." in node.value else int(node.value)
    return reader.wrong_type(node, subject, "a number ≥ 0, like 12 or 2.5")


_with_schema(_number, {"type": "number", "minimum": 0})


def _boolean(reader: FileReader, node: Node, subject: str) -> object:
    if node.__class__ is ScalarNode and reader.tag_of(node) == BOOL:
        return node.value.lower() in _TRUE_WORDS
    return reader.wrong_type(node, subject, "true or false")


_with_schema(_boolean, {"type": "boolean"})


def _reference(id_space: str) -> Check:
    """An id of a record in `id_space`; whether it exists is checked once every file is read."""

    def of_text(reader: FileReader, value: str, node: Node, subject: str) -> object:
        reader.refer(id_space, value, node, subject)
        return value

    # Any text: a malformed id is reported as unknown, with the closest known one.
    check = _with_schema(_text_then(of_text), _TEXT_SCHEMA)
    check.id_space = id_space  # type: ignore[attr-defined]  # for the template's examples
    return check


_ITEM_SUBJECTS: dict[str, str] = {}  # "'roles'" -> "an item of 'roles'", made once


def _list_of(item: Check, may_be_empty: bool = True) -> Check:
    of_text = _usual_text_check(item)

    def check(reader: FileReader, node: Node, subject: str) -> object:
        if node.__class__ is not SequenceNode or reader.tag_of(node) != SEQ:
            return reader.wrong_type(node, subject, "a list")
        if not node.value and not may_be_empty:
            return reader.invalid(node, f"{subject} must not be empty")
        item_subject = _ITEM_SUBJECTS.get(subject) or _ITEM_SUBJECTS.setdefault(subject, f"an item of {subject}")
        if of_text is None:
            values = [item(reader, item_node, item_subject) for item_node in node.value]
        else:
            values = [
                item(reader, item_node, item_subject) if value is None else of_text(reader, value, item_node, item_subject)
                for item_node in node.value
                for value in (usual_text(item_node),)
            ]
        return INVALID if INVALID in values else tuple(values)

    check.item, check.may_be_empty = item, may_be_empty  # type: ignore[attr-defined]  # for the schema
    return check


def _mapping_of(record_type: RecordType) -> Check:
    """A nested mapping (`film`, `position`, a section), read into its own row."""

    def check(reader: FileReader, node: Node, subject: str) -> object:
        row = reader.read_record(node, record_type, subject)
        return INVALID if row is None else row

    check.record_type = record_type  # type: ignore[attr-defined]  # for the schema
    return check


def _usable(value: object) -> bool:
    return value is not INVALID and value is not UNSET


def _remember_paragraphs(reader: FileReader, row: list, node: MappingNode) -> None:
    section_id, _title, paragraphs = row
    if _usable(section_id) and _usable(paragraphs):
        reader.paragraphs.setdefault(section_id, paragraphs)


def _excerpt_of(field: str, section_slot: int, paragraph_slot: int, excerpt_slot: int) -> After:
    """Queue the check that a record's `field` appears verbatim in the paragraph it names."""

    def queue(reader: FileReader, row: list, node: MappingNode) -> None:
        section, paragraph, excerpt = row[section_slot], row[paragraph_slot], row[excerpt_slot]
        if _usable(section) and _usable(paragraph):
            reader.excerpt(node, field, section, paragraph, excerpt if _usable(excerpt) else None)

    return queue


_text_list = _list_of(_text)
OUTSIDE_ARTICLE_MEANING = (
    "what the editor knows of it from outside the article (never in description, summary or date_note): "
    "shown set apart, labelled 'Not in the article'"
)
_people_list = _list_of(_reference("people"))
_sections_list = _list_of(_reference("sections"))

_SECTION = RecordType(
    "section",
    {
        "id": _Field(_identifier("sections"), meaning="the section's id"),
        "title": _Field(_text, meaning="the section's title: the editor's own where the source has no headings"),
        "paragraphs": _Field(
            _list_of(_text, may_be_empty=False),
            meaning="the section's paragraphs, each one paragraph of the source, verbatim, in order",
        ),
    },
    Section,
    after=_remember_paragraphs,
    meaning="one section of the article's text",
)
_PRODUCTION = RecordType(
    "'production'",
    {
        "location": _Field(_text, required=False, meaning="where it was shot"),
        "days_shot": _Field(_number, required=False, meaning="days it took to shoot"),
        "days_planned": _Field(_number, required=False, meaning="days planned for it"),
        "script_pages": _Field(_text, required=False, meaning="its pages of the script, e.g. '4-6'"),
        "camera": _Field(_text_list, required=False, meaning="how it was filmed: cameras, lenses, film stock"),
        "notes": _Field(_text_list, required=False, meaning="anything else about the shoot"),
    },
    Production,
    meaning="how the scene was shot",
)
_FILM = RecordType(
    "'film'",
    {
        "title": _Field(_text, required=False, default="", meaning="the film's title, shown first on the title line"),
        "runtime_minutes": _Field(
            _whole_number(1),
            required=False,
            default=None,
            meaning="the film's running time in whole minutes: the story strip's length. Without it, "
            "scenes are placed by their minutes, else their lengths, else their story order",
        ),
        "runtime_note": _Field(
            _text,
            required=False,
            default="",
            meaning="where the runtime comes from when the article does not say it; shown over the story strip",
        ),
        "production": _Field(
            _mapping_of(_PRODUCTION),
            required=False,
            default=None,  # Production()
            meaning="how the whole film was shot (a scene's production keys): facts true of every scene, and "
            "shots the article does not place in a scene; listed under \"The whole film\" in every scene's detail",
        ),
        "outside_article": _Field(_text, required=False, default="", meaning=OUTSIDE_ARTICLE_MEANING),
    },
    # Article's film_title, film_runtime_minutes, …
    slots=("title", "runtime_minutes", "runtime_note", "production", "outside_article"),
    meaning="the film the article is about",
)
ARTICLE = RecordType(
    "article",
    {
        "title": _Field(_text, meaning="the article's headline, as published"),
        "publication": _Field(_text, meaning="where it was published"),
        "date": _Field(_date_text, meaning="when it was published: YYYY-MM-DD, YYYY-MM or YYYY"),
        "film": _Field(_mapping_of(_FILM), required=False, default=None, meaning="the film the article is about"),
        "sections": _Field(
            _list_of(_mapping_of(_SECTION), may_be_empty=False),
            meaning="the article's text, section by section, in order (at least one)",
        ),
    },
    slots=("title", "publication", "date", "sections", "film"),
    meaning="the article: exactly once in the dataset",
)
_PERSON = RecordType(
    "person",
    {
        "id": _Field(_identifier("people"), meaning="lowercase letters, digits and '-', starting with a letter"),
        "name": _Field(_text, meaning="full name"),
        "kind": _Field(
            _choice(PERSON_KINDS, "kind"),
            meaning="cast, crew, cited (filmmakers, actors, others the article refers to) or other",
        ),
        "roles": _Field(
            _list_of(_text, may_be_empty=False), meaning="e.g. director, producer, actor (Maud); at least one"
        ),
        "description": _Field(_text, meaning="who they are, in the editor's own words"),
        "aliases": _Field(
            _text_list,
            required=False,
            meaning="other names the article uses for them; mentions are found by name and aliases, "
            "as whole words, case-sensitive",
        ),
        "known_as": _Field(
            _text_list,
            required=False,
            meaning="names a reader may type to find them that the article does not use (the name on the "
            "credits, a common spelling); never counted as mentions",
        ),
        "outside_article": _Field(_text, required=False, meaning=OUTSIDE_ARTICLE_MEANING),
    },
    Person,
    meaning="a real person the article names: the characters they play come from each character's played_by",
)
_CHARACTER = RecordType(
    "character",
    {
        "id": _Field(_identifier("characters"), meaning="the character's id"),
        "name": _Field(_text, meaning="the character's name"),
        "played_by": _Field(_reference("people"), meaning="the id of the person who plays them"),
        "description": _Field(_text, meaning="who they are in the film"),
        "aliases": _Field(_text_list, required=False, meaning="other names the article uses for them"),
        "outside_article": _Field(_text, required=False, meaning=OUTSIDE_ARTICLE_MEANING),
    },
    Character,
    meaning="one of the film's fictional people",
)
_POSITION = RecordType(
    "'position'",
    {
        "description": _Field(_text, meaning="where it falls, in words, e.g. 'about an hour in'"),
        "start_minute": _Field(_number, required=False, meaning="minutes from the film's start, e.g. 60 or 2.5"),
        "length_minutes": _Field(_number, required=False, meaning="how long it runs, in minutes"),
        "approximate": _Field(
            _boolean,
            required=False,
            meaning="whether start_minute and length_minutes are approximate (default true): marked ≈",
        ),
    },
    StoryPosition,
    meaning="where the scene falls in the film",
)
_SCENE = RecordType(
    "scene",
    {
        "id": _Field(_identifier("scenes"), meaning="the scene's id"),
        "title": _Field(_text, meaning="the scene's title"),
        "summary": _Field(_text, meaning="what happens"),
        "position": _Field(_mapping_of(_POSITION), meaning="where it falls in the film"),
        "production": _Field(
            _mapping_of(_PRODUCTION), required=False, default=None, meaning="how it was shot"
        ),  # Production()
        "people": _Field(
            _people_list,
            required=False,
            default=(),
            meaning="ids of the real people who made or appear in it: a person's scenes are the ones "
            "that list them here",
        ),
        "characters": _Field(
            _list_of(_reference("characters")), required=False, default=(), meaning="ids of the characters in it"
        ),
        "sections": _Field(_sections_list, required=False, default=(), meaning="ids of the sections that discuss it"),
        "outside_article": _Field(_text, required=False, meaning=OUTSIDE_ARTICLE_MEANING),
    },
    Scene,
    meaning="a scene of the film; the scenes are listed in story order",
)
_EVENT = RecordType(
    "event",
    {
        "id": _Field(_identifier("events"), meaning="the event's id"),
        "date": _Field(
            _date_text,
            required=False,
            default="",
            meaning="YYYY-MM-DD, YYYY-MM or YYYY, as precise as known; with precision, or neither "
            "for an event the article gives no date (placed by its order in the list)",
        ),
        "precision": _Field(
            _choice(DATE_PRECISIONS, "precision"),
            required=False,
            default="",
            meaning="day, month, year or approximate: how precise the date is; given with date",
        ),
        "title": _Field(_text, meaning="the event's title"),
        "summary": _Field(_text, meaning="what happened"),
        "date_note": _Field(
            _text, required=False, meaning="how the date was worked out, where the article is vague"
        ),
        "when": _Field(
            _text,
            required=False,
            meaning="when it happened in words ('during the shoot'): shown where an undated event's "
            "date would be",
        ),
        "people": _Field(_people_list, required=False, default=(), meaning="ids of the people involved"),
        "sections": _Field(_sections_list, required=False, default=(), meaning="ids of the sections that tell of it"),
        "outside_article": _Field(_text, required=False, meaning=OUTSIDE_ARTICLE_MEANING),
    },
    Event,
    together=("date", "precision"),
    meaning="a production event; listed by year, and in the list's order within a year",
)
_QUOTE = RecordType(
    "quote",
    {
        "id": _Field(_identifier("quotes"), meaning="the quote's id"),
        "speaker": _Field(
            _reference("people"),
            meaning="the id of the person who really said it (read the context: the source may name the wrong one)",
        ),
        "text": _Field(_text, meaning="the words, verbatim: they must appear exactly in the paragraph named"),
        "section": _Field(_reference("sections"), meaning="the id of the section it is in"),
        "paragraph": _Field(_whole_number(1), meaning="the paragraph it is in: 1 is the section's first"),
        "form": _Field(
            _choice(QUOTE_FORMS, "form"),
            required=False,
            meaning="direct (in quotation marks; the default), first-person (the source renders the "
            "speaker's words as its own narration) or reported (indirect speech)",
        ),
    },
    Quote,
    meaning="a quotation, attributed to the person who really said it",
)
_QUOTE.after = _excerpt_of("text", *(_QUOTE.fields[name][0] for name in ("section", "paragraph", "text")))
_NOTE = RecordType(
    "note",
    {
        "id": _Field(_identifier("notes"), meaning="the note's id"),
        "section": _Field(_reference("sections"), meaning="the id of the section it is about"),
        "paragraph": _Field(_whole_number(1), meaning="the paragraph it is about: 1 is the section's first"),
        "says": _Field(_text, meaning="what the source says, verbatim: it must appear in the paragraph"),
        "correction": _Field(_text, meaning="what is right, or what the reader should know"),
        "refers_to": _Field(
            _people_list,
            required=False,
            meaning="ids of the people it is really about; their mentions include this paragraph",
        ),
    },
    Note,
    meaning="an editorial note beside a paragraph: a slip of the source corrected, or a clarification",
)
_NOTE.after = _excerpt_of("says", *(_NOTE.fields[name][0] for name in ("section", "paragraph", "says")))
# The list collections, in the order Dataset.build takes them; `article` is handled on its own.
LIST_COLLECTIONS = {
    "people": _PERSON,
    "characters": _CHARACTER,
    "scenes": _SCENE,
    "events": _EVENT,
    "quotes": _QUOTE,
    "notes": _NOTE,
}
COLLECTION_NAMES = ("article", *LIST_COLLECTIONS)
# What a record in each id space is called in messages.
NOUNS = {
    "sections": "section",
    "people": "person",
    "characters": "character",
    "scenes": "scene",
    "events": "event",
    "quotes": "quote",
    "notes": "note",
}
# A key is checked as "a scalar YAML reads as a string, and a field name": for a plain key the resolver
# is skipped, which is right because no field name reads as anything but a string.
assert all(
    RESOLVER.resolve(ScalarNode, name, (True, False)) == STR
    for record_type in (_SECTION, _FILM, ARTICLE, _POSITION, _PRODUCTION, *LIST_COLLECTIONS.values())
    for name in record_type.field_names
)
