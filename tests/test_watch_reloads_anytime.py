"""`--watch` reloads in place whenever a save lands: whatever the dataset, right after the start,
saves in quick succession, with a person or a scene open, with a modal screen open, after a broken
save. Between the old panes' removal and the new ones' mounting the key bar still reads which keys
work (it once raised NoMatches there, and the reader crashed on the first good save)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ui_harness import navigate, resize, screen_text, settle, wait_for

from textual.geometry import Size

from anora_tui.core.loading.loader import load_dataset
from anora_tui.core.navigation import Location
from anora_tui.ui import live_reload
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.widgets.problems_panel import ProblemsPanel

pytestmark = pytest.mark.usefixtures("quick_pilot", "place_saved_at_exit")

KESTREL_POINT = Path(__file__).parent / "data" / "kestrel-point"


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch):
    monkeypatch.setattr(live_reload, "POLL_SECONDS", 0.02)


@pytest.fixture
def kestrel(tmp_path: Path) -> Path:
    directory = tmp_path / "kestrel-point"
    shutil.copytree(KESTREL_POINT, directory)
    return directory


def watching(directory: Path) -> AnoraApp:
    return AnoraApp(load_dataset(directory), data_dir=directory, watch=True)


def append(path: Path, line: str = "# x") -> None:
    with path.open("a") as file:
        file.write(f"{line}\n")


async def reloaded(pilot, app: AnoraApp, count: int) -> None:
    await wait_for(pilot, lambda: app.live_reload.reloads == count and not app.replacing_panes, timeout=20,
                   message=lambda: f"reloads: {app.live_reload.reloads}, wanted {count}")
    await settle(pilot)
    assert not app.crash_summary, app.crash_summary


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (160, 45)])
async def test_a_good_save_of_another_dataset_reloads_in_place(kestrel, size):
    app = watching(kestrel)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        section = app.dataset.sections[1]
        await navigate(pilot, app, Location("section", section.id))
        append(kestrel / "cast.yaml")
        await reloaded(pilot, app, 1)
        cast = kestrel / "cast.yaml"
        cast.write_text(cast.read_text().replace("Ilse Varga", "Ilse Varga-Lind"))
        await reloaded(pilot, app, 2)
        assert app.dataset.people_by_id["ilse-varga"].name == "Ilse Varga-Lind"
        assert app.reading.section_id == section.id
        assert section.title in screen_text(app)
        await pilot.press("3")  # the new panes answer keys
        await settle(pilot)
        assert app.active_pane == "people" and "Ilse Varga-Lind" in screen_text(app)


async def test_a_save_as_the_reader_starts_reloads(kestrel):
    app = watching(kestrel)
    async with app.run_test(size=(100, 30)) as pilot:
        append(kestrel / "film.yaml")  # before the first frame's deferred work (the detail views) is done
        await reloaded(pilot, app, 1)
        await pilot.press("3", "enter")  # a person opens in the new panes
        await settle(pilot)
        assert app.people.showing_detail


async def test_saves_in_quick_succession_all_land(kestrel):
    app = watching(kestrel)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for count in range(1, 5):
            append(kestrel / "cast.yaml", f"# save {count}")
            # The next save comes as this one is put in place: its panes half replaced, or not yet.
            await wait_for(pilot, lambda: app.live_reload.reloads == count or app.crash_summary, timeout=20)
            assert not app.crash_summary, app.crash_summary
        await reloaded(pilot, app, 4)
        assert "# save 4" in (kestrel / "cast.yaml").read_text()


@pytest.mark.parametrize("location", [Location("person", "nell-pardoe"), Location("scene", "moving-in")])
async def test_a_save_with_a_person_or_a_scene_open_keeps_it_open(kestrel, location):
    app = watching(kestrel)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await navigate(pilot, app, location)
        append(kestrel / "article.yaml")
        await reloaded(pilot, app, 1)
        assert app.history.current == location
        if location.kind == "person":
            assert app.people.showing_detail and "Nell Pardoe" in screen_text(app)
        else:
            assert app.timeline.open == location and "Maud moves in" in screen_text(app)


@pytest.mark.parametrize("modal_key", ["question_mark", "slash", "apostrophe", "ctrl+p"])
async def test_a_save_while_a_modal_screen_is_open_reloads_once_it_closes(kestrel, modal_key):
    app = watching(kestrel)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(modal_key)
        await settle(pilot)
        assert len(app.screen_stack) == 2
        cast = kestrel / "cast.yaml"
        cast.write_text(cast.read_text().replace("Ilse Varga", "Ilse Varga-Lind"))
        await wait_for(pilot, lambda: app.live_reload.pending is not None, timeout=20)
        await pilot.press("escape")
        await reloaded(pilot, app, 1)
        await pilot.press("3")
        await settle(pilot)
        assert "Ilse Varga-Lind" in screen_text(app)


async def test_fixing_a_broken_save_reloads(kestrel):
    app = watching(kestrel)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        cast = kestrel / "cast.yaml"
        good = cast.read_text()
        cast.write_text(good.replace("people:", "people: [oops"))
        panel = app.query_one(ProblemsPanel)
        await wait_for(pilot, lambda: panel.display, timeout=20)
        cast.write_text(good)
        await reloaded(pilot, app, 1)
        assert not panel.display and "Data problems" not in screen_text(app)



async def test_what_runs_while_the_panes_are_replaced_finds_no_pane_missing(kestrel):
    """The moment between the old panes' removal and the new ones' mounting, made to last: the key
    bar reading the keys (which raised NoMatches), a resize out of "too small" (which focuses a pane),
    a crash report or a signal saving the place."""
    app = watching(kestrel)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        section = app.dataset.sections[1]
        await navigate(pilot, app, Location("section", section.id))
        await resize(pilot, 10, 4)
        assert app.too_small
        seen = []
        old = app.query_one("#panes")

        async def remove_then_look():
            await type(old).remove(old)
            seen.append(app.replacing_panes)
            app.screen.active_bindings  # noqa: B018 -- what the key bar reads
            app.fit_to_size(Size(100, 30))
            seen.append(app.current_state().section_id)

        old.remove = remove_then_look
        append(kestrel / "cast.yaml")
        await reloaded(pilot, app, 1)
        assert seen == [True, section.id]
        await resize(pilot, 100, 30)
        assert not app.too_small and app.reading.section_id == section.id
        assert app.focused is not None and "reading" in [node.id for node in app.focused.ancestors_with_self]
