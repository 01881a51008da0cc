"""Shared fixtures: the hand-written example dataset, and a way to write variants of it into tmp_path."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path
from typing import Callable, Mapping

import pytest
from ui_harness import notices_kept_until_withdrawn, poll_for_idle_quickly

from anora_tui.core.loading.cache import load_cached
from anora_tui.core.loading.loader import load_dataset
from anora_tui.core.model import Dataset
from anora_tui.paths import default_data_dir

EXAMPLE_DATA_DIR = Path(__file__).parent / "data" / "example"

# file name -> YAML text (dedented before writing), raw bytes (written as is), or None (delete the file)
FileContents = Mapping[str, "str | bytes | None"]
MakeDataDir = Callable[..., Path]


@pytest.fixture(scope="session", autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory):
    """No test reads or writes the real user's state, cache or settings (subprocesses inherit this too)."""
    saved = {name: os.environ.get(name) for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")}
    root = tmp_path_factory.mktemp("user-dirs")
    os.environ["XDG_STATE_HOME"] = str(root / "state")
    os.environ["XDG_CACHE_HOME"] = str(root / "cache")
    os.environ["XDG_CONFIG_HOME"] = str(root / "config")
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def example_data_dir() -> Path:
    """tests/data/example: a tiny valid dataset about a made-up short film, Salt Hour."""
    return EXAMPLE_DATA_DIR


@pytest.fixture(scope="session")
def example_dataset(example_data_dir: Path) -> Dataset:
    return load_dataset(example_data_dir)


@pytest.fixture
def make_data_dir(tmp_path: Path) -> MakeDataDir:
    """Write a dataset directory under tmp_path and return its path.

    `make_data_dir({"quotes.yaml": "quotes: ..."})` starts from a copy of the example dataset and
    replaces, adds (str: dedented YAML text; bytes: written raw) or deletes (None) the files given.
    Pass `from_example=False` to start from an empty directory. Each call makes a new directory.
    """
    made = 0

    def make(files: FileContents = {}, *, from_example: bool = True) -> Path:
        nonlocal made
        made += 1
        directory = tmp_path / f"data{made}"
        if from_example:
            shutil.copytree(EXAMPLE_DATA_DIR, directory)
        else:
            directory.mkdir()
        for name, contents in files.items():
            path = directory / name
            if contents is None:
                path.unlink()
            elif isinstance(contents, bytes):
                path.write_bytes(contents)
            else:
                path.write_text(textwrap.dedent(contents), encoding="utf-8")
        return directory

    return make


@pytest.fixture
def quick_pilot(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot polls for idle after every key every 2 ms, not 20 (see ui_harness.poll_for_idle_quickly)."""
    poll_for_idle_quickly(monkeypatch)


@pytest.fixture(autouse=True)
def notices_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test reads what the App said, however long the machine took to get there: notices do not
    run out on the wall clock (see ui_harness.notices_kept_until_withdrawn)."""
    notices_kept_until_withdrawn(monkeypatch)


@pytest.fixture
def place_saved_at_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader saves its place only when it closes, not SAVE_DELAY (0.5 s) after the last move. The
    timed save also keeps, in the history's current place, the view then shown (a quote opened becomes
    its section at that scroll, a person their list's cursor): on a loaded machine 0.5 s passed
    between a jump and the test's look at the history, which then read the view instead of the jump.
    For tests of the history, not of saving (tests/test_place_survives.py tests the timed save)."""
    from anora_tui.ui import place_keeper

    monkeypatch.setattr(place_keeper, "SAVE_DELAY", 3600.0)  # read as each reader starts: longer than any test


@pytest.fixture(autouse=True)
def isolated_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every App test keeps its state (and any crash report) under tmp_path."""
    state_home = tmp_path / "xdg-state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state_home))
    return state_home / "anora-tui" / "state.json"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's own cache directory (XDG_CACHE_HOME), under tmp_path."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture
def cached_example(example_data_dir: Path, cache_home: Path) -> Dataset:
    """The example dataset as the reader opens it from its cache (written by a first load), in the
    test's own cache directory: its records are made as they are read."""
    load_cached(example_data_dir)
    return load_cached(example_data_dir)


@pytest.fixture(scope="session")
def shipped_dataset() -> Dataset:
    return load_dataset(default_data_dir())


@pytest.fixture
def restyled(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every node Textual restyles (through its stylesheet's update) from now on."""
    from textual.css.stylesheet import Stylesheet

    nodes: list[object] = []
    update_nodes = Stylesheet.update_nodes

    def recorded(self, to_update, animate=False):
        to_update = list(to_update)
        nodes.extend(to_update)
        return update_nodes(self, to_update, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", recorded)
    return nodes
