"""The timeline pane: the film's scenes in story order (the story track) and the production's events
in date order (the production track), each with a one-line strip above its list.

The App calls the public methods (`show_track`, `show_scene`, `show_event`, `mark_section`,
`back_out`, `focus_default`); choosing a row or a mark on the strip posts `Navigate`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar, Iterable, Literal, NamedTuple

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from ...core.model import Dataset, Event, Scene
from ...core.navigation import Location
from ...core.timeline_layout import (
    StripLayout,
    axis_ticks,
    events_caption,
    film_caption,
    event_when,
    format_length,
    format_position,
    layout_events,
    layout_scenes,
    pack_labels,
)
from ..content import plain
from ..focus import focus_now
from ..messages import Navigate
from ..textual_private import KeptComponentStyles
from ..widgets.film_strip import Mark, cell_range, proportional_strip
from ..widgets.link_list import KeptLabels, Link, LinkList
from ..widgets.track_switch import TrackSwitch

if TYPE_CHECKING:
    from .timeline_detail import TimelineDetail  # imported when a scene or event is first opened

Track = Literal["story", "production"]
TRACK_KINDS: dict[str, Literal["scene", "event"]] = {"story": "scene", "production": "event"}
TRACK_LABELS: dict[Track, str] = {"story": "Story", "production": "Production"}
EXACT_CHAR = "█"
APPROXIMATE_CHAR = "▒"
ESTIMATED_CHAR = "░"
DISCUSSED_MARKER = "●"
# Up to this many scenes and events, every page is made ahead in idle time after the first frame.
PAGES_MADE_AHEAD = 200

# Component-class names of the pane, resolved by Textual when a row is drawn (see timeline.tcss).
MARKER = ".timeline--marker"
TITLE = ".timeline--title"
DISCUSSED = ".timeline--discussed"
APPROXIMATE = ".timeline--approximate"
MUTED = ".timeline--muted"
STRIP_KEYS = {
    "scene": Content(
        f"{EXACT_CHAR} minutes given   {APPROXIMATE_CHAR} approximate (≈)   "
        f"{ESTIMATED_CHAR} no minutes: placed by story order\nClick a mark to open its scene."
    ),
    "scene-order": Content(
        f"{ESTIMATED_CHAR} one slot per scene, in story order: the article gives no minutes\n"
        "Click a mark to open its scene."
    ),
    "event": Content(
        f"{EXACT_CHAR} dated to the day, month or year   {APPROXIMATE_CHAR} approximate (c.)   "
        f"{ESTIMATED_CHAR} no date: placed by its order\n"
        "Click a mark to open its event."
    ),
}


class TimelineStrip(Widget):
    """A one-line strip of the current track with an axis of minutes or years under it; a click on a
    mark posts `Navigate` to its scene or event."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-strip--track",
        "timeline-strip--mark",
        "timeline-strip--mark-alternate",
        "timeline-strip--discussed",
        "timeline-strip--selected",
        "timeline-strip--axis",
    }

    kind: reactive[Literal["scene", "event"]] = reactive("scene")
    strip_layout: reactive[StripLayout] = reactive(lambda: StripLayout(0.0, 0.0, ()))
    discussed: reactive[frozenset[str]] = reactive(frozenset)
    selected: reactive[str | None] = reactive(None)

    def show(
        self,
        kind: Literal["scene", "event"],
        layout: StripLayout,
        discussed: frozenset[str],
        selected: str | None,
    ) -> None:
        self.kind, self.strip_layout, self.discussed, self.selected = kind, layout, discussed, selected

    def on_resize(self) -> None:
        self.refresh()

    def watch_kind(self) -> None:
        self._show_key()

    def watch_strip_layout(self) -> None:
        self._show_key()

    def _show_key(self) -> None:
        """The strip's key, as its tooltip: scenes placed by minutes or by order, or events."""
        self.tooltip = STRIP_KEYS["scene-order" if self.strip_layout.scale == "order" else self.kind]

    def _marks(self) -> list[tuple[str, Mark]]:
        """(id, mark) in drawing order: discussed marks over plain ones, the selected one on top."""
        plain = (".timeline-strip--mark", ".timeline-strip--mark-alternate")
        layers: list[list[tuple[str, Mark]]] = [[], [], []]
        for index, placement in enumerate(self.strip_layout.placements):
            if placement.id == self.selected:
                layer, mark_style = 2, ".timeline-strip--selected"
            elif placement.id in self.discussed:
                layer, mark_style = 1, ".timeline-strip--discussed"
            else:
                layer, mark_style = 0, plain[index % 2]
            char = (
                ESTIMATED_CHAR
                if placement.estimated
                else APPROXIMATE_CHAR if placement.approximate else EXACT_CHAR
            )
            start = placement.start - self.strip_layout.low
            layers[layer].append((placement.id, Mark(start, placement.length, mark_style, char)))
        return [entry for layer in layers for entry in layer]

    def render(self) -> Content:
        width = self.size.width
        span = self.strip_layout.span
        marks = [mark for _, mark in self._marks()]
        strip = proportional_strip(width, span, marks, ".timeline-strip--track")
        low = self.strip_layout.low
        ticks = axis_ticks(self.strip_layout, width)
        labels = ((cell_range(tick.value - low, 0, span, width)[0], tick.label) for tick in ticks)
        axis = Content.assemble((pack_labels(width, labels), ".timeline-strip--axis"))
        return Content("\n").join([strip, axis])

    def id_at(self, x: int) -> str | None:
        """The scene or event drawn at cell `x` (the topmost where marks overlap)."""
        for record_id, mark in reversed(self._marks()):
            first, last = cell_range(mark.start, mark.length, self.strip_layout.span, self.size.width)
            if first <= x < last:
                return record_id
        return None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        record_id = self.id_at(offset.x) if offset is not None else None
        if record_id is not None:
            event.stop()
            self.post_message(Navigate(Location(self.kind, record_id)))


