"""The People pane: everyone the article names, grouped by kind, and one person's detail.

The list marks who is named in the paragraphs on screen (the App calls `mark_named`). Enter on a
person posts `Navigate(person)`; the App answers with `show_person`. Escape (`back_out`) returns
from the detail to the list. A filter box over the list narrows it as you type, by any name a
reader might use (Ctrl+F goes there; Enter opens the first match; Escape clears it).
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, Iterable, Sequence

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input

from ...core.mention_reasons import count_phrase, mention_summary
from ...core.model import PERSON_KINDS, Dataset, Person
from ...core.navigation import Location
from ..focus import focus_now
from ..messages import Navigate
from ..textual_private import KeptComponentStyles
from ..widgets.link_list import Info, KeptLabels, LinkList, RecordRows

NAMED_MARKER = "●"  # beside a person named in the paragraphs the reading pane shows

GROUP_TITLES = {"cast": "CAST", "crew": "CREW", "cited": "CITED", "other": "OTHER"}

# Component-class names, resolved by Textual when drawing (see people.tcss).
NAME = ".people-pane--name"
NAMED = ".people-pane--named"
META = ".people-pane--meta"
LITTLE = ".people-pane--little"  # the name of someone with little to open

LIST_ID = "people-list"
DETAIL_ID = "person-detail"
FILTER_ID = "people-filter"
# Above this many people, the lookups a person's page reads are made ahead, not by the first open
# (each is built whole when first read: at 100,000 quotes, 52,000 people, about 0.1 s).
MANY_PEOPLE = 5_000
# Up to this many people, every person's page is made ahead in idle time after the first frame (a
# page is 2-35 ms of CPU; its rows' wrapping was most of an open's own work).
PAGES_MADE_AHEAD = 200
# Up to this many people, the filter's first key reads (or builds) their names itself: a few ms.
# Above, they are read on a thread (the reader reads them ahead; at a million quotes, 520,000 people,
# building them took the first key 15 s) and the list says so meanwhile.
NAMES_READ_AT_ONCE = 5_000

if TYPE_CHECKING:
    from ...core.search import PeopleNames, SearchIndexes  # imported when the filter is first used
    from .person_detail import PersonDetail  # imported when a person is first shown


class PeopleFilter(Input):
    """The filter box. Down goes to the list, filtered; Escape clears the filter and goes to the list
    (a second Escape was needed to leave it, and keys typed in between went into the box)."""

    BINDINGS = [
        Binding("down", "leave", "To the list", show=False, id="people.filter-down"),
        Binding("escape", "clear_and_leave", "Clear", show=True, tooltip="Clear the filter and go back to the list",
                id="people.filter-clear"),
    ]

    def action_leave(self) -> None:
        self.screen.focus_next(LinkList)

    def action_clear_and_leave(self) -> None:
        self.value = ""
        self.action_leave()


class PeoplePane(KeptComponentStyles, Vertical):
    """Everyone in the article (list view), or one person (detail view)."""

    COMPONENT_CLASSES = {style.removeprefix(".") for style in (NAME, NAMED, META, LITTLE)}
    BINDINGS = [
        Binding("escape", "back_out", "Close", id="people.back-out", tooltip="Close the person: back to the list"),
        Binding("ctrl+f", "filter", "Filter", key_display="^f", tooltip="Filter the people by name",
                id="people.filter"),
    ]

    def __init__(self, dataset: Dataset, **kwargs) -> None:
        super().__init__(**kwargs)
        self._dataset = dataset
        self._named: frozenset[str] = frozenset()
        self._showing_detail = False
        # Made here, not in compose, so the App may call the public methods before mounting ends.
        # The detail is made and mounted when a person is first shown: start-up builds no hidden view.
        self._people_list = LinkList(id=LIST_ID)
        self._kept_labels = KeptLabels()
        self._detail: PersonDetail | None = None
        self._filter = PeopleFilter(placeholder="Filter by name…", id=FILTER_ID, compact=True)
        self._names: PeopleNames | None = None  # the search indexes' names, once the filter is used
        self._bits_by_kind: dict[str, int] = {}  # each kind's people, as a bitset (read with the names)
        self._kept: dict[str, Sequence[Person]] | None = None  # whom the filter keeps by kind (None: no filter)
        self._reading_names = False  # `_read_names` is under way
        self.border_title = "People"

    def compose(self) -> ComposeResult:
        yield self._filter
        yield self._people_list

    def on_mount(self) -> None:
        self._people_list.set_rows(self._rows())
        if self._shown_person is not None:
            self.mount_detail()

    def mount_detail(self) -> None:
        """Mount the detail view (hidden until a person is shown), if it is not yet; in a large
        dataset, make the lookups a person's page reads, on a background thread."""
        detail = self.detail
        if detail.parent is None:
            self.mount(detail)
            if detail.parent is None:  # refused: this pane is being removed (--watch, or the reader closing)
                return
            detail.mount_parts()
            count = self._dataset.count_of("people")
            if count > MANY_PEOPLE:
                from ...core.background import run_in_background
                from .person_detail import prepare_lookups

                run_in_background("anora-tui person lookups", partial(prepare_lookups, self._dataset))
            elif count <= PAGES_MADE_AHEAD:
                from .detail_view import make_pages_ahead, width_when_shown

                # Every person's page, at the width the detail's list will have: the pane's.
                people = iter([person.id for person in self._dataset.people])
                make_pages_ahead(self, detail, people, partial(width_when_shown, self))

    # --- the public contract (the App calls these) --------------------------------------------

    def show_person(self, person_id: str) -> None:
        """Open the detail view of a person; focus follows if it was in this pane."""
        if person_id not in self._dataset.people_by_id:
            self.log.warning(f"PeoplePane.show_person: no person {person_id!r}")
            return
        if self.is_mounted:
            self.mount_detail()
            from .detail_view import width_when_shown  # imported with the detail, by now

            # Never shown yet, the detail's list has no width; it will span the pane (the detail has
            # no border or padding): its rows are measured at that width as they are set.
            self.detail.links.assume_width(width_when_shown(self))
        self.detail.show(person_id)
        self.detail.set_on_screen(person_id in self._named)
        self._switch_to(detail=True)

    def show_list(self) -> None:
        """Back to everyone, with the highlight on the person last shown."""
        shown = self._shown_person
        if shown is not None:
            index = self._people_list.index_of(Location("person", shown))
            if index is not None:
                self._people_list.highlighted = index
        self._switch_to(detail=False)

    def mark_named(self, person_ids: Iterable[str]) -> None:
        """Mark the people named in the paragraphs now on screen (and unmark the rest)."""
        named = frozenset(person_ids)
        changed = named ^ self._named
        self._named = named
        if not changed or not self.is_mounted:
            return
        self._relabel(self._dataset.people_by_id[i] for i in changed if i in self._dataset.people_by_id)
        if self._shown_person is not None:
            self.detail.set_on_screen(self._shown_person in named)

    def refresh_counts(self) -> None:
        """Every person's mentions have been counted (see `_label`): draw the counts."""
        if self.is_mounted:
            self._people_list.relabel_all()

    def back_out(self) -> bool:
        """Escape: from a person back to the list. False when already at the list."""
        if not self.showing_detail:
            return False
        self.show_list()
        return True

    def focus_default(self) -> None:
        """Focus the list on show: everyone, or the open person's rows."""
        focus_now(self._current_list())

    # --- state --------------------------------------------------------------------------------

    @property
    def detail(self) -> PersonDetail:
        if self._detail is None:
            from .person_detail import PersonDetail

            self._detail = PersonDetail(self._dataset, id=DETAIL_ID)
            self._detail.display = False
        return self._detail

    @property
    def _shown_person(self) -> str | None:
        """The person the detail shows (or last showed), if any."""
        return None if self._detail is None else self._detail.person_id

    @property
    def showing_detail(self) -> bool:
        return self._showing_detail

    @property
    def named(self) -> frozenset[str]:
        """Ids of the people currently marked as named on screen."""
        return self._named

    def _current_list(self) -> LinkList:
        return self.detail.links if self.showing_detail else self._people_list

    def _switch_to(self, detail: bool) -> None:
        had_focus = self.has_focus_within
        self._showing_detail = detail
        self._people_list.display = not detail
        self._filter.display = not detail
        if self._detail is not None:
            self._detail.display = detail
        if had_focus:
            self.focus_default()
        self.refresh_bindings()

    # --- keys ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back_out":
            return self.showing_detail  # at the list, Escape is left to the App
        return True

    def action_back_out(self) -> None:
        self.back_out()

    def action_filter(self) -> None:
        if self.showing_detail:
            self.show_list()
        focus_now(self._filter)

    # --- the filter ---------------------------------------------------------------------------

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # The names are read as the box takes the focus, not on its first letter: a key is typed a
        # moment later (at a million quotes reading them took 21 ms of that letter's 48).
        if event.widget is self._filter and self._names is None and not self._names_at_hand():
            self._read_names_once()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is not self._filter:
            return
        event.stop()
        self._apply_filter()

    def _apply_filter(self) -> None:
        text = self._filter.value.strip()
        if not text:
            self._kept = None
        elif self._names is None and not self._names_at_hand():
            self._people_list.set_rows([Info(Content("Reading everyone’s names…"))])
            self._read_names_once()
            return
        else:
            assert self._names is not None
            from ...core.search.people_filter import people_by_kind_in

            self._kept = people_by_kind_in(self._dataset, self._names.index.bits_matching(text), self._bits_by_kind)
        self._people_list.set_rows(self._rows())

    def _names_at_hand(self) -> bool:
        """Take the people's names from the search indexes if they are read already, or few enough
        to read now unnoticed (`_names`); else they are read on a thread (`_read_names`)."""
        indexes = self._indexes()
        if indexes.people_ready or self._dataset.count_of("people") <= NAMES_READ_AT_ONCE:
            self._take_names(*self._names_and_kinds(indexes))
        return self._names is not None

    def _names_and_kinds(self, indexes: SearchIndexes) -> tuple[PeopleNames, dict[str, int]]:
        from ...core.search.people_filter import people_bits_by_kind

        return indexes.people, people_bits_by_kind(self._dataset)

    def _take_names(self, names: PeopleNames, bits_by_kind: dict[str, int]) -> None:
        self._names, self._bits_by_kind = names, bits_by_kind

    def _indexes(self) -> SearchIndexes:
        indexes = getattr(self.app, "search_indexes", None)  # the reader's: the names read once, ahead
        if indexes is None:
            from ...core.search import SearchIndexes

            indexes = SearchIndexes(self._dataset)
        return indexes

    def _read_names_once(self) -> None:
        if not self._reading_names:
            self._reading_names = True
            self._read_names()

    @work(group="people-names")
    async def _read_names(self) -> None:
        """Once, however many keys come meanwhile: then the list is filtered by the box as it is."""
        indexes = self._indexes()
        self._take_names(*await asyncio.to_thread(self._names_and_kinds, indexes))
        if self._filter.value.strip():  # else the list shows everyone already
            self._apply_filter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is not self._filter:
            return
        event.stop()
        location = self._people_list.highlighted_location
        if location is not None:
            self.post_message(Navigate(location))

    # --- rows ---------------------------------------------------------------------------------

    def _rows(self) -> RecordRows | list[Info]:
        """Everyone (or whom the filter keeps) by kind; each row is made only when drawn."""
        groups = []
        kept = self._kept
        for kind in PERSON_KINDS:
            people = self._dataset.people_of_kind(kind)
            shown = people if kept is None else kept.get(kind, ())
            if shown:
                count = f"{len(shown)}" if kept is None else f"{len(shown)} of {len(people)}"
                groups.append((f"{GROUP_TITLES[kind]} · {count}", shown))
        if not groups:
            typed = self._filter.value.strip()
            if kept is None or not typed:
                return [Info(Content("No people in this dataset yet."))]
            return [Info(Content(f"No one is called “{typed}”."))]
        return RecordRows(groups, "person", self._label)

    def _relabel(self, people: Iterable[Person]) -> None:
        people_list = self._people_list
        for person in people:
            index = people_list.index_of(Location("person", person.id))
            if index is not None:
                people_list.relabel(index, partial(self._label, person))

    def _label(self, person: Person) -> Content:
        """The person's row: the same label for the same marks (see `KeptLabels`)."""
        dataset = self._dataset
        counted = dataset.mentions_counted or dataset.mentions_are_quick
        named = person.id in self._named
        return self._kept_labels.get((person.id, named, counted), partial(self._make_label, person, named, counted))

    def _make_label(self, person: Person, named: bool, counted: bool) -> Content:
        """"● Mikey Madison · Ani" over "  5 quotes · named in 10 paragraphs, 4 more in notes":
        the quotes when there are any, then where named, the same rule for every row.
        Someone with no quotes, scenes or events (little to open but a description) is dimmed."""
        dataset = self._dataset
        quotes = len(dataset.quotes_by(person.id))
        # In a large dataset every person's mentions are counted after the first frame (the App calls
        # `refresh_counts` when they are): until then the row says so.
        if counted:
            paragraphs = mention_summary(dataset.mentions_of(person.id))
        else:
            paragraphs = "counting mentions…"
        little = not (quotes or dataset.scenes_with(person.id) or dataset.events_with(person.id))
        counts = f"{count_phrase(quotes, 'quote')} · {paragraphs}" if quotes else paragraphs
        return Content.assemble(
            ((NAMED_MARKER if named else " ") + " ", NAMED),
            (person.name, NAMED if named else (LITTLE if little else NAME)),
            (" · " + self._best_known_as(person), META),
            (f"\n  {counts}", META),
        )

    def _best_known_as(self, person: Person) -> str:
        """The characters an actor plays, else their first role."""
        if person.characters:
            return ", ".join(self._dataset.characters_by_id[c].name for c in person.characters)
        return person.roles[0]
