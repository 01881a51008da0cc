"""A list of followable links: each row carries a `Location`, and choosing it posts `Navigate`.

Person details, scene details and the people sidebar all show such lists, so they share this widget.
Rows are rendered from `Content`, never parsed as markup, and wrap with a hanging indent (`Hanging`).
A row's label may be a function that makes it: only the rows drawn are ever labelled (`VirtualList`),
so a list of 52,000 people opens as fast as one of 26.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import partial
from typing import Callable, Hashable, Iterable, NamedTuple, Sequence, Union

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.visual import Visual

from ...core.model import RecordsAt
from ...core.navigation import Location, LocationKind
from ..hanging import Hanging
from ..messages import Navigate
from .recent_cache import RecentCache
from .virtual_list import VirtualList

LinkLabel = Union[Text, Content, Callable[[], Union[Text, Content]]]


class Link(NamedTuple):
    """A row that opens a place."""

    label: LinkLabel  # or a function making it, called when the row is first drawn
    location: Location


class Heading(NamedTuple):
    """A non-selectable group title inside the list (styled in tcss as `.option-list--option-disabled`)."""

    label: str


class Info(NamedTuple):
    """A row of plain information (a role, a description): it can be highlighted but leads nowhere."""

    label: LinkLabel


Row = Union[Link, Heading, Info]


class RecordRows(Sequence[Row]):
    """The rows of a long list of records, made when asked for (only the rows drawn are): groups of
    records, each under its heading (if it has one), each record a `Link` to `Location(kind, id)`
    labelled by `label(record)` when the row is first drawn."""

    def __init__(self, groups: Iterable[tuple[str | None, Sequence]], kind: LocationKind,
                 label: Callable[[object], Text | Content]) -> None:
        self._groups = [(heading, records) for heading, records in groups if records]
        self._kind = kind
        self._label = label
        self._starts: list[int] = []  # each group's first row
        self._headings: list[int] = []
        count = 0
        for heading, records in self._groups:
            self._starts.append(count)
            if heading is not None:
                self._headings.append(count)
            count += (heading is not None) + len(records)
        self._count = count
        self._index: dict[str, int] | None = None  # record id -> row, made when first asked

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        group = bisect_right(self._starts, index) - 1
        heading, records = self._groups[group]
        offset = index - self._starts[group]
        if heading is not None:
            if offset == 0:
                return Heading(heading)
            offset -= 1
        record = records[offset]
        return Link(partial(self._label, record), Location(self._kind, record.id))

    @property
    def headings(self) -> list[int]:
        return self._headings

    def index_of(self, location: Location) -> int | None:
        if location.kind != self._kind:
            return None
        if location != Location(self._kind, location.id):
            return None
        if self._groups and all(isinstance(records, RecordsAt) for _, records in self._groups):
            # A cached dataset's people: found through its lookup by id, not by reading every row.
            for start, (heading, records) in zip(self._starts, self._groups):
                offset = records.offset_of(location.id)
                if offset is not None:
                    return start + (heading is not None) + offset
            return None
        if self._index is None:
            self._index = {}
            for start, (heading, records) in zip(self._starts, self._groups):
                first = start + (heading is not None)
                # A cached dataset's people by their ids alone: making every person to read their
                # ids took 3 s at a million quotes (the first Escape from a person).
                ids = records.values_of("id") if isinstance(records, RecordsAt) else [record.id for record in records]
                for offset, record_id in enumerate(ids):
                    self._index.setdefault(record_id, first + offset)
        index = self._index.get(location.id)
        return index if index is not None and location == Location(self._kind, location.id) else None


class _Labels(Sequence[object]):
    """The labels of `RecordRows`, as `VirtualList` asks for them."""

    def __init__(self, rows: RecordRows) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):  # type: ignore[override]
        row = self._rows[index]
        return Text(row.label) if isinstance(row, Heading) else row.label


class KeptLabels:
    """Labels kept by what they show (a key the pane chooses: a record and its marks), so that the
    same row shown again is given the very label it had: the list then measures and draws it from
    what it did before (a name marked, unmarked and marked again as the text moves)."""

    def __init__(self, size: int = 4096) -> None:
        self._labels: RecentCache[Hashable, Content] = RecentCache(size)

    def get(self, key: Hashable, make: Callable[[], Content]) -> Content:
        label = self._labels.get(key)
        if label is None:
            label = self._labels[key] = make()
        return label

    def clear(self) -> None:
        self._labels.clear()


class LinkList(VirtualList):
    """A list of `Link`s, `Info` rows and `Heading`s; Enter or a click follows the highlighted link."""

    BINDINGS = [
        Binding("enter", "select", "Open", show=True, id="list.open"),
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    ]

    def __init__(self, rows: Iterable[Row] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        self._locations: list[Location | None] | None = []  # None for `RecordRows`
        self._rows: RecordRows | None = None
        self._index: dict[Location, int] | None = None  # made when first asked
        self._offers_open = True  # whether the key bar offers ⏎ Open: the highlighted row leads somewhere
        self._ready: dict[int, tuple[object, Hanging]] = {}  # id(label) -> (label, wrapped ahead)
        self._wrapped: RecentCache[int, tuple[object, Hanging]] = RecentCache(1024)  # labels drawn, as `_ready`
        self.set_rows(rows)

    def set_rows(self, rows: Iterable[Row] | RecordRows, *, from_top: bool = False) -> None:
        """Replace every row, with the highlight on the first link, or (`from_top`) on the first row
        that can be highlighted, so the list shows from its start. `RecordRows` are not made until
        drawn (or asked for)."""
        self._index = None
        if isinstance(rows, RecordRows):
            self._rows = rows
            self._locations = None
            self.set_labels(_Labels(rows), rows.headings)
        else:
            self._rows = None
            labels: list[object] = []
            disabled: list[int] = []
            locations: list[Location | None] = []
            for row in rows:
                if isinstance(row, Heading):
                    disabled.append(len(labels))
                    labels.append(Text(row.label))
                    locations.append(None)
                else:
                    labels.append(row.label)
                    locations.append(row.location if isinstance(row, Link) else None)
            self._locations = locations
            self.set_labels(labels, disabled)  # type: ignore[arg-type]
        if from_top:
            self.highlighted = next((i for i in range(self.option_count) if not self.row_disabled(i)), None)
        else:
            self.highlighted = self.first_link_index()
        self._offer_open()

    def watch_highlighted(self, previous: int | None, highlighted: int | None) -> None:
        super().watch_highlighted(previous, highlighted)
        self._offer_open()

    def _offer_open(self) -> None:
        """⏎ Open offered only on a row that leads somewhere (not on a role, a description, or in a
        list with nothing to open); the key bar asked again only when that changes."""
        leads_somewhere = self.highlighted_location is not None
        if leads_somewhere != self._offers_open:
            self._offers_open = leads_somewhere
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select":
            return self.highlighted_location is not None
        return True

    def assume_width(self, width: int) -> None:
        """Measure the rows as if the list were `width` cells wide (border and scrollbar included)
        while it has never been laid out (it was hidden): rows set then are measured at once, as in
        a list on screen, so that its first frame has its scrollbar and is drawn once, not again for
        rows measured as they were drawn. Its first layout corrects a wrong guess (the rows are
        measured again then, as they were before)."""
        styles = self.styles
        gutter = styles.gutter.width + (styles.scrollbar_size_vertical if styles.scrollbar_gutter == "stable" else 0)
        inner = width - gutter
        if self._width == 0 and inner > 0 and not self.scrollable_content_region.width:
            self._width = inner  # VirtualList's: the width its rows are measured at
            self._remeasure()

    @property
    def row_width(self) -> int:
        """The width its rows are drawn at, padding included: as laid out, or as assumed."""
        return self.scrollable_content_region.width or self._width

    def make_visual(self, label: object) -> Visual:
        ready = self._ready.get(id(label)) or self._wrapped.get(id(label))
        if ready is not None and ready[0] is label:
            return ready[1]
        if not isinstance(label, (Text, Content)):
            return super().make_visual(label)
        hanging = _hanging(label)
        self._wrapped[id(label)] = (label, hanging)  # given again (a row relabelled back), not wrapped again
        return hanging

    def prepare_labels(self, labels: Iterable[object], width: int) -> None:
        """Wrap these labels ahead (in idle time) at `width`, the width their text is drawn at (the
        rows' width less their padding), and at that less the vertical scrollbar (shown if the rows
        overflow, which only the layout decides): rows later set with these very labels are
        measured and drawn without wrapping them again. Kept until `forget_prepared`."""
        narrower = width - self.styles.scrollbar_size_vertical
        for label in labels:
            if isinstance(label, (Text, Content)) and id(label) not in self._ready:
                hanging = _hanging(label)
                if narrower > 0:
                    hanging.lines(narrower)
                hanging.lines(width)
                self._ready[id(label)] = (label, hanging)  # the label kept alive: its id stays its own

    def forget_prepared(self) -> None:
        self._ready.clear()

    def relabel(self, index: int, label: LinkLabel) -> None:
        """Draw one row with a new label (or a function making it), in place (keeping the highlight
        and the scroll)."""
        self.replace_label(index, label)

    def replace_option_prompt_at_index(self, index: int, prompt: LinkLabel) -> None:
        """As OptionList's: the row is drawn as the prompt is (no hanging indent added; see `relabel`)."""
        self.replace_label(index, prompt, as_given=True)

    def view(self) -> tuple[int | None, int, int]:
        """Where the list is: the highlighted row, the row at the top and how many of its lines are
        above the top (rows, not lines, so that it means the same at any width; see `restore_view`)."""
        row, into = self.top_place
        return self.highlighted, row, into

    def restore_view(self, cursor: int | None, top_row: int | None, into: int = 0) -> None:
        """Come back to a `view()`: the same row at the top, as far into it, the highlight on the same
        row (kept in view). Done once the rows have been measured at the list's width."""

        def restore() -> None:
            if top_row is not None and 0 <= top_row < self.option_count:
                self.show_row_at_top(top_row, into)
            if cursor is not None and 0 <= cursor < self.option_count:
                self.highlighted = cursor
            self.scroll_to_highlight()

        self.call_after_refresh(restore)

    def first_link_index(self) -> int | None:
        return next((i for i in range(self.option_count) if self.location_at(i) is not None), None)

    def location_at(self, index: int | None) -> Location | None:
        if index is None or not 0 <= index < self.option_count:
            return None
        if self._locations is None:
            row = self._rows[index]
            return row.location if isinstance(row, Link) else None
        return self._locations[index]

    def index_of(self, location: Location) -> int | None:
        if self._locations is None:
            return self._rows.index_of(location)
        if self._index is None:
            self._index = {}
            for index, known in enumerate(self._locations):
                if known is not None:
                    self._index.setdefault(known, index)
        return self._index.get(location)

    @property
    def highlighted_location(self) -> Location | None:
        return self.location_at(self.highlighted)

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        event.stop()
        location = self.location_at(event.index)
        if location is not None:
            self.post_message(Navigate(location))


def _hanging(label: Text | Content) -> Hanging:
    return Hanging(label if isinstance(label, Content) else Content.from_rich_text(label))
