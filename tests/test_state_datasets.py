"""One state file, a place per dataset: opening another `--data` keeps the first one's place and
history, the theme is shared, an old (version 1) file is migrated, and readers open at once merge
what they can and say when one's place replaces another's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ui_harness import NARROW, settle, wait_for

from anora_tui.core import state as state_module
from anora_tui.core.state import (
    MAX_DATASETS,
    SavedState,
    dataset_key,
    load_state,
    save_state,
)
from anora_tui.ui.app import AnoraApp, exit_status

pytestmark = pytest.mark.usefixtures("quick_pilot")
HISTORY = {"back": [], "current": {"kind": "section", "id": "b", "paragraph": None, "span": None}, "forward": []}


def test_each_dataset_keeps_its_own_place(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    save_state(path, SavedState("origins", 3, "nord", HISTORY), "/data/one")
    save_state(path, SavedState("elsewhere", 7, "nord"), "/data/two")
    assert load_state(path, "/data/one").state == SavedState("origins", 3, "nord", HISTORY)
    assert load_state(path, "/data/two").state == SavedState("elsewhere", 7, "nord")
    assert load_state(path, "/data/three").state == SavedState(theme="nord")  # new: the shared theme only
    assert load_state(path).state.section_id == "elsewhere"  # the one saved last


def test_the_theme_is_shared(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    save_state(path, SavedState("a", theme="nord"), "/data/one")
    save_state(path, SavedState("b", theme="gruvbox"), "/data/two")
    assert load_state(path, "/data/one").state.theme == "gruvbox"


def test_a_version_1_file_is_migrated_not_discarded(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    old = {"version": 1, "section": "origins", "paragraph": 4, "theme": "nord", "history": HISTORY}
    path.write_text(json.dumps(old))
    loaded = load_state(path, "/data/one")
    assert loaded.notice is None
    assert loaded.state == SavedState("origins", 4, "nord", HISTORY)
    save_state(path, SavedState("origins", 5, "nord", HISTORY), "/data/one", base=loaded.state)
    document = json.loads(path.read_text())
    assert document["version"] == 2 and document["theme"] == "nord"
    assert list(document["datasets"]) == ["/data/one"]  # the old place went to the dataset that opened it
    assert load_state(path, "/data/two").state == SavedState(theme="nord")


def test_the_file_keeps_the_most_recently_used_datasets(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    for number in range(MAX_DATASETS + 5):
        save_state(path, SavedState(f"s{number}"), f"/data/{number}")
    places = json.loads(path.read_text())["datasets"]
    assert len(places) == MAX_DATASETS
    assert f"/data/{MAX_DATASETS + 4}" in places and "/data/0" not in places


def test_dataset_key_is_the_resolved_directory(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert dataset_key(tmp_path / "link") == dataset_key(tmp_path / "real") == str((tmp_path / "real").resolve())
    assert dataset_key(None) == ""


# --- readers open at once -----------------------------------------------------------------------


def test_two_readers_of_different_datasets_both_keep_their_place(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    first_base = load_state(path, "/data/one").state
    second_base = load_state(path, "/data/two").state
    save_state(path, SavedState("one-place", 2), "/data/one", first_base)
    outcome = save_state(path, SavedState("two-place", 3), "/data/two", second_base)  # quits last
    assert outcome.replaced is None
    assert load_state(path, "/data/one").state.section_id == "one-place"
    assert load_state(path, "/data/two").state.section_id == "two-place"


def test_a_theme_changed_in_one_reader_survives_another_quitting_later(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    save_state(path, SavedState("a", theme="nord"), "/data/one")
    first_base, second_base = load_state(path, "/data/one").state, load_state(path, "/data/two").state
    save_state(path, SavedState("a", theme="gruvbox"), "/data/one", first_base)  # chose a theme
    save_state(path, SavedState("b", theme="nord"), "/data/two", second_base)  # did not
    assert load_state(path, "/data/two").state.theme == "gruvbox"


def test_two_readers_of_one_dataset_say_when_a_place_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    save_state(path, SavedState("start", 1), "/data/one")
    first_base, second_base = (load_state(path, "/data/one").state for _ in range(2))
    first = save_state(path, SavedState("first-place", 4), "/data/one", first_base)
    assert first.replaced is None
    second = save_state(path, SavedState("second-place", 9), "/data/one", second_base)
    assert second.replaced == SavedState("first-place", 4)  # what the word is about
    again = save_state(path, SavedState("second-place", 10), "/data/one", SavedState("second-place", 9))
    assert again.replaced is None  # its own place, moved on: nothing to say


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "merged"),
    [
        ([], ["a"], ["b"], ["a", "b"]),  # both added
        (["a", "b"], ["a"], ["a", "b"], ["a"]),  # we removed b
        (["a", "b"], ["a", "b"], ["a"], ["a"]),  # they removed b
        (["a"], ["a", "c"], ["b"], ["c", "b"]),  # they replaced a with b, we added c
        ([], [{"id": 1}], [{"id": 1}], [{"id": 1}]),  # both added the same
    ],
)
def test_lists_such_as_bookmarks_merge_three_ways(base, ours, theirs, merged) -> None:
    assert state_module._merge_lists(ours, base, theirs) == merged


async def test_the_app_keeps_each_datasets_place(example_dataset, example_data_dir, shipped_dataset, isolated_state):
    from anora_tui.paths import default_data_dir

    first = AnoraApp(example_dataset, data_dir=example_data_dir, state_path=isolated_state)
    async with first.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("l", "q")
    second = AnoraApp(shipped_dataset, data_dir=default_data_dir(), state_path=isolated_state)
    async with second.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("l", "l", "q")
    again = AnoraApp(example_dataset, data_dir=example_data_dir, state_path=isolated_state)
    async with again.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert again.reading.section_id == example_dataset.sections[1].id
        assert [entry["id"] for entry in again.history.snapshot()["back"]] == [example_dataset.sections[0].id]
        await pilot.press("q")


async def test_the_app_says_at_exit_when_its_place_replaced_another_windows(
    example_dataset, example_data_dir, isolated_state, capsys
):
    first = AnoraApp(example_dataset, data_dir=example_data_dir, state_path=isolated_state)
    second = AnoraApp(example_dataset, data_dir=example_data_dir, state_path=isolated_state)
    async with first.run_test(size=NARROW) as first_pilot:
        await settle(first_pilot)
        await wait_for(first_pilot, isolated_state.exists)  # its place at start, saved
        async with second.run_test(size=NARROW) as second_pilot:
            await settle(second_pilot)
            await second_pilot.press("l", "l")
            await settle(second_pilot)
            await second_pilot.press("q")
        await first_pilot.press("q")  # quits last, at its own place
    assert exit_status(first) == 0
    err = capsys.readouterr().err
    assert "another anora-tui window had saved its place in this dataset" in err
    assert example_dataset.sections[2].title in err and "saved over it" in err
    assert load_state(isolated_state, dataset_key(example_data_dir)).state.section_id == example_dataset.sections[0].id
