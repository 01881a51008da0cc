"""The timeline's two track labels, drawn as one line: the shown track is marked, a click on the other
switches to it (the pane's `t` key does the same from the keyboard)."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

GAP = "  "


class TrackSwitch(Widget, can_focus=False):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"track-switch--active", "track-switch--inactive"}

    class Chosen(Message):
        """A label was clicked."""

        def __init__(self, choice: str) -> None:
            super().__init__()
            self.choice = choice

    def __init__(self, labels: dict[str, str], active: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.labels = labels
        self._active = active

    @property
    def active(self) -> str:
        return self._active

    @active.setter
    def active(self, choice: str) -> None:
        if choice not in self.labels:
            raise ValueError(f"no track {choice!r}")
        if choice != self._active:
            self._active = choice
            self.refresh()

    def cells(self) -> dict[str, tuple[int, int]]:
        """Where each label is drawn: first cell and the cell after its last."""
        spans: dict[str, tuple[int, int]] = {}
        x = 0
        for choice, label in self.labels.items():
            spans[choice] = (x, x + cell_len(label))
            x += cell_len(label) + len(GAP)
        return spans

    def render(self) -> Text:
        active = self.get_component_rich_style("track-switch--active")
        inactive = self.get_component_rich_style("track-switch--inactive")
        parts = [(label, active if choice == self._active else inactive) for choice, label in self.labels.items()]
        return Text(GAP, no_wrap=True, overflow="crop", end="").join(Text(label, style) for label, style in parts)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for choice, (start, end) in self.cells().items():
            if start <= offset.x < end:
                event.stop()
                if choice != self._active:
                    self.post_message(self.Chosen(choice))
                return
