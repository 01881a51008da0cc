"""The timeline pane's detail view of one scene or one production event.

One list that scrolls as a whole, so the detail never hides its own text at any height: what happens
comes first (the title and the summary), then when it happens and how it was shot, then everything
that can be followed (people, characters, sections). Rows wrap with a hanging indent; the keys and
the mouse reach every line.
"""

from __future__ import annotations

from typing import ClassVar, Iterable

from textual.content import Content
from textual.widget import Widget

from ...core.model import Dataset, Event, Production, Scene
from ...core.navigation import Location
from ...core.quoting import section_label
from ...core.timeline_layout import (
    event_when,
    format_length,
    format_position,
    format_quantity,
)
from ..content import OUTSIDE_ARTICLE_LABEL, plain
from ..widgets.link_list import Heading, Info, Link, LinkList, Row
from .detail_view import DetailView

PRECISION_WORDS = {
    "day": "exact date",
    "month": "month known",
    "year": "year known",
    "approximate": "approximate",
}
UNDATED_WORDS = "no date in the article: placed by its order"

# Span styles name the view's component classes: Textual resolves them when drawing (timeline.tcss).
TITLE = ".timeline-detail--title"
LABEL = ".timeline-detail--label"
APPROXIMATE = ".timeline-detail--approximate"
MUTED = ".timeline-detail--muted"
OUTSIDE = ".timeline-detail--outside"


# A page: the facts at the top (what happens, and when), then the rows below them.
TimelinePage = tuple[list[Row], list[Row]]