ListView = tuple[int | None, int, int]  # a list's highlighted row, the row at its top and lines of it above (`LinkList.view`)


class TrackPlace(NamedTuple):
    """What a track showed when the other track was put in front: its open scene or event and where
    its page was, or where its list was. Switching back shows it again as it was left."""

    open: Location | None = None
    detail_view: ListView | None = None
    list_view: ListView | None = None


class TimelinePane(KeptComponentStyles, Vertical):
    """Scenes and production events; a list per track, and a detail view of one scene or event."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        style.removeprefix(".") for style in (MARKER, TITLE, DISCUSSED, APPROXIMATE, MUTED)
    }

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("t", "toggle_track", "Track", show=True, id="timeline.switch-track",
                tooltip="Switch between the story track and the production track"),
        Binding("escape", "back_out", "Close", show=True, id="timeline.back-out",
                tooltip="Close the scene or event: back to the list"),
    ]

    def __init__(self, dataset: Dataset, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._kept_labels = KeptLabels()  # the rows' labels, by record and mark
        self.border_title = "Timeline"
        self.dataset = dataset
        self.track: Track = "story"
        self.open: Location | None = None  # the scene or event whose detail is shown
        self.discussed_section: str | None = None
        self._rows_track: Track | None = None  # the track whose rows the list holds
        self._kept: dict[Track, TrackPlace] = {"story": TrackPlace(), "production": TrackPlace()}
        self._layouts = {
            "story": layout_scenes(dataset.scenes, dataset.article.film_runtime_minutes),
            "production": layout_events(dataset.events),
        }
        self._captions = {
            "story": film_caption(dataset.article, self._layouts["story"]),
            "production": events_caption(self._layouts["production"], dataset.events),
        }
        # Made and mounted when a scene or event is first opened: start-up builds no hidden view.
        self._detail: TimelineDetail | None = None

    def compose(self) -> ComposeResult:
        yield TrackSwitch(TRACK_LABELS, self.track, id="timeline-tracks")
        yield Static(id="timeline-caption", markup=False)
        yield TimelineStrip(id="timeline-strip")
        with ContentSwitcher(initial="timeline-list", id="timeline-views"):
            yield LinkList(id="timeline-list")

    def on_mount(self) -> None:
        if self.open is not None:
            self._open(self.open)
        else:
            self._show_view()

    # --- parts ------------------------------------------------------------------------------

    @property
    def track_list(self) -> LinkList:
        return self.query_one("#timeline-list", LinkList)

    @property
    def detail(self) -> TimelineDetail:
        if self._detail is None:
            from .timeline_detail import TimelineDetail

            self._detail = TimelineDetail(self.dataset, id="timeline-detail")
        return self._detail

    @property
    def _detail_mounted(self) -> bool:
        return self._detail is not None and self._detail.parent is not None

    @property
    def strip(self) -> TimelineStrip:
        return self.query_one("#timeline-strip", TimelineStrip)

    # --- public contract --------------------------------------------------------------------

    def show_track(self, track: Track) -> None:
        """Show the list of the track's scenes or events."""
        if track not in TRACK_KINDS:
            raise ValueError(f"unknown timeline track {track!r}")
        self._set_track(track)
        self.open = None
        if self.is_mounted:
            self._show_view()

    def switch_track(self, track: Track) -> None:
        """Put the other track in front as it was left: its open scene or event at the same row,
        or its list where it was. The track put away keeps what it showed the same way."""
        if track not in TRACK_KINDS:
            raise ValueError(f"unknown timeline track {track!r}")
        if track == self.track:
            return
        self._set_track(track)
        kept = self._kept[track]
        if kept.open is not None:
            self._open(kept.open)
            if self.is_mounted and kept.detail_view is not None:
                self.detail.links.restore_view(*kept.detail_view)
        else:
            self.show_track(track)
            if self.is_mounted and kept.list_view is not None:
                self.track_list.restore_view(*kept.list_view)

    def view_of(self, location: Location) -> ListView | None:
        """Where the page of a scene or event is (highlighted row, row at the top): the page shown,
        or one a track keeps open behind the other; None if neither is that scene or event."""
        if self.open == location and self._detail_mounted:
            return self.detail.links.view()
        kept = self._kept["story" if location.kind == "scene" else "production"]
        return kept.detail_view if kept.open == location else None

    def mount_detail(self) -> None:
        """Mount the detail view (hidden until a scene or event is opened), if it is not yet."""
        if not self._detail_mounted and self.is_mounted:
            detail = self.detail
            detail.display = False  # as ContentSwitcher hides what it does not show
            views = self.query_one(ContentSwitcher)
            views.mount(detail)
            if detail.parent is None:  # refused: this pane is being removed (--watch, or the reader closing)
                return
            detail.mount_parts()
            records = [*self.dataset.scenes, *self.dataset.events]
            if len(records) <= PAGES_MADE_AHEAD:  # every page, at the width the detail's list will have
                from .detail_view import make_pages_ahead, width_when_shown

                pages = iter([Location("scene" if isinstance(r, Scene) else "event", r.id) for r in records])
                make_pages_ahead(self, detail, pages, partial(width_when_shown, self, views))

    def show_scene(self, scene_id: str) -> None:
        self._open(Location("scene", scene_id))

    def show_event(self, event_id: str) -> None:
        self._open(Location("event", event_id))

    def mark_section(self, section_id: str | None) -> None:
        """Mark the scenes and events that the section on screen discusses."""
        if section_id == self.discussed_section:
            return
        before = [self._is_discussed(record) for record in self._records()]
        self.discussed_section = section_id
        if self.is_mounted:
            # Only the rows whose mark changes are drawn again.
            self._relabel_rows(
                [i for i, record in enumerate(self._records()) if self._is_discussed(record) != before[i]]
            )
            self._show_strip()

    def back_out(self) -> bool:
        """Leave the detail view for the list, on the row just shown; False if already on the list."""
        if self.open is None:
            return False
        shown = self.open
        self.show_track(self.track)
        index = self.track_list.index_of(shown)
        if index is not None:
            self.track_list.highlighted = index
        return True

    def focus_default(self) -> None:
        if self.open is None:
            focus_now(self.track_list)
        else:
            focus_now(self.detail.links)

    # --- actions ----------------------------------------------------------------------------

    def action_toggle_track(self) -> None:
        self.switch_track("production" if self.track == "story" else "story")

    def action_back_out(self) -> None:
        self.back_out()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back_out":
            return self.open is not None  # otherwise Escape goes on to the App
        return True

    # --- message handlers -------------------------------------------------------------------

    def on_track_switch_chosen(self, event: TrackSwitch.Chosen) -> None:
        event.stop()
        self.switch_track(event.choice)

    def on_virtual_list_highlighted(self, event: LinkList.Highlighted) -> None:
        if event.virtual_list is self.track_list:
            self._show_strip()

    # --- rendering --------------------------------------------------------------------------

    def _set_track(self, track: Track) -> None:
        """Make `track` the one in front, keeping what the other one showed (see `TrackPlace`)."""
        if track == self.track:
            return
        if self.is_mounted:
            shown = self.open is not None and self._detail_mounted
            self._kept[self.track] = TrackPlace(
                self.open,
                self.detail.links.view() if shown else None,
                None if self.open is not None else self.track_list.view(),
            )
        else:
            self._kept[self.track] = TrackPlace(self.open)
        self.track = track

    def _open(self, location: Location) -> None:
        self._set_track("story" if location.kind == "scene" else "production")
        self.open = location
        if not self.is_mounted:
            return
        self._sync_rows()
        index = self.track_list.index_of(location)
        if index is not None:
            self.track_list.highlighted = index
        self.mount_detail()
        # Never shown yet, the detail's list has no width; it will span the views (the detail has
        # no border or padding): its rows are measured at that width as they are set.
        from .detail_view import width_when_shown  # imported with the detail, by now

        self.detail.links.assume_width(width_when_shown(self, self.query_one(ContentSwitcher)))
        if location.kind == "scene":
            self.detail.show_scene(location.id)
        else:
            self.detail.show_event(location.id)
        self._show_view()

    def _show_view(self) -> None:
        """Show the list or the detail (keeping focus in the pane if it was here) and sync the tabs."""
        had_focus = self.has_focus_within
        self._sync_rows()
        self.query_one(TrackSwitch).active = self.track
        self.query_one(ContentSwitcher).current = "timeline-list" if self.open is None else "timeline-detail"
        self.refresh_bindings()
        self._show_caption()
        self._show_strip()
        if had_focus:
            self.focus_default()

    def _show_caption(self) -> None:
        caption = self.query_one("#timeline-caption", Static)
        text = self._captions[self.track]
        if caption.tooltip != text:
            caption.update(Content(text))
            caption.tooltip = text

    def _show_strip(self) -> None:
        kind = TRACK_KINDS[self.track]
        selected = self.open or self.track_list.highlighted_location
        self.strip.show(
            kind,
            self._layouts[self.track],
            frozenset(record.id for record in self._records() if self._is_discussed(record)),
            selected.id if selected is not None else None,
        )

    def _records(self) -> tuple[Scene, ...] | tuple[Event, ...]:
        return self.dataset.scenes if self.track == "story" else self.dataset.events

    def _is_discussed(self, record: Scene | Event) -> bool:
        return self.discussed_section is not None and self.discussed_section in record.sections

    def _sync_rows(self) -> None:
        """Fill the list with the current track's rows, unless it already holds them."""
        if self._rows_track == self.track:
            return
        self._rows_track = self.track
        kind = TRACK_KINDS[self.track]
        self.track_list.set_rows(
            Link(partial(self._row_label, record), Location(kind, record.id)) for record in self._records()
        )

    def _relabel_rows(self, indexes: Iterable[int] | None = None) -> None:
        """Redraw the rows' labels in place (keeping highlight and scroll), e.g. for new marks:
        the given rows, or every row."""
        records = self._records()
        for index in range(len(records)) if indexes is None else indexes:
            self.track_list.relabel(index, partial(self._row_label, records[index]))

    def _row_label(self, record: Scene | Event) -> Content:
        """The row of a scene or event: the same label for the same mark (see `KeptLabels`)."""
        discussed = self._is_discussed(record)
        kind = "scene" if isinstance(record, Scene) else "event"
        return self._kept_labels.get((kind, record.id, discussed), partial(self._make_row_label, record, discussed))

    def _make_row_label(self, record: Scene | Event, discussed: bool) -> Content:
        """Two lines: the marker, number and title of a scene over where it falls in the film; or an
        event's date over its title. Styles are the pane's component classes, resolved when drawn."""
        marker = Content.assemble((f"{DISCUSSED_MARKER} " if discussed else "  ", MARKER))
        title = plain(record.title).stylize(DISCUSSED if discussed else TITLE)
        if isinstance(record, Scene):
            position = record.position
            where = plain(format_position(position)).stylize(APPROXIMATE if position.approximate else MUTED)
            length = format_length(position)
            return Content.assemble(
                marker, (f"{record.order + 1}. ", MUTED), title, "\n   ", where, (f" · {length}" if length else "", MUTED)
            )
        vague = record.precision == "approximate" or not record.dated
        return Content.assemble(marker, (event_when(record), APPROXIMATE if vague else MUTED), "\n  ", title)
