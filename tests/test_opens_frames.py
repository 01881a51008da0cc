"""Opening a person, a scene or an event for the first time draws it in one frame, as every later
open does: the detail's list, never laid out while hidden, measures its rows at the width it will
have before it is first drawn (it used to measure them while being drawn, which drew the page three
times), and a frame whose layout shows a new scrollbar waits for the layout that places it. In a
large dataset the lookups a person's page reads are made ahead, after the first frame."""

from __future__ import annotations

import pytest
from textual import _compositor
from ui_harness import WIDE, focused_pane, navigate, open_reader, screen_strips, screen_text, settle, wait_for

from anora_tui.core.loading.cache import load_cached
from anora_tui.core.navigation import Location
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.panes import people as people_module


@pytest.fixture
def frames(monkeypatch) -> list[object]:
    """Every frame the compositor draws (an update with something in it), from now on."""
    drawn: list[object] = []
    render_update = _compositor.Compositor.render_update

    def counted(self, *args, **kwargs):
        update = render_update(self, *args, **kwargs)
        if update is not None:
            drawn.append(update)
        return update

    monkeypatch.setattr(_compositor.Compositor, "render_update", counted)
    return drawn


@pytest.mark.parametrize("kind", ["person", "scene", "event"])
async def test_the_first_detail_opened_is_drawn_in_one_frame(shipped_dataset, frames, kind):
    record = {"person": shipped_dataset.people, "scene": shipped_dataset.scenes, "event": shipped_dataset.events}[kind][0]
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        pane = app.people if kind == "person" else app.timeline
        links = pane.detail.links
        assert links.size.width == 0  # mounted, never shown: no width yet
        frames.clear()
        if kind == "person":
            app.people.show_person(record.id)
        elif kind == "scene":
            app.timeline.show_scene(record.id)
        else:
            app.timeline.show_event(record.id)
        await settle(pilot)
        assert len(frames) == 1
        # What that one frame shows: the page whole, its list measured and scrollable at its width.
        assert (record.name if kind == "person" else record.title) in screen_text(app, pane)
        longer = links.virtual_size.height > links.scrollable_content_region.height
        assert links.show_vertical_scrollbar == longer
        if longer:
            assert links.vertical_scrollbar.region.area > 0
        # The rows were measured at the width the list has: nothing is measured again, no frame follows.
        frames.clear()
        await pilot.pause()
        await settle(pilot)
        assert frames == []


async def test_the_first_person_opened_has_its_mentions_map_at_the_lists_width(shipped_dataset):
    person = max(shipped_dataset.people, key=lambda p: len(shipped_dataset.mentions_of(p.id)))
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        app.people.show_person(person.id)
        await settle(pilot)
        detail = app.people.detail
        strip_row = detail._strip_row
        links = detail.links
        drawn = links.label_at(strip_row).plain.split("\n")[0]
        padding = links.get_component_styles("option-list--option").padding.width
        assert len(drawn) == links.scrollable_content_region.width - padding


async def test_a_later_open_after_the_list_is_drawn_in_one_frame_too(shipped_dataset, frames):
    first, second = shipped_dataset.people[:2]
    async with open_reader(shipped_dataset, WIDE, Location("person", first.id)) as (app, pilot):
        app.people.show_list()
        await settle(pilot)
        frames.clear()
        app.people.show_person(second.id)
        await settle(pilot)
        assert len(frames) == 1
        assert second.name in screen_text(app, app.people)


async def test_a_large_datasets_person_lookups_are_made_after_the_first_frame(example_data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    load_cached(example_data_dir)  # writes the cache
    dataset = load_cached(example_data_dir)  # read from it: each lookup made when first read
    assert "people_by_id" not in dataset.__dict__
    monkeypatch.setattr(people_module, "MANY_PEOPLE", 0)  # as for a large dataset
    app = AnoraApp(dataset, state_path=tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: "people_by_id" in dataset.__dict__, timeout=10)  # no person opened
        assert "_quotes_by_speaker" in dataset.__dict__ and "characters_by_id" in dataset.__dict__
        assert app.people.detail.person_id is None
        person = dataset.people[0]
        app.people.show_person(person.id)
        await settle(pilot)
        assert person.name in screen_text(app, app.people)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=["80x24", "120x40", "200x50"])
async def test_a_focus_moved_to_another_pane_redraws_what_changed_not_the_whole_screen(shipped_dataset, frames, size):
    """Textual redraws the whole screen when the focus moves; the reader draws the lines that changed
    (the panes whose borders and sizes change), and every line that changed is drawn."""
    person = shipped_dataset.people[0]
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await settle(pilot)
        before = [strip.text for strip in screen_strips(app)]
        frames.clear()
        await navigate(pilot, app, Location("person", person.id))  # from the reading pane to the People pane
        await settle(pilot)
        assert focused_pane(app) == "people"
        after = [strip.text for strip in screen_strips(app)]
        changed = {y for y, (old, new) in enumerate(zip(before, after)) if old != new}
        assert frames and not any(isinstance(frame, _compositor.LayoutUpdate) for frame in frames)
        drawn = {y for frame in frames for y, _, _ in frame.spans}
        assert changed and changed <= drawn
