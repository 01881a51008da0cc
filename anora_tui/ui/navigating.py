"""The reader's moves, mixed into the App: `Navigate` recorded in the `History` and shown by the right
pane, Back and Forward returning to where the reader was, and the people named where the reader reads."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable

from textual.css.query import NoMatches

from ..core.navigation import Location
from ..core.places import place_exists, quote_location
from .messages import Navigate, ParagraphsInView
from .widgets.link_list import LinkList

if TYPE_CHECKING:
    from .app import AnoraApp

    _Base = AnoraApp
else:
    _Base = object


class Navigating(_Base):
    """The navigation of `AnoraApp` (which gates Back and Forward to the reader's own screen)."""

    def on_navigate(self, message: Navigate) -> None:
        message.stop()
        location = message.location
        if not self._exists(location):
            self.notify(f"Nothing to open: {location.kind} {location.id!r} is not in this dataset.",
                        severity="warning", markup=False)
            return
        if message.record:
            self._record_text_if_unrecorded()
            self._remember_view()
            self.history.visit(location)
            self.refresh_bindings()  # Back may have become possible, Forward impossible
        self._go(location)

    def _exists(self, location: Location) -> bool:
        return place_exists(self.dataset, location)

    def _go(self, location: Location) -> None:
        """Show the location; one that remembers a scroll position (Back, Forward) is shown as it
        was left, a new one with where the jump landed marked."""
        returning = location.scroll is not None or location.cursor is not None
        if location.kind == "quote":
            location = quote_location(self.dataset, location.id)
        if location.kind == "section":
            self.contents.mark_current(location.id)
            self.reading.open_section(
                location.id, location.paragraph, location.span, location.marks,
                mark=not returning, scroll=location.scroll or 0,
            )
            self._show_pane("reading")
        else:
            self._show_detail(location)
            if returning and (links := self._detail_links(location)) is not None:
                links.restore_view(location.cursor, location.scroll, location.into or 0)
            if returning and location.text is not None:
                self._restore_text(*location.text)
            self._show_pane("people" if location.kind == "person" else "timeline")
        self.places.moved()
        self.idle_collection.opened()

    def _text_view(self) -> tuple[str, int, int] | None:
        """What the reading pane shows: (section id, paragraph at the top, how far into it)."""
        section_id = self.reading.section_id
        if section_id is None:
            return None
        paragraph, into = self.reading.view_position() or (0, 0)
        return section_id, paragraph, into

    def _restore_text(self, section_id: str, paragraph: int, into: int) -> None:
        """Put the reading pane back where it was when the reader left a detail (a jump from it into
        the text moved it), unless it is there already or the section is gone."""
        if section_id not in self.dataset.sections_by_id or self._text_view() == (section_id, paragraph, into):
            return
        self.contents.mark_current(section_id)
        self.reading.open_section(section_id, paragraph or None, mark=False, scroll=into)

    def _detail_links(self, location: Location) -> LinkList | None:
        """The list of the detail view showing `location` (a person, scene or event), if one does."""
        if location.kind == "person":
            shown = self.people.showing_detail and self.people.detail.person_id == location.id
            return self.people.detail.links if shown else None
        timeline = self.timeline
        return timeline.detail.links if timeline.open == Location(location.kind, location.id) else None

    def _detail_view(self, location: Location) -> tuple[int | None, int, int] | None:
        """Where the reader is in the detail of `location`: shown, or kept open by the timeline's
        other track (a scene stays open while the production track is in front)."""
        if location.kind in ("scene", "event"):
            return self.timeline.view_of(Location(location.kind, location.id))
        links = self._detail_links(location)
        return links.view() if links is not None else None

    def text_unrecorded(self) -> bool:
        """Whether the reader is in the text though the history's current place is elsewhere: they
        came to it by a pane key (2, Tab) from a person, scene or event."""
        try:
            text = self._text_view() if self.active_pane == "reading" else None
        except NoMatches:  # the panes are being replaced (`--watch`) or the reader is closing
            return False
        if text is None:
            return False
        current = self.history.current
        return current is None or self._section_of(current) != text[0]

    def _section_of(self, location: Location) -> str | None:
        """The section a section or quote location is in (None for a person, scene or event)."""
        if location.kind == "section":
            return location.id
        return self.dataset.quotes_by_id[location.id].section if location.kind == "quote" else None

    def _record_text_if_unrecorded(self) -> None:
        """Leaving text the history does not have: record it first, so Back returns to it as it was."""
        if self.text_unrecorded():
            self._remember_view()
            section_id, paragraph, into = self._text_view()  # type: ignore[misc]
            self.history.visit(Location("section", section_id, paragraph or None, scroll=into))

    def _remember_view(self) -> None:
        """Keep in the history where the reader is in the current place, for Back to return to."""
        current = self.history.current
        if current is None:
            return
        if (section_id := self._section_of(current)) is not None:
            text = self._text_view()
            if text is not None and text[0] == section_id:
                _, paragraph, into = text
                self.history.replace_current(Location("section", section_id, paragraph or None, scroll=into))
        elif (view := self._detail_view(current)) is not None:
            cursor, scroll, into = view
            self.history.replace_current(
                replace(current, cursor=cursor, scroll=scroll, into=into, text=self._text_view())
            )

    def _show_detail(self, location: Location) -> None:
        if location.kind == "person":
            self.people.show_person(location.id)
        elif location.kind == "scene":
            self.timeline.show_scene(location.id)
        else:
            self.timeline.show_event(location.id)

    def on_paragraphs_in_view(self, message: ParagraphsInView) -> None:
        named = dict.fromkeys(
            person_id
            for paragraph in message.paragraphs
            for person_id in self.dataset.people_named_in(message.section_id, paragraph)
        )
        self.people.mark_named(named)
        self.timeline.mark_section(message.section_id)
        self.places.moved()  # the reading pane scrolled
        self.copy_offer_may_change()

    def action_back(self) -> None:
        self._step_history(self.history.back)

    def action_forward(self) -> None:
        self._step_history(self.history.forward)

    def action_nowhere_in_history(self, step: int) -> None:
        """Back or Forward pressed with nowhere to go (their keys are disabled then): say so."""
        self.bell()
        self.notify("Nothing to go back to: this is the first place you opened." if step < 0
                    else "Nothing to go forward to: b goes back, then f forward again.", markup=False, timeout=3)

    def _step_history(self, step: Callable[[], Location | None]) -> None:
        """Back or Forward: keep where the reader is in the place left, then go (a bell if nowhere).
        After the sections keys pressed just before have asked for, once they are open."""
        if self.reading.after_arrival(lambda: self._step_history(step)):
            return
        if step == self.history.back:
            self._record_text_if_unrecorded()
        self._remember_view()
        location = step()
        if location is None:
            self.bell()
        else:
            self.refresh_bindings()
            self._go(location)