class TimelineDetail(DetailView[TimelinePage]):
    """Shows one scene or event; `show_scene` / `show_event` replace what is shown."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        style.removeprefix(".") for style in (TITLE, LABEL, APPROXIMATE, MUTED, OUTSIDE)
    }

    def __init__(self, dataset: Dataset, **kwargs) -> None:
        super().__init__(**kwargs)
        self.dataset = dataset
        self.shown: Location | None = None
        self._links = LinkList(id="timeline-detail-links")
        self._fact_rows = 0  # the rows above the first heading: what happens, and when

    def parts(self) -> tuple[Widget, ...]:
        return (self._links,)

    @property
    def links(self) -> LinkList:
        return self._links

    @property
    def facts(self) -> str:
        """The facts at the top (title, summary, when) as plain text, one row a line."""
        return "\n".join(self._links.get_option_at_index(i).prompt.plain for i in range(self._fact_rows))

    def show_scene(self, scene_id: str) -> None:
        self._show(Location("scene", scene_id))

    def show_event(self, event_id: str) -> None:
        self._show(Location("event", event_id))

    def make_page(self, location: Location, width: int = 0) -> TimelinePage:
        """The rows of a scene or event (they do not depend on the width)."""
        if location.kind == "scene":
            scene = self.dataset.scenes_by_id[location.id]
            return self._scene_facts(scene), self._scene_links(scene)
        event = self.dataset.events_by_id[location.id]
        return self._event_facts(event), self._event_links(event)

    def page_rows(self, page: TimelinePage) -> list[Row]:
        return page[0] + page[1]

    def _show(self, location: Location) -> None:
        facts, links = self.made_ahead(location, self._links_width()) or self.make_page(location)
        self.shown = location
        self._fact_rows = len(facts)
        self._links.set_rows(facts + links, from_top=True)
        self._links.scroll_home(animate=False, immediate=True)

    # --- what happens, and when -----------------------------------------------------------------

    def _scene_facts(self, scene: Scene) -> list[Row]:
        position = scene.position
        when = Content.assemble((f"Scene {scene.order + 1} of {len(self.dataset.scenes)}", MUTED))
        where = " · ".join(part for part in (format_position(position), format_length(position)) if part)
        if where:
            when += Content.assemble(" · ", (where, APPROXIMATE if position.approximate else ""))
        if position.start_minute is not None and position.description:
            when += Content.assemble((" (", MUTED), (position.description, MUTED), (")", MUTED))
        rows: list[Row] = [Info(plain(scene.title).stylize(TITLE)), Info(plain(scene.summary)), Info(when)]
        return rows + _outside_article(scene.outside_article)

    def _event_facts(self, event: Event) -> list[Row]:
        vague = event.precision == "approximate" or not event.dated
        precision = PRECISION_WORDS.get(event.precision, event.precision) if event.dated else UNDATED_WORDS
        date = Content.assemble((event_when(event), APPROXIMATE if vague else ""), (f" ({precision})", MUTED))
        rows: list[Row] = [Info(plain(event.title).stylize(TITLE)), Info(plain(event.summary)), Info(date)]
        if event.date_note:
            rows.append(Info(plain(event.date_note).stylize(MUTED)))
        return rows + _outside_article(event.outside_article)

    # --- how it was shot, and the links ---------------------------------------------------------

    def _production_lines(self, production: Production) -> Iterable[tuple[str, str]]:
        if production.location:
            yield "Location", production.location
        days = [
            format_quantity(value, "day") + f" {word}"
            for value, word in ((production.days_shot, "shot"), (production.days_planned, "planned"))
            if value is not None
        ]
        if days:
            yield "Days", ", ".join(days)
        if production.script_pages:
            yield "Script pages", production.script_pages
        if production.camera:
            yield "Camera", ", ".join(production.camera)
        for note in production.notes:
            yield "", f"• {note}"

    def _shooting_rows(self, heading: str, production: Production) -> list[Row]:
        """How the scene (or the whole film) was shot, under a heading."""
        rows: list[Row] = [Heading(heading)]
        for label, value in self._production_lines(production):
            line = Content.assemble((f"{label}: ", LABEL)) if label else Content("")
            rows.append(Info(line + plain(value)))
        return rows

    def _film_rows(self) -> list[Row]:
        """What the dataset says of the whole film's making (its look, shots not tied to one scene)."""
        article = self.dataset.article
        rows = self._shooting_rows("The whole film", article.film_production)
        rows += _outside_article(article.film_outside_article)
        return rows if len(rows) > 1 else []

    def _scene_links(self, scene: Scene) -> list[Row]:
        rows: list[Row] = self._shooting_rows("How it was shot", scene.production)
        if len(rows) == 1:
            rows.append(Info(Content("The article does not say.").stylize(MUTED)))
        rows += self._people_rows(scene.people)
        if scene.characters:
            rows.append(Heading("Characters"))
            for character_id in scene.characters:
                character = self.dataset.characters_by_id[character_id]
                player = self.dataset.people_by_id[character.played_by]
                label = plain(character.name) + plain(f" — played by {player.name}").stylize(MUTED)
                rows.append(Link(label, Location("person", player.id)))
        # The whole film's facts come last, so that the scene's own links stay near the top.
        return rows + self._section_rows(scene.sections) + self._film_rows()

    def _event_links(self, event: Event) -> list[Row]:
        return self._people_rows(event.people) + self._section_rows(event.sections)

    def _people_rows(self, person_ids: Iterable[str]) -> list[Row]:
        rows: list[Row] = []
        for person_id in person_ids:
            person = self.dataset.people_by_id[person_id]
            label = plain(person.name) + plain(f" — {', '.join(person.roles)}").stylize(MUTED)
            rows.append(Link(label, Location("person", person_id)))
        return [Heading("People"), *rows] if rows else []

    def _section_rows(self, section_ids: Iterable[str]) -> list[Row]:
        rows: list[Row] = []
        for section_id in section_ids:
            section = self.dataset.sections_by_id[section_id]
            rows.append(Link(plain(section_label(self.dataset, section)), Location("section", section_id)))
        return [Heading("Discussed in"), *rows] if rows else []


def _outside_article(text: str) -> list[Row]:
    """What the dataset's editor knows from elsewhere, set apart and labelled, never taken for the text."""
    return [Info(plain(OUTSIDE_ARTICLE_LABEL + text).stylize(OUTSIDE))] if text else []
