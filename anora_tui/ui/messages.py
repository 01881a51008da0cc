"""The Textual messages the panes talk through. Panes never hold copies of the facts: they post a
`Navigate` with a `Location`, and the App moves every pane (and the history) accordingly."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ..core.navigation import Location


@dataclass
class Navigate(Message):
    """Ask the App to go to a location. `record=False` for moves that are not history entries."""

    location: Location
    record: bool = True


@dataclass
class ParagraphsInView(Message):
    """The reading pane scrolled: these paragraphs (1-based) of this section are on screen.

    Posted on every scroll step: a newer one replaces one still waiting in the queue."""

    section_id: str
    paragraphs: tuple[int, ...]

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ParagraphsInView)
