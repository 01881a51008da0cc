"""A state file the reader cannot use is kept aside (state.json.bad, .bad.2, …) before the next save
writes a fresh one, and the notice says where: a corrupt file was overwritten seconds after the
notice, its bookmarks lost, with no copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ui_harness import screen_text, settle

from anora_tui.core.state import SavedState, load_state, save_state
from anora_tui.ui.app import AnoraApp

pytestmark = pytest.mark.usefixtures("quick_pilot")

BOOKMARK = {"kind": "section", "id": "origins"}


def a_real_state(path: Path) -> bytes:
    save_state(path, SavedState("a", 3, bookmarks=(BOOKMARK,)), "/data/one")
    save_state(path, SavedState("b", 2), "/data/two")
    return path.read_bytes()


def test_a_corrupt_file_is_moved_aside_and_the_notice_says_where(tmp_path):
    path = tmp_path / "state.json"
    cut = a_real_state(path)[:60]
    path.write_bytes(cut)
    loaded = load_state(path, "/data/one")
    aside = tmp_path / "state.json.bad"
    assert loaded.state == SavedState()
    assert "not valid JSON" in loaded.notice and f"kept as {aside}" in loaded.notice
    assert aside.read_bytes() == cut and not path.exists()
    path.write_bytes(b"{")  # damaged again: the first copy stays
    assert f"kept as {aside}.2" in load_state(path, "/data/one").notice
    assert aside.read_bytes() == cut and (tmp_path / "state.json.bad.2").read_bytes() == b"{"


def test_a_file_of_another_version_is_kept_aside(tmp_path):
    path = tmp_path / "state.json"
    newer = json.dumps({"version": 99, "datasets": {}}).encode()
    path.write_bytes(newer)
    assert "kept as" in load_state(path).notice
    assert (tmp_path / "state.json.bad").read_bytes() == newer


def test_a_damaged_place_is_copied_aside_and_the_file_stays(tmp_path):
    path = tmp_path / "state.json"
    a_real_state(path)
    document = json.loads(path.read_text())
    document["datasets"]["/data/two"]["paragraph"] = 0
    damaged = json.dumps(document).encode()
    path.write_bytes(damaged)
    loaded = load_state(path, "/data/two")
    assert "is damaged" in loaded.notice and f"kept as {tmp_path / 'state.json.bad'}" in loaded.notice
    assert (tmp_path / "state.json.bad").read_bytes() == damaged and path.read_bytes() == damaged
    assert load_state(path, "/data/one").state.bookmarks == (BOOKMARK,)


def test_what_is_not_a_file_is_left_where_it_is(tmp_path):
    path = tmp_path / "state.json"
    path.mkdir()
    loaded = load_state(path)
    assert "cannot read" in loaded.notice and "kept" not in loaded.notice
    assert path.is_dir() and not (tmp_path / "state.json.bad").exists()


async def test_the_reader_says_where_the_corrupt_file_went_and_saves_afresh(shipped_dataset, tmp_path):
    path = tmp_path / "state.json"
    section = shipped_dataset.sections[2].id
    save_state(path, SavedState(section, 1, bookmarks=({"kind": "section", "id": section},)))
    cut = path.read_bytes()[:150]  # `head -c 150`
    path.write_bytes(cut)
    app = AnoraApp(shipped_dataset, state_path=path, config_path=tmp_path / "none.toml")
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await settle(pilot)
        shown = " ".join(screen_text(app).split())
        assert "not valid JSON" in shown and "state.json.bad" in shown, shown
        await pilot.press("q")
    assert (tmp_path / "state.json.bad").read_bytes() == cut
    assert json.loads(path.read_text())["version"] == 2  # a fresh file, beside the copy
