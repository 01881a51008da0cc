"""One person in full: who they are, who they play, what they said, and where the article names them.

Everything below the header line is one `LinkList`, so Up/Down/Enter and the mouse reach every item.
The mentions map is a one-line strip across the article (each section a segment as long as its
paragraphs), redrawn whenever the list's width changes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

from ...core.mention_reasons import count_phrase, mention_reason, mention_summary
from ...core.mentions import sections_left_showing
from ...core.model import Dataset, Mention, Note, Person
from ...core.navigation import Location
from ...core.quoting import note_line, notes_on_words, place_label, section_label, shown_quote
from ...core.text import excerpt, note_wording
from ...core.timeline_layout import event_when, format_position
from ..content import OUTSIDE_ARTICLE_LABEL
from ..widgets.film_strip import Mark, cell_range, proportional_strip
from ..widgets.link_list import Heading, Info, Link, LinkList, Row
from .detail_view import DetailHeader, DetailView
from .people import NAMED_MARKER  # the same mark as in the People list

KIND_LABELS = {"cast": "cast", "crew": "crew", "cited": "cited in the article"}
EXCERPT_CHARS = 60
NAMED_WHERE_YOU_READ = "named where you read"  # true even where the reading pane is hidden
NAMED_CHAR = "█"
NOTE_CHAR = "▒"
SECTION_CHARS = ("─", "╌")  # alternate, so neighbouring sections stay apart without colour

# Span styles name the widget's component classes: Textual resolves them when drawing, from
# people.tcss and the current theme (so a theme switch needs no rebuild).
NAME = ".person-detail--name"
META = ".person-detail--meta"
MATCH = ".person-detail--match"
NAMED = ".person-detail--named"
VIA_NOTE = ".person-detail--via-note"
OUTSIDE = ".person-detail--outside"  # what the dataset says that the article does not
SECTION_STYLES = (".person-detail--section-even", ".person-detail--section-odd")

# Heading titles the jump keys look for.
QUOTES, SCENES, MENTIONS = "QUOTES", "SCENES", "MENTIONS"


class PersonDetail(DetailView["BuiltRows"]):
    """The detail view of one person: a header line over a list of followable rows."""

    COMPONENT_CLASSES = {style.removeprefix(".") for style in (NAME, META, MATCH, NAMED, VIA_NOTE, OUTSIDE, *SECTION_STYLES)}
    BINDINGS = [
        # Not q: the App quits with q.
        Binding("quotation_mark", f"jump('{QUOTES}')", "Quotes", key_display='"', tooltip="Jump to their quotes", id="person.jump-to-quotes"),
        Binding("s", f"jump('{SCENES}')", "Scenes", tooltip="Jump to their scenes", id="person.jump-to-scenes"),
        Binding("m", f"jump('{MENTIONS}')", "Mentions", tooltip="Jump to where the article names them", id="person.jump-to-mentions"),
        # A person with none of these: the jump is disabled and its key comes here, to say so.
        Binding("quotation_mark", f"none_to_jump_to('{QUOTES}')", "Quotes", show=False, id="person.no-quotes"),
        Binding("s", f"none_to_jump_to('{SCENES}')", "Scenes", show=False, id="person.no-scenes"),
        Binding("m", f"none_to_jump_to('{MENTIONS}')", "Mentions", show=False, id="person.no-mentions"),
    ]

    def __init__(self, dataset: Dataset, **kwargs) -> None:
        super().__init__(**kwargs)
        self._header = DetailHeader(id="person-header")
        self._links = LinkList(id="person-links")
        self._dataset = dataset
        self._person_id: str | None = None
        self._on_screen = False
        self._headings: dict[str, int] = {}
        self._strip_row: int | None = None
        self._strip_width = 0

    def parts(self) -> tuple[Widget, ...]:
        return (self._header, self._links)

    def on_mount(self) -> None:
        self._render_person()

    @property
    def person_id(self) -> str | None:
        return self._person_id

    @property
    def links(self) -> LinkList:
        return self._links

    def show(self, person_id: str) -> None:
        """Show this person, scrolled to the top with the first followable row highlighted."""
        self._person_id = person_id
        if self.is_mounted:
            self._render_person()

    def set_on_screen(self, on_screen: bool) -> None:
        """Mark (in the header) that the person is named in the paragraphs on screen."""
        if on_screen != self._on_screen:
            self._on_screen = on_screen
            if self.is_mounted:
                self._render_header()

    def _render_person(self) -> None:
        if self._person_id is None:
            return
        self._render_header()
        self._strip_width = self._links_width()
        built = self.made_ahead(self._person_id, self._strip_width)
        if built is None:
            built = self.make_page(self._person_id, self._strip_width)
        self._headings = built.headings
        self._strip_row = built.strip_row
        self.links.set_rows(built.rows)
        self.refresh_bindings()

    def _render_header(self) -> None:
        if self._person_id is None:
            return
        person = self._dataset.people_by_id[self._person_id]
        heading = Content.assemble((person.name, NAME), (" · " + kind_label(person), META))
        tag = Content.assemble((f"{NAMED_MARKER} {NAMED_WHERE_YOU_READ}", NAMED)) if self._on_screen else None
        self._header.show(heading, tag)  # the tag on a line of its own when it does not fit whole

    def prepare(self, person_id: str) -> None:
        if person_id in self._dataset.people_by_id:
            super().prepare(person_id)

    def make_page(self, person_id: str, width: int) -> BuiltRows:
        return build_rows(self._dataset, self._dataset.people_by_id[person_id], width)

    def page_rows(self, page: BuiltRows) -> list[Row]:
        return page.rows

    def on_resize(self) -> None:
        # The list is laid out at the new size after this handler runs: measure it then.
        self.call_after_refresh(self._redraw_strip)

    def _redraw_strip(self) -> None:
        width = self._links_width()
        if self._person_id is None or self._strip_row is None or width == self._strip_width:
            return
        self._strip_width = width
        self.links.relabel(
            self._strip_row, mentions_map(self._dataset, self._person_id, width)
        )

    # --- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "jump":
            return parameters[0] in self._headings  # hidden from the footer when absent
        if action == "none_to_jump_to":
            return self._person_id is not None and parameters[0] not in self._headings
        return True

    def action_none_to_jump_to(self, heading: str) -> None:
        if self._person_id is None:
            return
        name = self._dataset.people_by_id[self._person_id].name
        self.app.bell()
        self.notify({QUOTES: f"No quotes from {name} in the article.",
                     SCENES: f"{name} is in none of the film's scenes on the timeline.",
                     MENTIONS: f"The article does not name {name}."}[heading], markup=False, timeout=3)

    def action_jump(self, heading: str) -> None:
        """Highlight the first link under a heading, with the heading in view above it."""
        index = self._headings.get(heading)
        links = self.links
        if index is None:
            return
        target = next(
            (i for i in range(index + 1, links.option_count) if links.location_at(i) is not None), None
        )
        if target is None:
            return
        links.highlighted = target
        links.scroll_to_highlight(top=True)  # the headings right above it come along


def kind_label(person: Person) -> str:
    """What the person is, beside their name: their group, or for anyone in no group (the couple's
    dogs) their roles, which say more than "other"."""
    label = KIND_LABELS.get(person.kind)
    if label is None:
        label = ", ".join(person.roles) or person.kind
    return label


# --- rows: pure functions of the dataset, the person and the strip's width -------------------


@dataclass(frozen=True)
class BuiltRows:
    rows: list[Row]
    headings: dict[str, int]  # heading title -> row index
    strip_row: int | None  # the mentions map row, redrawn on resize


def build_rows(dataset: Dataset, person: Person, strip_width: int) -> BuiltRows:
    rows: list[Row] = []
    headings: dict[str, int] = {}
    strip_row: int | None = None

    def heading(title: str, count: int | str | None = None) -> None:
        headings[title] = len(rows)
        rows.append(Heading(title if count is None else f"{title} · {count}"))

    if person.characters:
        heading("PLAYS")
        for character_id in person.characters:
            character = dataset.characters_by_id[character_id]
            label = Content.assemble((character.name, NAME), " — ", (character.description, META))
            if character.outside_article:
                label = Content.assemble(label, " ", (OUTSIDE_ARTICLE_LABEL + character.outside_article, OUTSIDE))
            rows.append(Link(label, Location("person", character.played_by)))

    heading("ROLES")
    rows.append(Info(Content("  " + ", ".join(person.roles))))
    heading("ABOUT")
    rows.append(Info(Content("  " + person.description)))
    if person.outside_article:
        rows.append(Info(Content.styled("  " + OUTSIDE_ARTICLE_LABEL + person.outside_article, OUTSIDE)))

    mentions = dataset.mentions_of(person.id)
    if mentions:
        heading("MENTIONS MAP")
        strip_row = len(rows)
        first = mentions[0]
        location = Location("section", first.section, first.paragraph, mention_reason(dataset, person.id, first).span)
        rows.append(Link(mentions_map(dataset, person.id, strip_width), location))

    notes = [note for note in dataset.notes if person.id in note.refers_to]
    if notes:
        heading("NOTES", len(notes))
        for note in notes:
            wording, says = note_wording(note.says, note.correction, capital=True)
            label = Content(wording).stylize(META, 0, says[0]).stylize(META, says[1], says[1] + 3)
            rows.append(Link(label, Location("section", note.section, note.paragraph, _note_span(dataset, note))))

    quotes = dataset.quotes_by(person.id)
    if quotes:
        heading(QUOTES, len(quotes))
        for quote in quotes:  # whole: a quote is read here, not only found
            shown = shown_quote(quote.text, quote.form)
            where = f"\n  — {place_label(dataset, quote.section, quote.paragraph)}"
            if shown.label:
                where += f" · {shown.label}"
            # A slip in the quote's words is never shown without its correction.
            for note in notes_on_words(dataset, quote.section, quote.paragraph, quote.text):
                where += f"\n  {note_line(note)}"
            label = Content.assemble(shown.opening, quote.text, shown.closing, (where, META))
            rows.append(Link(label, Location("quote", quote.id)))

    scenes = dataset.scenes_with(person.id)
    if scenes:
        heading(SCENES, len(scenes))
        for scene in scenes:
            label = Content.assemble(scene.title, (" · " + format_position(scene.position), META))
            rows.append(Link(label, Location("scene", scene.id)))

    events = dataset.events_with(person.id)
    if events:
        heading("EVENTS", len(events))
        for event in events:
            label = Content.assemble((event_when(event), META), "  ", event.title)
            rows.append(Link(label, Location("event", event.id)))

    if mentions:
        heading(MENTIONS, count_phrase(len(mentions), 'paragraph'))
        per_section = Counter(m.section for m in mentions)
        section_id = None
        for mention in mentions:
            if mention.section != section_id:
                section_id = mention.section
                section = dataset.sections_by_id[section_id]
                rows.append(Heading(f"{section_label(dataset, section)} · {per_section[section_id]}"))
            rows.append(_mention_link(dataset, person.id, mention))

    return BuiltRows(rows, headings, strip_row)


def prepare_lookups(dataset: Dataset) -> None:
    """Make the lookups `build_rows` reads (a dataset from the load cache makes each whole when first
    read: by id over every person, by speaker over every quote). Meant for a background thread; a
    failure is left to be raised again, and reported, where the lookup is read."""
    try:
        people = dataset.people_by_id
        anyone = next(iter(people), None)
        if anyone is not None:
            dataset.quotes_by(anyone)
            dataset.scenes_with(anyone)
            dataset.events_with(anyone)
        dataset.characters_by_id
    except Exception:
        pass


def mentions_map(dataset: Dataset, person_id: str, width: int) -> Content:
    """The strip (sections as segments proportional to their paragraphs, a mark on each paragraph
    that names the person) over a line saying how widely they are named."""
    starts, sections = dataset.paragraph_starts, dataset.sections
    total = starts[-1]
    marks: list[Mark] = []
    # Only the sections left showing at this width (a million quotes' article has 260,000).
    for index in sections_left_showing(starts, width, lambda start, length: cell_range(start, length, total, width)):
        odd = sections[index].index % 2
        marks.append(Mark(starts[index], starts[index + 1] - starts[index], SECTION_STYLES[odd], SECTION_CHARS[odd]))
    mentions = dataset.mentions_of(person_id)
    for mention in mentions:
        style, char = (NAMED, NAMED_CHAR) if mention.spans else (VIA_NOTE, NOTE_CHAR)
        start = starts[dataset.sections_by_id[mention.section].index]
        marks.append(Mark(start + mention.paragraph - 1, 1, style, char))
    strip = proportional_strip(width, total, marks)
    sections = len({m.section for m in mentions})
    summary = mention_summary(mentions)
    summary += f"{',' if ',' in summary else ''} across {count_phrase(sections, 'section')}"
    return Content.assemble(strip, "\n", (summary, META))


def _mention_link(dataset: Dataset, person_id: str, mention: Mention) -> Link:
    """"¶4 …the excerpt around the name…", followable to that naming in the paragraph, with why it is
    listed unless the paragraph simply names them: "(named by mistake: see note)"."""
    reason = mention_reason(dataset, person_id, mention)
    span = reason.span
    before, match, after = excerpt(dataset.paragraph(mention.section, mention.paragraph), span or (0, 0), EXCERPT_CHARS)
    parts: list[str | tuple[str, str]] = [(f"¶{mention.paragraph} ", META), before, (match, MATCH), after]
    if mention.count > 1:
        parts.append((f" ×{mention.count}", META))
    if reason.flagged:
        parts.append((f" ({reason.wording})", VIA_NOTE))
    return Link(Content.assemble(*parts), Location("section", mention.section, mention.paragraph, span))


def _note_span(dataset: Dataset, note: Note) -> tuple[int, int] | None:
    start = dataset.paragraph(note.section, note.paragraph).find(note.says)
    return (start, start + len(note.says)) if start >= 0 else None

