"""A list of followable links: each row carries a `Location`, and choosing it posts `Navigate`.

Person details, scene details and the people sidebar all show such lists, so they share this widget.
Rows are rendered from `Text`/`Content`, never parsed as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Union

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.navigation import Location
from ..messages import Navigate
from .paging import page


@dataclass(frozen=True)
class Link:
    label: Text | Content
    location: Location


@dataclass(frozen=True)
class Heading:
    """A non-selectable group title inside the list (styled in tcss as `.option-list--option-disabled`)."""

    label: str


@dataclass(frozen=True)
class Info:
    """A row of plain information (a role, a description): it can be highlighted but leads nowhere."""

    label: Text | Content


Row = Union[Link, Heading, Info]


class LinkList(OptionList):
    """An `OptionList` of `Link`s, `Info` rows and `Heading`s; Enter or a click follows the highlighted link."""

    BINDINGS = [
        Binding("enter", "select", "Open", show=True),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, rows: Iterable[Row] = (), **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self._locations: list[Location | None] = []
        self._cache_width: int | None = None  # the width the rows were wrapped and drawn at
        self.set_rows(rows)

    # OptionList forgets every wrapped and drawn row on each Resize and on each replaced prompt.
    # Here the caches are dropped when the width they were made for changes, and a replaced prompt
    # drops only its own row: relabelling a few rows, or a resize that keeps the width (such as the
    # first one after mounting), no longer redraws the whole list.

    def _update_lines(self) -> None:
        region = self.scrollable_content_region
        if region and region.width != self._cache_width:
            self._option_render_cache.clear()
            self._line_cache.clear()
            self._cache_width = region.width
        super()._update_lines()

    def _on_resize(self, event: events.Resize) -> None:
        event.prevent_default()  # not OptionList's: `_update_lines` knows when the width changed
        if self.scrollable_content_region.width != self._cache_width:
            self.refresh()

    def _replace_option_prompt(self, index: int, prompt) -> None:
        option = self.get_option_at_index(index)
        option._set_prompt(prompt)
        cache = self._option_render_cache
        for key in [key for key in cache.keys() if key[0] is option]:
            cache.discard(key)
        line_cache = self._line_cache
        height = line_cache.heights.get(index)
        first_line = line_cache.index_to_line.get(index)
        if height is None or first_line is None or self._cache_width is None:
            self.refresh()
            return
        padding = self.get_component_styles("option-list--option").padding
        width = self._cache_width - self._get_left_gutter_width() - padding.width
        if self._get_visual(option).get_height(self.styles, width) + option._divider != height:
            line_cache.clear()  # the rows below move: count the lines again, draw them all
            self.refresh()
        else:
            self.refresh_lines(first_line, height)

    def action_page_up(self) -> None:
        page(self, -1)

    def action_page_down(self) -> None:
        page(self, 1)

    def set_rows(self, rows: Iterable[Row]) -> None:
        """Replace every row, keeping the highlight on the first link."""
        options: list[Option] = []
        self._locations = []
        for row in rows:
            if isinstance(row, Heading):
                options.append(Option(Text(row.label), disabled=True))
                self._locations.append(None)
            elif isinstance(row, Info):
                options.append(Option(row.label))
                self._locations.append(None)
            else:
                options.append(Option(row.label))
                self._locations.append(row.location)
        self.clear_options()
        self.add_options(options)
        self.highlighted = self.first_link_index()

    def first_link_index(self) -> int | None:
        return next((i for i, loc in enumerate(self._locations) if loc is not None), None)

    def location_at(self, index: int | None) -> Location | None:
        if index is None or not 0 <= index < len(self._locations):
            return None
        return self._locations[index]

    def index_of(self, location: Location) -> int | None:
        try:
            return self._locations.index(location)
        except ValueError:
            return None

    @property
    def highlighted_location(self) -> Location | None:
        return self.location_at(self.highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        location = self.location_at(event.option_index)
        if location is not None:
            self.post_message(Navigate(location))
