"""The timeline pane's detail view of one scene or one production event.

Facts that are only read (summary, where it falls, how it was shot) sit in a scrollable block; everything
that can be followed (people, characters, sections) is a row of a `LinkList` below it. Data text goes
through `clean_text` (the loader already cleans what it reads; this also covers datasets built in code).
"""

from __future__ import annotations

from typing import ClassVar, Iterable

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from ...core.model import Dataset, Event, Production, Scene
from ...core.navigation import Location
from ...core.text import clean_text
from ...core.timeline_layout import (
    event_when,
    format_length,
    format_position,
    format_quantity,
)
from ..content import OUTSIDE_ARTICLE_LABEL
from ..widgets.link_list import Heading, Info, Link, LinkList, Row
from .detail_view import DetailView

PRECISION_WORDS = {
    "day": "exact date",
    "month": "month known",
    "year": "year known",
    "approximate": "approximate",
}
UNDATED_WORDS = "no date in the article: placed by its order"


class TimelineDetail(DetailView):
    """Shows one scene or event; `show_scene` / `show_event` replace what is shown."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-detail--title",
        "timeline-detail--label",
        "timeline-detail--approximate",
        "timeline-detail--muted",
        "timeline-detail--outside",
    }

    def __init__(self, dataset: Dataset, **kwargs) -> None:
        super().__init__(**kwargs)
        self.dataset = dataset
        self.shown: Location | None = None
        self._facts = Static(id="timeline-detail-facts")
        self._scroll = VerticalScroll(self._facts, id="timeline-detail-scroll")
        self._links = LinkList(id="timeline-detail-links")

    def parts(self) -> tuple[Widget, ...]:
        return (self._scroll, self._links)

    @property
    def scroll(self) -> VerticalScroll:
        return self._scroll

    @property
    def links(self) -> LinkList:
        return self._links

    @property
    def facts(self) -> Static:
        return self._facts

    def show_scene(self, scene_id: str) -> None:
        scene = self.dataset.scenes_by_id[scene_id]
        self.shown = Location("scene", scene_id)
        self._show(self._scene_facts(scene), self._scene_links(scene))

    def show_event(self, event_id: str) -> None:
        event = self.dataset.events_by_id[event_id]
        self.shown = Location("event", event_id)
        self._show(self._event_facts(event), self._event_links(event))

    def _show(self, facts: Text, links: list[Row]) -> None:
        self.facts.update(facts)
        self.links.set_rows(links)
        self.links.display = bool(links)
        self._scroll.scroll_home(animate=False)

    # --- facts --------------------------------------------------------------------------------

    def _style(self, name: str):
        return self.get_component_rich_style(f"timeline-detail--{name}", partial=True)

    def _scene_facts(self, scene: Scene) -> Text:
        position = scene.position
        text = Text()
        text.append(clean_text(scene.title), self._style("title"))
        text.append(f"\nScene {scene.order + 1} of {len(self.dataset.scenes)}", self._style("muted"))
        where = " · ".join(part for part in (format_position(position), format_length(position)) if part)
        text.append("\n")
        text.append(clean_text(where), self._style("approximate") if position.approximate else "")
        if position.start_minute is not None:
            text.append(f" ({clean_text(position.description)})", self._style("muted"))
        text.append("\n\n")
        text.append(clean_text(scene.summary))
        self._append_outside_article(text, scene.outside_article)
        return text

    def _append_outside_article(self, text: Text, outside_article: str) -> None:
        if outside_article:
            text.append(f"\n\n{OUTSIDE_ARTICLE_LABEL}{clean_text(outside_article)}", self._style("outside"))

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

    def _event_facts(self, event: Event) -> Text:
        text = Text()
        text.append(clean_text(event.title), self._style("title"))
        text.append("\n")
        vague = event.precision == "approximate" or not event.dated
        text.append(clean_text(event_when(event)), self._style("approximate") if vague else "")
        precision = PRECISION_WORDS.get(event.precision, event.precision) if event.dated else UNDATED_WORDS
        text.append(f" ({precision})", self._style("muted"))
        if event.date_note:
            text.append(f"\n{clean_text(event.date_note)}", self._style("muted"))
        text.append("\n\n")
        text.append(clean_text(event.summary))
        self._append_outside_article(text, event.outside_article)
        return text

    # --- links --------------------------------------------------------------------------------

    def _shooting_rows(self, heading: str, production: Production) -> list[Row]:
        """How the scene (or the whole film) was shot, as rows of the list: at any height the keys
        reach every line."""
        rows: list[Row] = [Heading(heading)]
        for label, value in self._production_lines(production):
            line = Text()
            if label:
                line.append(f"{label}: ", self._style("label"))
            line.append(clean_text(value))
            rows.append(Info(line))
        return rows

    def _film_rows(self) -> list[Row]:
        """What the dataset says of the whole film's making (its look, shots not tied to one scene)."""
        article = self.dataset.article
        rows = self._shooting_rows("The whole film", article.film_production)
        if article.film_outside_article:
            outside = Text(OUTSIDE_ARTICLE_LABEL + clean_text(article.film_outside_article), self._style("outside"))
            rows.append(Info(outside))
        return rows if len(rows) > 1 else []

    def _scene_links(self, scene: Scene) -> list[Row]:
        rows: list[Row] = self._shooting_rows("How it was shot", scene.production)
        if len(rows) == 1:
            rows.append(Info(Text("The article does not say.", self._style("muted"))))
        rows += self._people_rows(scene.people)
        if scene.characters:
            rows.append(Heading("Characters"))
            for character_id in scene.characters:
                character = self.dataset.characters_by_id[character_id]
                player = self.dataset.people_by_id[character.played_by]
                label = Text(clean_text(character.name))
                label.append(f" — played by {clean_text(player.name)}", self._style("muted"))
                rows.append(Link(label, Location("person", player.id)))
        # The whole film's facts come last, so that the scene's own links stay near the top.
        return rows + self._section_rows(scene.sections) + self._film_rows()

    def _event_links(self, event: Event) -> list[Row]:
        return self._people_rows(event.people) + self._section_rows(event.sections)

    def _people_rows(self, person_ids: Iterable[str]) -> list[Row]:
        rows: list[Row] = []
        for person_id in person_ids:
            person = self.dataset.people_by_id[person_id]
            label = Text(clean_text(person.name))
            label.append(f" — {clean_text(', '.join(person.roles))}", self._style("muted"))
            rows.append(Link(label, Location("person", person_id)))
        return [Heading("People"), *rows] if rows else []

    def _section_rows(self, section_ids: Iterable[str]) -> list[Row]:
        rows: list[Row] = []
        for section_id in section_ids:
            section = self.dataset.sections_by_id[section_id]
            label = Text(f"{section.index + 1}. {clean_text(section.title)}")
            rows.append(Link(label, Location("section", section_id)))
        return [Heading("Discussed in"), *rows] if rows else []
