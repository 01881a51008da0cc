"""The records of one making-of article: frozen, slotted dataclasses (a section, a person, a quote…)
and the allowed values of their enumerated fields.

Pure Python: this module must never import Textual or Rich (a test checks it).

Records are built by `record_factory(type)` where there are many of them: a frozen dataclass's own
`__init__` sets each field through `object.__setattr__`, which makes building 100,000 quotes take
twice as long.

Their equality, hash and repr are `Record`'s, written once, not generated for each record: a
dataclass compiles every method it generates when its module is imported, and these three took
about 2 ms of the reader's start.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from functools import cache
from operator import attrgetter
from typing import Any, Callable

PERSON_KINDS = ("cast", "crew", "cited", "other")
QUOTE_FORMS = ("direct", "first-person", "reported")
DATE_PRECISIONS = ("day", "month", "year", "approximate")
HEADINGS = ("source", "editor")  # whose the sections' titles are


class Record:
    """Equality, hash and repr over a record's fields, in order, as its dataclass would generate them
    (`@dataclass(eq=False, repr=False)` leaves them to this class)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = _values_of(self.__class__)
        return values(self) == values(other)

    def __hash__(self) -> int:
        return hash(_values_of(self.__class__)(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))
        return f"{self.__class__.__qualname__}({shown})"


@cache
def _values_of(record_type: type) -> Callable[[Any], tuple]:
    """A function giving a record's field values as a tuple (every record has two fields or more)."""
    return attrgetter(*(f.name for f in fields(record_type)))


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Section(Record):
    """One section of the article: its title and its paragraphs."""

    id: str
    title: str
    paragraphs: tuple[str, ...]
    index: int  # 0-based position in the article


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Article(Record):
    """The article itself: where it appeared, its sections, and the film it is about."""

    title: str
    publication: str
    date: str
    sections: tuple[Section, ...]
    film_title: str = ""
    film_runtime_minutes: int | None = None
    film_runtime_note: str = ""
    film_production: Production = field(default_factory=lambda: Production())  # how the whole film was shot
    film_outside_article: str = ""  # what is said of the film that the article does not say
    headings: str = "source"  # whose the sections' titles are: the source's own, or the editor's


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Person(Record):
    """A real person (or, kind 'other', a real being such as the director's dogs)."""

    id: str
    name: str
    kind: str
    roles: tuple[str, ...]
    description: str
    aliases: tuple[str, ...] = ()  # other names the article uses: mentions are counted by these
    known_as: tuple[str, ...] = ()  # names a reader may type (credits, spellings): for finding only
    outside_article: str = ""  # facts about them from outside the article, shown marked as such
    characters: tuple[str, ...] = ()  # ids of the film's characters they play (derived at load)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Character(Record):
    """One of the film's fictional people."""

    id: str
    name: str
    played_by: str  # person id
    description: str
    aliases: tuple[str, ...] = ()
    outside_article: str = ""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class StoryPosition(Record):
    """Where a scene falls in the film, in minutes from the start, as far as the article says."""

    description: str  # in words, e.g. "about an hour in"
    start_minute: float | None = None
    length_minutes: float | None = None
    approximate: bool = True


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Production(Record):
    """How a scene was made."""

    location: str = ""
    days_shot: float | None = None
    days_planned: float | None = None
    script_pages: str = ""
    camera: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Scene(Record):
    """A scene of the film, where it falls in the story and how it was made."""

    id: str
    title: str
    summary: str
    position: StoryPosition
    production: Production
    people: tuple[str, ...]  # person ids
    characters: tuple[str, ...]  # character ids
    sections: tuple[str, ...]  # ids of the sections that discuss it
    outside_article: str = ""
    order: int = 0  # 0-based story order (derived at load)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Event(Record):
    """A production event, with its date as precise as the article allows."""

    id: str
    date: str  # ISO-like: "2022-01-14", "2021-07", "2000"; "" when the article gives no date
    precision: str  # one of DATE_PRECISIONS; "" with no date
    title: str
    summary: str
    people: tuple[str, ...]
    sections: tuple[str, ...]
    date_note: str = ""  # how the date was worked out, where the article is vague
    outside_article: str = ""
    when: str = ""  # when it happened, in words (for an undated event)

    @property
    def dated(self) -> bool:
        return bool(self.date)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Quote(Record):
    """Words the article quotes, with their true speaker and where they stand."""

    id: str
    speaker: str  # person id
    text: str  # verbatim from the paragraph
    section: str  # section id
    paragraph: int  # 1-based within the section
    form: str = "direct"  # one of QUOTE_FORMS
    order: int = 0  # 0-based article order (derived at load)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Note(Record):
    """An editorial note on a slip in the source text."""

    id: str
    section: str
    paragraph: int  # 1-based within the section
    says: str  # verbatim excerpt of what the source says
    correction: str  # what is right
    refers_to: tuple[str, ...] = ()  # ids of the people the slip is really about


def record_factory(record_type: type, given: int | None = None) -> Callable[..., Any]:
    """A function taking every field of `record_type` positionally, in order, and returning the record,
    as `record_type(*values)` would, only faster (see the module docstring). With `given`, it takes
    only the first `given` fields, and the others get their defaults (which must be plain values, not
    default factories). Records with a `__post_init__` must not be made this way: it is not called."""
    record_fields = fields(record_type)
    names = [f.name for f in record_fields]
    given = len(names) if given is None else given
    namespace: dict[str, Any] = {"_new": object.__new__, "_type": record_type}
    for i, name in enumerate(names):
        namespace[f"_set{i}"] = getattr(record_type, name).__set__  # the slot's own descriptor
        if i >= given:
            assert record_fields[i].default is not MISSING, f"{name}: a default factory, or none"
            namespace[f"_{i}"] = record_fields[i].default
    parameters = ", ".join(f"_{i}" for i in range(given))
    body = "".join(f"    _set{i}(record, _{i})\n" for i in range(len(names)))
    exec(f"def make({parameters}):\n    record = _new(_type)\n{body}    return record\n", namespace)
    return namespace["make"]
