"""`--watch`: the reader reloads the dataset when its files change, keeps its place, and shows the
problems of a broken save in a panel until the next good one."""

from __future__ import annotations

import pytest
from ui_harness import screen_lines, screen_text, settle, wait_for

from anora_tui.core.loading.loader import load_dataset
from anora_tui.core.navigation import Location
from anora_tui.core.watching import ChangeDebouncer, dataset_signature
from anora_tui.ui import live_reload
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.widgets.key_bar import KeyBar
from anora_tui.ui.widgets.problems_panel import ProblemsPanel

pytestmark = pytest.mark.usefixtures("quick_pilot", "place_saved_at_exit")


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch):
    monkeypatch.setattr(live_reload, "POLL_SECONDS", 0.02)


def test_the_signature_changes_with_any_file_and_the_debouncer_waits_for_it_to_settle(tmp_path):
    (tmp_path / "a.yaml").write_text("a: 1\n")
    first = dataset_signature(tmp_path)
    debouncer = ChangeDebouncer(first)
    assert not debouncer.poll(first) and not debouncer.poll(first)  # nothing changed
    (tmp_path / "a.yaml").write_text("a: 22\n")
    changed = dataset_signature(tmp_path)
    assert changed != first
    assert not debouncer.poll(changed)  # just changed: wait
    assert not debouncer.poll(changed)
    assert debouncer.poll(changed)  # held for two polls: reload
    assert not debouncer.poll(changed)  # once
    (tmp_path / "b.yaml").write_text("b: 1\n")
    (tmp_path / ".hidden.yaml").write_text("")
    (tmp_path / "notes.txt").write_text("")
    assert [entry[0] for entry in dataset_signature(tmp_path)] == ["a.yaml", "b.yaml"]
    assert dataset_signature(tmp_path / "missing") != dataset_signature(tmp_path)


async def test_a_good_save_reloads_in_place_and_a_broken_one_shows_its_problems(make_data_dir):
    directory = make_data_dir()
    app = AnoraApp(load_dataset(directory), data_dir=directory, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panel = app.query_one(ProblemsPanel)
        assert not panel.display
        second = app.dataset.sections[1]
        await pilot.press("2", "right")  # the second section
        await settle(pilot)
        assert app.reading.section_id == second.id

        article = directory / "article.yaml"
        text = article.read_text()
        article.write_text(text.replace(second.title, "Four nights on the pier"))
        await wait_for(pilot, lambda: app.live_reload.reloads == 1, timeout=10)
        await settle(pilot)
        assert app.dataset.sections[1].title == "Four nights on the pier"
        assert app.reading.section_id == second.id  # the place is kept
        assert "Four nights on the pier" in screen_text(app)
        assert app.history.current == Location("section", second.id)

        article.write_text(text.replace("  sections:", "  sections: [oops"))
        await wait_for(pilot, lambda: panel.display, timeout=10)
        await settle(pilot)
        shown = screen_text(app)
        assert "Data problems" in shown and f"{article}:" in "".join(panel.problems)
        assert all(problem.count(":") >= 3 for problem in panel.problems)  # FILE:LINE:COL: message
        count = len(panel.problems)
        assert f"{count} problem{'' if count == 1 else 's'} in the data" in shown
        bar = app.query_one(KeyBar)
        assert panel.region.bottom <= bar.region.y  # the whole panel shows, its bottom border too
        assert screen_lines(app)[panel.region.bottom - 1].rstrip().endswith("╯")
        assert app.dataset.sections[1].title == "Four nights on the pier"  # the last good data stays
        assert app.reading.section_id == second.id

        article.write_text(text)
        await wait_for(pilot, lambda: not panel.display and app.live_reload.reloads == 2, timeout=10)
        await settle(pilot)
        assert app.dataset.sections[1].title == second.title and app.reading.section_id == second.id


async def test_a_reload_that_removes_the_open_section_falls_back_to_the_first(make_data_dir):
    directory = make_data_dir()
    app = AnoraApp(load_dataset(directory), data_dir=directory, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        last = app.dataset.sections[-1]
        await pilot.press("2", "end")
        while app.reading.section_id != last.id:
            await pilot.press("right")
            await settle(pilot)
        # The dataset becomes one with a single, different section.
        for path in directory.glob("*.yaml"):
            path.unlink()
        (directory / "article.yaml").write_text(
            'article: {title: Shorter, publication: P, date: "2024", sections: [{id: only, title: Only, paragraphs: [Text.]}]}\n'
        )
        await wait_for(pilot, lambda: app.live_reload.reloads == 1 or app.query_one(ProblemsPanel).display, timeout=10)
        await settle(pilot)
        assert not app.query_one(ProblemsPanel).problems, app.query_one(ProblemsPanel).problems
        assert app.reading.section_id == "only" and "Only" in screen_text(app)
        assert app.history.current == Location("section", "only")
