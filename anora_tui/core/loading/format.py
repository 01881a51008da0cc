"""The data format as a table: each record type's fields, the check that reads each (`checks`), and what
each record type and field means (docs/data-format.md says the same in prose). The meanings are for
`core/authoring/schema.py` (the JSON Schema's descriptions) and the template `anora-tui new` writes.
"""

from __future__ import annotations

from yaml.nodes import ScalarNode

from ..model import (
    DATE_PRECISIONS,
    HEADINGS,
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
from .checks import (
    PARAGRAPH_LIMIT,
    PROSE_LIMIT,
    Field,
    RecordType,
    boolean,
    choice,
    date_text,
    excerpt_of,
    identifier,
    list_of,
    mapping_of,
    number,
    reference,
    remember_paragraphs,
    text,
    whole_number,
)
from .yaml_nodes import RESOLVER, STR

_text_list = list_of(text)
OUTSIDE_ARTICLE_MEANING = (
    "what the editor knows of it from outside the article (never in description, summary or date_note): "
    "shown set apart, labelled 'Not in the article'"
)
_people_list = list_of(reference("people"))
_sections_list = list_of(reference("sections"))

_SECTION = RecordType(
    "section",
    {
        "id": Field(identifier("sections"), meaning="the section's id"),
        "title": Field(text, meaning="the section's title: the editor's own where the source has no headings"),
        "paragraphs": Field(
            list_of(text, may_be_empty=False),
            meaning="the section's paragraphs, each one paragraph of the source, verbatim, in order",
            limit=PARAGRAPH_LIMIT,
        ),
    },
    Section,
    after=remember_paragraphs,
    meaning="one section of the article's text",
)
_PRODUCTION = RecordType(
    "'production'",
    {
        "location": Field(text, required=False, meaning="where it was shot"),
        "days_shot": Field(number, required=False, meaning="days it took to shoot"),
        "days_planned": Field(number, required=False, meaning="days planned for it"),
        "script_pages": Field(text, required=False, meaning="its pages of the script, e.g. '4-6'"),
        "camera": Field(_text_list, required=False, meaning="how it was filmed: cameras, lenses, film stock"),
        "notes": Field(_text_list, required=False, meaning="anything else about the shoot", limit=PROSE_LIMIT),
    },
    Production,
    meaning="how the scene was shot",
)
_FILM = RecordType(
    "'film'",
    {
        "title": Field(text, required=False, default="", meaning="the film's title, shown first on the title line"),
        "runtime_minutes": Field(
            whole_number(1),
            required=False,
            default=None,
            meaning="the film's running time in whole minutes: the story strip's length. Without it, "
            "scenes are placed by their minutes, else their lengths, else their story order",
        ),
        "runtime_note": Field(
            text,
            required=False,
            default="",
            meaning="where the runtime comes from when the article does not say it; shown over the story strip",
            limit=PROSE_LIMIT,
        ),
        "production": Field(
            mapping_of(_PRODUCTION),
            required=False,
            default=None,  # Production()
            meaning="how the whole film was shot (a scene's production keys): facts true of every scene, and "
            "shots the article does not place in a scene; listed under \"The whole film\" in every scene's detail",
        ),
        "outside_article": Field(text, required=False, default="", meaning=OUTSIDE_ARTICLE_MEANING, limit=PROSE_LIMIT),
    },
    # Article's film_title, film_runtime_minutes, …
    slots=("title", "runtime_minutes", "runtime_note", "production", "outside_article"),
    meaning="the film the article is about",
)
ARTICLE = RecordType(
    "article",
    {
        "title": Field(text, meaning="the article's headline, as published"),
        "publication": Field(text, meaning="where it was published"),
        "date": Field(date_text, meaning="when it was published: YYYY-MM-DD, YYYY-MM or YYYY"),
        "film": Field(mapping_of(_FILM), required=False, default=None, meaning="the film the article is about"),
        "sections": Field(
            list_of(mapping_of(_SECTION), may_be_empty=False),
            meaning="the article's text, section by section, in order (at least one)",
        ),
        "headings": Field(
            choice(HEADINGS, "headings"),
            required=False,
            default="source",
            meaning="whose the sections' titles are: 'source', the article's own headings (the default), or "
            "'editor', where the source has none; the reader then marks them as the editor's and a "
            "citation puts them in square brackets",
        ),
    },
    slots=("title", "publication", "date", "sections", "film", "headings"),
    meaning="the article: exactly once in the dataset",
)
_PERSON = RecordType(
    "person",
    {
        "id": Field(identifier("people"), meaning="lowercase letters, digits and '-', starting with a letter"),
        "name": Field(text, meaning="full name"),
        "kind": Field(
            choice(PERSON_KINDS, "kind"),
            meaning="cast, crew, cited (filmmakers, actors, others the article refers to) or other",
        ),
        "roles": Field(
            list_of(text, may_be_empty=False), meaning="e.g. director, producer, actor (Maud); at least one"
        ),
        "description": Field(text, meaning="who they are, in the editor's own words", limit=PROSE_LIMIT),
        "aliases": Field(
            _text_list,
            required=False,
            meaning="other names the article uses for them; mentions are found by name and aliases, "
            "as whole words, case-sensitive",
        ),
        "known_as": Field(
            _text_list,
            required=False,
            meaning="names a reader may type to find them that the article does not use (the name on the "
            "credits, a common spelling); never counted as mentions",
        ),
        "outside_article": Field(text, required=False, meaning=OUTSIDE_ARTICLE_MEANING, limit=PROSE_LIMIT),
    },
    Person,
    meaning="a real person the article names: the characters they play come from each character's played_by",
)
_CHARACTER = RecordType(
    "character",
    {
        "id": Field(identifier("characters"), meaning="the character's id"),
        "name": Field(text, meaning="the character's name"),
        "played_by": Field(reference("people"), meaning="the id of the person who plays them"),
        "description": Field(text, meaning="who they are in the film", limit=PROSE_LIMIT),
        "aliases": Field(_text_list, required=False, meaning="other names the article uses for them"),
        "outside_article": Field(text, required=False, meaning=OUTSIDE_ARTICLE_MEANING, limit=PROSE_LIMIT),
    },
    Character,
    meaning="one of the film's fictional people",
)
_POSITION = RecordType(
    "'position'",
    {
        "description": Field(text, meaning="where it falls, in words, e.g. 'about an hour in'"),
        "start_minute": Field(number, required=False, meaning="minutes from the film's start, e.g. 60 or 2.5"),
        "length_minutes": Field(number, required=False, meaning="how long it runs, in minutes"),
        "approximate": Field(
            boolean,
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
        "id": Field(identifier("scenes"), meaning="the scene's id"),
        "title": Field(text, meaning="the scene's title"),
        "summary": Field(text, meaning="what happens", limit=PROSE_LIMIT),
        "position": Field(mapping_of(_POSITION), meaning="where it falls in the film"),
        "production": Field(
            mapping_of(_PRODUCTION), required=False, default=None, meaning="how it was shot"
        ),  # Production()
        "people": Field(
            _people_list,
            required=False,
            default=(),
            meaning="ids of the real people who made or appear in it: a person's scenes are the ones "
            "that list them here",
        ),
        "characters": Field(
            list_of(reference("characters")), required=False, default=(), meaning="ids of the characters in it"
        ),
        "sections": Field(_sections_list, required=False, default=(), meaning="ids of the sections that discuss it"),
        "outside_article": Field(text, required=False, meaning=OUTSIDE_ARTICLE_MEANING, limit=PROSE_LIMIT),
    },
    Scene,
    meaning="a scene of the film; the scenes are listed in story order",
)
_EVENT = RecordType(
    "event",
    {
        "id": Field(identifier("events"), meaning="the event's id"),
        "date": Field(
            date_text,
            required=False,
            default="",
            meaning="YYYY-MM-DD, YYYY-MM or YYYY, as precise as known; with precision, or neither "
            "for an event the article gives no date (placed by its order in the list)",
        ),
        "precision": Field(
            choice(DATE_PRECISIONS, "precision"),
            required=False,
            default="",
            meaning="day, month, year or approximate: how precise the date is; given with date",
        ),
        "title": Field(text, meaning="the event's title"),
        "summary": Field(text, meaning="what happened", limit=PROSE_LIMIT),
        "date_note": Field(
            text, required=False, meaning="how the date was worked out, where the article is vague",
            limit=PROSE_LIMIT,
        ),
        "when": Field(
            text,
            required=False,
            meaning="when it happened in words ('during the shoot'): shown where an undated event's "
            "date would be",
        ),
        "people": Field(_people_list, required=False, default=(), meaning="ids of the people involved"),
        "sections": Field(_sections_list, required=False, default=(), meaning="ids of the sections that tell of it"),
        "outside_article": Field(text, required=False, meaning=OUTSIDE_ARTICLE_MEANING, limit=PROSE_LIMIT),
    },
    Event,
    together=("date", "precision"),
    meaning="a production event; listed by year, and in the list's order within a year",
)
_QUOTE = RecordType(
    "quote",
    {
        "id": Field(identifier("quotes"), meaning="the quote's id"),
        "speaker": Field(
            reference("people"),
            meaning="the id of the person who really said it (read the context: the source may name the wrong one)",
        ),
        "text": Field(
            text,
            meaning="the words, verbatim: they must appear exactly in the paragraph named; where the writer's "
            "words interrupt a sentence, ` … ` stands for them",
            limit=PARAGRAPH_LIMIT,
        ),
        "section": Field(reference("sections"), meaning="the id of the section it is in"),
        "paragraph": Field(whole_number(1), meaning="the paragraph it is in: 1 is the section's first"),
        "form": Field(
            choice(QUOTE_FORMS, "form"),
            required=False,
            meaning="direct (in quotation marks; the default), first-person (the source renders the "
            "speaker's words as its own narration) or reported (indirect speech)",
        ),
    },
    Quote,
    meaning="a quotation, attributed to the person who really said it",
)
_QUOTE.after = excerpt_of("text", *(_QUOTE.fields[name][0] for name in ("section", "paragraph", "text")))
_NOTE = RecordType(
    "note",
    {
        "id": Field(identifier("notes"), meaning="the note's id"),
        "section": Field(reference("sections"), meaning="the id of the section it is about"),
        "paragraph": Field(whole_number(1), meaning="the paragraph it is about: 1 is the section's first"),
        "says": Field(
            text, meaning="what the source says, verbatim: it must appear in the paragraph", limit=PARAGRAPH_LIMIT
        ),
        "correction": Field(text, meaning="what is right, or what the reader should know", limit=PROSE_LIMIT),
        "refers_to": Field(
            _people_list,
            required=False,
            meaning="ids of the people it is really about; their mentions include this paragraph",
        ),
    },
    Note,
    meaning="an editorial note beside a paragraph: a slip of the source corrected, or a clarification",
)
_NOTE.after = excerpt_of("says", *(_NOTE.fields[name][0] for name in ("section", "paragraph", "says")))
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
