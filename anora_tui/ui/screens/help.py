"""The help screen: every key, grouped by where it works, read from the bindings themselves so the
list can never drift from what the keys really do."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar, Iterable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..widgets.key_bar import KeyBar

# Horizontal scrolling means nothing in panes that wrap their text.
_HIDDEN_ACTIONS = {"page_left", "page_right", "scroll_left", "scroll_right", "help_quit"}

KeyGroup = tuple[str, Sequence[BindingType]]


class HelpScreen(ModalScreen[None]):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"help--keys"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "dismiss", "Close help", show=True, id="help.close"),
        Binding("down,j", "scroll('down')", "Down", show=False, id="help.scroll-down"),
        Binding("up,k", "scroll('up')", "Up", show=False, id="help.scroll-up"),
    ]

    def __init__(self, groups: Sequence[KeyGroup]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "Escape closes"
            for title, bindings in self.groups:
                yield Static(Content(title), classes="help-group")
                yield Static(self._table(bindings), classes="help-keys")
        yield KeyBar()

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "down":
            body.scroll_down()
        else:
            body.scroll_up()

    def _table(self, bindings: Iterable[BindingType]) -> Content:
        rows = key_rows(self.app.get_key_display, bindings)
        width = max((len(keys) for keys, _ in rows), default=0)
        key_style = self.get_visual_style("help--keys", partial=True)
        return Content("\n").join(
            Content.assemble((keys.ljust(width), key_style), "  ", description) for keys, description in rows
        )


def key_rows(display, bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, description) rows: keys for the same action joined with " / ", in binding order."""
    rows: dict[tuple[str, str], list[str]] = {}
    for binding in Binding.make_bindings(bindings):
        description = binding.tooltip or binding.description
        if not description or binding.action in _HIDDEN_ACTIONS or binding.system:
            continue
        keys = rows.setdefault((binding.action, description), [])
        key = display(replace(binding, key_display=None))  # the footer's short form stands for one key
        if key not in keys:
            keys.append(key)
    return [(" / ".join(keys), description) for (_action, description), keys in rows.items()]
