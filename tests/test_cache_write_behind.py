"""The reader's first start writes its cache from a detached process, so its first frame does not
wait for the write; what it writes is the cache a synchronous write makes."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from anora_tui.core.loading.cache import load_cached
from anora_tui.core.loading.cache_file import CachedParts
from anora_tui.core.loading.loader import load_dataset


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "anora-tui"


def cache_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.json")) if directory.exists() else []


def test_written_behind_then_read_from(example_data_dir, cache_home):
    dataset = load_cached(example_data_dir, write_behind=True)
    assert dataset == load_dataset(example_data_dir)
    for _ in range(500):  # the detached writer finishes on its own time
        if cache_files(cache_home):
            break
        time.sleep(0.02)
    [written] = cache_files(cache_home)
    again = load_cached(example_data_dir)
    assert isinstance(again.__dict__.get("_parts"), CachedParts), "the second start reads the cache"
    assert again == dataset


def test_written_at_once_while_other_threads_run(example_data_dir, cache_home):
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        load_cached(example_data_dir, write_behind=True)
        assert len(cache_files(cache_home)) == 1  # no fork beside a running thread: written before returning
    finally:
        stop.set()
        other.join()
