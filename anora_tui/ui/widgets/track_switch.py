"""The timeline's two track labels, drawn as one line: the shown track is marked (`▸`, so it can be
told without colour too), a click on the other switches to it (the pane's `t` key does the same from
the keyboard)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

ACTIVE_MARKER = "▸ "
INACTIVE_MARKER = "  "
GAP = "  "

ACTIVE = ".track-switch--active"
INACTIVE = ".track-switch--inactive"


class TrackSwitch(Widget, can_focus=False):
    COMPONENT_CLASSES: ClassVar[set[str]] = {ACTIVE.removeprefix("."), INACTIVE.removeprefix(".")}

    active: reactive[str] = reactive("", layout=False)

    @dataclass
    class Chosen(Message):
        """A label was clicked."""

        choice: str

    def __init__(self, labels: dict[str, str], active: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.labels = labels
        self.set_reactive(TrackSwitch.active, self.validate_active(active))

    def validate_active(self, choice: str) -> str:
        if choice not in self.labels:
            raise ValueError(f"no track {choice!r}")
        return choice

    def cells(self) -> dict[str, tuple[int, int]]:
        """Where each label (with its marker) is drawn: first cell and the cell after its last."""
        spans: dict[str, tuple[int, int]] = {}
        x = 0
        for choice, label in self.labels.items():
            width = len(ACTIVE_MARKER) + cell_len(label)
            spans[choice] = (x, x + width)
            x += width + len(GAP)
        return spans

    def render(self) -> Content:
        parts = []
        for choice, label in self.labels.items():
            if choice == self.active:
                parts.append(Content.assemble((ACTIVE_MARKER + label, ACTIVE)))
            else:
                parts.append(Content.assemble((INACTIVE_MARKER + label, INACTIVE)))
        return Content(GAP).join(parts)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for choice, (start, end) in self.cells().items():
            if start <= offset.x < end:
                event.stop()
                if choice != self.active:
                    self.post_message(self.Chosen(choice))
                return
