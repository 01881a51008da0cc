"""A draft (or the empty template) as the text of a dataset's files, one per collection. Pure Python.

Every file starts with the `$schema` line that tells an editor's YAML language server where the
format's JSON Schema is (a copy written beside the files), then a header saying what is in it. A
collection the draft leaves empty is written as `[]` followed by a commented example of one record,
every key with its meaning, for the author to copy.
"""

from __future__ import annotations

from ..text import LINE_BREAKS_AND_TABS, one_line
from ..loading.format import ARTICLE
from .draft import TODO, Draft
from .examples import commented_fields
from .yaml_text import comment_block, flow_list, key_value, list_item, quoted, text_line

SCHEMA_FILE_NAME = "dataset.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_FILE_NAME}"
FILE_NAMES = {
    name: f"{name}.yaml" for name in ("article", "people", "characters", "scenes", "events", "quotes", "notes")
}
_HOW_TO_FINISH = (
    "# Lines marked TODO are guesses or blanks to fill in; `anora-tui check --data DIR` counts those left\n"
    "# (`anora-tui format` prints the description of every key)."
)


FILM = ARTICLE.specs["film"].check.record_type  # type: ignore[attr-defined]
_NO_BREAKS = dict.fromkeys(map(ord, LINE_BREAKS_AND_TABS), " ")


def _header(what: str) -> str:
    return f"{SCHEMA_LINE}\n{comment_block(what)}\n{_HOW_TO_FINISH}\n\n"


def draft_files(draft: Draft, source: str | None, examples: dict[str, str]) -> dict[str, str]:
    """File name -> text for every file of the draft. `source` names the text the draft was made
    from (for the headers; None: the template); `examples` holds each collection's commented example
    record."""
    source = one_line(source).translate(_NO_BREAKS) if source is not None else None
    files = {
        FILE_NAMES["article"]: _article(draft, source),
        FILE_NAMES["people"]: _people(draft, source, examples),
        FILE_NAMES["quotes"]: _quotes(draft, source, examples),
    }
    for name in ("characters", "scenes", "events", "notes"):
        files[FILE_NAMES[name]] = (
            _header(f"The {name}: none drafted, add them (the example below shows every key).")
            + f"{name}: []\n"
            + examples[name]
        )
    return dict(sorted(files.items()))


def _article(draft: Draft, source: str | None) -> str:
    if source is None:
        what = "The article: its title, where and when it was published, and its text, section by section."
    else:
        what = f"The article, drafted from {source}: its title, then every paragraph verbatim, in order."
    lines = [
        _header(what) + "article:",
        text_line(2, "title", draft.title),
        text_line(2, "publication", f"{TODO}: where it was published"),
    ]
    note = f"{TODO}: the publication date (YYYY-MM-DD, YYYY-MM or YYYY)"
    if draft.year_found:
        note += "; the latest year the text mentions is a guess"
    if all(section.title_guessed for section in draft.sections):  # the text has no headings at all
        lines.append(key_value(2, "headings", "editor",
                               "the section titles are yours, not the text's: shown and cited in [brackets]"))
    lines += [
        key_value(2, "date", quoted(draft.year), note),
        "  film:",
        text_line(4, "title", f"{TODO}: the film's title"),
        commented_fields(FILM, 4, leave_out=("title",)),
        "  sections:",
    ]
    for section in draft.sections:
        lines.append(key_value(4, "id", section.id, item=True))
        lines.append(text_line(6, "title", section.title))
        lines.append("      paragraphs:")
        lines += [list_item(8, paragraph) for paragraph in section.paragraphs]
    return "\n".join(lines) + "\n"


def _people(draft: Draft, source: str | None, examples: dict[str, str]) -> str:
    what = f"Candidate people: runs of capitalised words that recur in {source}. Delete the ones that are not people."
    if not draft.people:
        what = "The people the article names." if source is None else f"People: no names recur in {source}; add them."
        return _header(what) + "people: []\n" + examples["people"]
    lines = [_header(what) + "people:"]
    for person in draft.people:
        if person.placeholder:
            found = f"{TODO}: a placeholder for the speaker of quotes no name is near; replace it"
        else:
            times = {1: "once", 2: "twice"}.get(person.uses, f"{person.uses} times")
            if person.thing:
                found = f"{TODO}: a place or a title, by how it is used ({times}); delete the entry if not a person"
            else:
                found = f"{TODO}: a person? the name is used {times}; delete the entry if not"
        lines += [
            key_value(2, "id", person.id, found, item=True),
            text_line(4, "name", person.name),
            key_value(4, "kind", "other", f"{TODO}: cast, crew, cited or other"),
            key_value(4, "roles", flow_list([f"{TODO}: role"])),
            text_line(4, "description", f"{TODO}: who they are, in your own words"),
        ]
        if person.aliases:
            aliases = f"{TODO}: the surname alone is used too; other names the article uses for them"
            lines.append(key_value(4, "aliases", flow_list(person.aliases), aliases))
    return "\n".join(lines) + "\n"


def _quotes(draft: Draft, source: str | None, examples: dict[str, str]) -> str:
    if not draft.quotes:
        what = "Every quotation in the article." if source is None else f"Quotes: none in double quotes in {source}; add them."
        return _header(what) + "quotes: []\n" + examples["quotes"]
    lines = [
        _header(
            f"Every passage in double quotes in {source}, with a guess at who says it. Delete what is not a "
            "quotation (a title, a scare quote)."
        )
        + "quotes:",
    ]
    for quote in draft.quotes:
        lines += [
            key_value(2, "id", quote.id, item=True),
            key_value(4, "speaker", quote.speaker, f"{TODO}: guessed: {quote.how}"),
            text_line(4, "text", quote.text),
            key_value(4, "section", quote.section),
            key_value(4, "paragraph", str(quote.paragraph)),
            key_value(4, "form", "direct"),
        ]
    return "\n".join(lines) + "\n"
