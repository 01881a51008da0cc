"""The saved state file: where it lives, atomic writes, and reads that never fail."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anora_tui.core import state as state_module
from anora_tui.core.files import remove_stale_temp_files
from anora_tui.core.navigation import History, Location
from anora_tui.core.state import (
    STATE_VERSION,
    LoadedState,
    SavedState,
    load_state,
    save_state,
    state_file,
)


def test_state_file_follows_xdg_state_home() -> None:
    path = state_file({"XDG_STATE_HOME": "/x/state", "HOME": "/home/u"})
    assert path == Path("/x/state/anora-tui/state.json")


@pytest.mark.parametrize("xdg", ["", "relative/dir"])
def test_state_file_ignores_empty_or_relative_xdg_state_home(xdg: str) -> None:
    path = state_file({"XDG_STATE_HOME": xdg, "HOME": "/home/u"})
    assert path == Path("/home/u/.local/state/anora-tui/state.json")


def test_round_trip_with_history(tmp_path: Path) -> None:
    history = History()
    history.visit(Location("section", "origins"))
    history.visit(Location("quote", "whole-plot"))
    saved = SavedState("the-shoot", 3, "textual-light", history.snapshot())
    path = tmp_path / "anora-tui" / "state.json"
    save_state(path, saved)
    loaded = load_state(path)
    assert loaded == LoadedState(saved, None)
    assert History.restore(loaded.state.history).current == Location("quote", "whole-plot")


def test_round_trip_with_searches_and_marks(tmp_path: Path) -> None:
    history = History()
    history.visit(Location("section", "origins", 2, (4, 9), ((4, 9), (20, 25))))
    saved = SavedState("origins", 1, None, history.snapshot(), searches=("@yura", "“mill basin”"))
    path = tmp_path / "state.json"
    save_state(path, saved)
    loaded = load_state(path).state
    assert loaded.searches == ("@yura", "“mill basin”")
    assert History.restore(loaded.history).current.marks == ((4, 9), (20, 25))


def test_a_state_saved_before_searches_were_kept_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "state.json"  # by version 1 of the file, which had one place for every dataset
    path.write_text(json.dumps({"version": 1, "section": "origins", "paragraph": 2,
                                "history": {"back": [], "current": {"kind": "section", "id": "origins",
                                                                     "paragraph": 2, "span": [1, 3]},
                                            "forward": []}}))
    loaded = load_state(path)
    assert loaded.notice is None and loaded.state.searches == ()
    assert History.restore(loaded.state.history).current == Location("section", "origins", 2, (1, 3))


def test_missing_file_gives_defaults_silently(tmp_path: Path) -> None:
    assert load_state(tmp_path / "none.json") == LoadedState(SavedState(), None)


def place_file(**place: object) -> bytes:
    return json.dumps({"version": STATE_VERSION, "datasets": {"": place}}).encode()


@pytest.mark.parametrize(
    ("contents", "reason"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00", "not valid JSON"),
        (b"[1, 2]", "not a JSON object"),
        (json.dumps({"version": 99}).encode(), "another version"),
        (json.dumps({"section": "a"}).encode(), "another version"),
        (place_file(paragraph=0), "'paragraph'"),
        (place_file(paragraph=True), "'paragraph'"),
        (place_file(into=-1), "'into'"),
        (place_file(into="3"), "'into'"),
        (json.dumps({"version": STATE_VERSION, "theme": 5}).encode(), "'theme'"),
        (json.dumps({"version": STATE_VERSION, "datasets": []}).encode(), "'datasets'"),
        (place_file(section=["x"]), "'section'"),
        (place_file(history=[]), "'history'"),
        (place_file(searches="x"), "'searches'"),
        (place_file(searches=[1]), "'searches'"),
        (json.dumps({"version": STATE_VERSION, "zen": "yes"}).encode(), "'zen'"),
        (json.dumps({"version": STATE_VERSION, "datasets": {"": 7}}).encode(), "not a JSON object"),
        (json.dumps({"version": 1, "paragraph": 0}).encode(), "'paragraph'"),  # an old file, damaged
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_bad_file_is_ignored_with_a_notice(tmp_path: Path, contents: bytes, reason: str) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(contents)
    loaded = load_state(path)
    assert loaded.state == SavedState()
    assert loaded.notice is not None and str(path) in loaded.notice and reason in loaded.notice
    assert "\n" not in loaded.notice


def test_unreadable_file_is_ignored_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.mkdir()  # reading a directory fails even as root
    loaded = load_state(path)
    assert loaded.state == SavedState()
    assert "cannot read" in loaded.notice


def test_save_leaves_no_temp_file_and_valid_json(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    save_state(path, SavedState("a", 2, "nord"))
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]
    assert json.loads(path.read_text())["datasets"][""]["section"] == "a"


def test_failed_replace_keeps_the_old_file_and_removes_the_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "state.json"
    save_state(path, SavedState("old"))

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(state_module.os, "replace", refuse)
    with pytest.raises(OSError):
        save_state(path, SavedState("new"))
    assert load_state(path).state.section_id == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_save_into_unwritable_place_raises_oserror(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OSError):
        save_state(blocker / "anora-tui" / "state.json", SavedState())


def test_stale_temp_files_are_removed_recent_ones_kept(tmp_path: Path) -> None:
    stale = tmp_path / ".state.json.abc_1234.tmp"
    recent = tmp_path / ".state.json.def_5678.tmp"
    for temp in (stale, recent):
        temp.write_text("partial")
    age(stale)
    remove_stale_temp_files(tmp_path, re.compile(re.escape("state.json")))
    assert not stale.exists()
    assert recent.exists()


@pytest.mark.parametrize(
    "name",
    [
        "notes.tmp",  # not hidden
        ".notes.tmp",  # hidden, but not a temp file of ours
        ".vimrc.swp.tmp",
        ".state.json.tmp",  # no random part
        ".state.json.abc.tmp",  # not the random part mkstemp makes
        ".state.json.ABCDEFGH.tmp",
        ".state.json.abcdefgh.tmp.bak",
        ".other.json.abcdefgh.tmp",  # another file's temp
        ".state.jsonxabcdefgh.tmp",
    ],
)
def test_stale_temp_cleanup_touches_only_its_own_names(tmp_path: Path, name: str) -> None:
    foreign = tmp_path / name
    foreign.write_text("someone else's")
    age(foreign)
    save_state(tmp_path / "state.json", SavedState("a"))
    assert foreign.read_text() == "someone else's"


def age(path: Path, seconds: float = 3600) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_save_cleans_stale_temp_files(tmp_path: Path) -> None:
    stale = tmp_path / ".state.json.crashed1.tmp"
    stale.write_text("partial")
    age(stale)
    save_state(tmp_path / "state.json", SavedState())
    assert not stale.exists()


@given(
    section=st.one_of(st.none(), st.text()),
    theme=st.one_of(st.none(), st.text()),
    paragraph=st.integers(min_value=1, max_value=10_000),
)
def test_any_text_round_trips_including_lone_surrogates(
    tmp_path_factory: pytest.TempPathFactory, section: str | None, theme: str | None, paragraph: int
) -> None:
    path = tmp_path_factory.mktemp("s") / "state.json"
    saved = SavedState(section, paragraph, theme)
    save_state(path, saved)
    assert load_state(path).state == saved


def test_lone_surrogate_write_does_not_fail(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    saved = SavedState("\ud800bad", 1, "\udfff")
    save_state(path, saved)
    assert load_state(path).state == saved
