"""Each person's page is made ahead, in idle time after the first frame (its rows, each wrapped at the
list's width), and what a person's open then shows is that page: the same rows, not wrapped again,
and the same screen as a page made at the open."""

from __future__ import annotations

import pytest
from ui_harness import WIDE, navigate, open_reader, screen_lines, wait_for, wrappings_counted

from anora_tui.core.navigation import Location
from anora_tui.ui.panes import people as people_module
from anora_tui.ui.widgets.link_list import Heading


async def test_every_persons_page_is_made_ahead_after_the_first_frame(shipped_dataset):
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        detail = app.people.detail
        everyone = frozenset(person.id for person in shipped_dataset.people)
        await wait_for(pilot, lambda: detail.prepared == everyone)
        assert not app.people.showing_detail  # made, not shown


async def test_a_person_opened_shows_the_page_made_ahead_without_wrapping_it_again(shipped_dataset, monkeypatch):
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        detail = app.people.detail
        person = max(shipped_dataset.people, key=lambda p: len(shipped_dataset.quotes_by(p.id)))
        await wait_for(pilot, lambda: person.id in detail.prepared)
        page = detail._prepared[person.id]
        wrapped = wrappings_counted(monkeypatch, [row.label for row in page.rows])
        await navigate(pilot, app, Location("person", person.id))
        links = detail.links
        assert links.option_count == len(page.rows)
        assert all(links.label_at(i) is row.label for i, row in enumerate(page.rows) if not isinstance(row, Heading))
        assert wrapped == []  # measured and drawn from the wrapping made ahead
        assert person.name in "\n".join(screen_lines(app, app.people))


@pytest.mark.parametrize("size", [(120, 40), (200, 50)], ids=["120x40", "200x50"])
async def test_a_page_made_ahead_shows_as_a_page_made_at_the_open(shipped_dataset, monkeypatch, size):
    person = max(shipped_dataset.people, key=lambda p: len(shipped_dataset.quotes_by(p.id)))

    async def person_screen(ahead: bool) -> list[str]:
        if not ahead:
            monkeypatch.setattr(people_module, "PAGES_MADE_AHEAD", 0)
        async with open_reader(shipped_dataset, size) as (app, pilot):
            detail = app.people.detail
            if ahead:
                await wait_for(pilot, lambda: person.id in detail.prepared)
            else:
                assert detail.prepared == frozenset()
            await navigate(pilot, app, Location("person", person.id))
            for _ in range(3):  # down the page: rows below the first screenful too
                await pilot.press("pagedown")
            await pilot.pause()
            return screen_lines(app)

    assert await person_screen(True) == await person_screen(False)


async def test_a_long_page_is_made_ahead_a_few_rows_at_a_time(shipped_dataset, monkeypatch):
    """Between two steps of a page made ahead the reader's keys and redraws come in: a long page (a
    person with many quotes) took 20-35 ms made at once."""
    from anora_tui.ui.panes.detail_view import ROWS_AT_ONCE
    from anora_tui.ui.widgets.link_list import LinkList

    monkeypatch.setattr(people_module, "PAGES_MADE_AHEAD", 0)  # none made meanwhile
    person = max(shipped_dataset.people, key=lambda p: len(shipped_dataset.quotes_by(p.id)))
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        detail = app.people.detail
        detail.links.assume_width(app.people.scrollable_content_region.width)
        wrapped_per_step: list[int] = []
        prepare_labels = LinkList.prepare_labels

        def recorded(self, labels, width):
            labels = list(labels)
            wrapped_per_step.append(len(labels))
            return prepare_labels(self, labels, width)

        monkeypatch.setattr(LinkList, "prepare_labels", recorded)
        pauses = sum(1 for _ in detail.preparing(person.id))
        assert len(wrapped_per_step) >= 4 and max(wrapped_per_step) <= ROWS_AT_ONCE
        assert pauses == len(wrapped_per_step) - 1
        assert person.id in detail.prepared


async def test_where_the_people_pane_is_hidden_its_pages_are_made_at_the_width_it_will_have(shipped_dataset, monkeypatch):
    """At 80x24 one pane shows at a time: the People pane has no width until it is first shown. Its
    pages are made ahead all the same, at the width it will have there (the terminal's, less its
    border), so the first person opened finds the page made: it is drawn without wrapping a row
    again, and showing the pane keeps every page made (they were made at its very width)."""
    everyone = frozenset(person.id for person in shipped_dataset.people)
    person = max(shipped_dataset.people, key=lambda p: len(shipped_dataset.quotes_by(p.id)))
    async with open_reader(shipped_dataset, (80, 24)) as (app, pilot):
        detail = app.people.detail
        await wait_for(pilot, lambda: detail.prepared == everyone, timeout=10)
        assert app.people.scrollable_content_region.width == 0  # not shown yet
        page = detail._prepared[person.id]
        wrapped = wrappings_counted(monkeypatch, [row.label for row in page.rows])
        await navigate(pilot, app, Location("person", person.id))
        assert app.people.scrollable_content_region.width > 0
        assert all(detail.links.label_at(i) is row.label for i, row in enumerate(page.rows) if not isinstance(row, Heading))
        assert wrapped == []
        assert detail.prepared == everyone


async def test_pages_made_ahead_are_kept_out_of_the_collectors_reach(shipped_dataset):
    """Once every page is made, what was made is frozen out of the cyclic collector's reach (each full
    collection walked it all again, a pause that fell on the next open), as the command's start
    freezes what it made (`pause_for_start`, resumed and frozen after the first frame)."""
    import gc

    from anora_tui.core.gc_pause import pause_for_start

    everyone = frozenset(person.id for person in shipped_dataset.people)
    thresholds = gc.get_threshold()
    pause_for_start()
    try:
        await _made_and_frozen(shipped_dataset, everyone)
    finally:
        gc.unfreeze()
        gc.enable()
        gc.set_threshold(*thresholds)


async def _made_and_frozen(shipped_dataset, everyone) -> None:
    import gc

    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        detail = app.people.detail
        await wait_for(pilot, lambda: detail.prepared == everyone)
        labels = [row.label for page in detail._prepared.values() for row in page.rows if not isinstance(row, Heading)]
        assert labels and all(gc.is_tracked(label) for label in labels)

        def still_listed() -> list[object]:
            tracked = {id(obj) for obj in gc.get_objects()}  # frozen objects are not listed
            return [label for label in labels if id(label) in tracked]

        # Frozen a step (a timer) after the last page is made: on a loaded machine, a while after.
        await wait_for(pilot, lambda: not still_listed(), poll=0.1,
                       message=lambda: f"{len(still_listed())} of {len(labels)} labels were never frozen")
