"""The reader's first start writes its cache from a detached process, so its first frame does not
wait for the write; what it writes is the cache a synchronous write makes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from anora_tui.core.loading.cache import load_cached, start_writing_behind
from anora_tui.core.loading.cache_file import CachedParts
from anora_tui.core.loading.loader import load_dataset


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "anora-tui"


def cache_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.json")) if directory.exists() else []


def wait_for_cache_file(directory: Path) -> list[Path]:
    deadline = time.monotonic() + 60  # the detached writer, at the lowest priority, finishes on its own time
    while not cache_files(directory) and time.monotonic() < deadline:
        time.sleep(0.02)
    return cache_files(directory)


def test_written_behind_then_read_from(example_data_dir, cache_home):
    dataset = load_cached(example_data_dir, write_behind=True)
    assert dataset == load_dataset(example_data_dir)
    start_writing_behind()  # as the reader does once its first frame is drawn
    [written] = wait_for_cache_file(cache_home)
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


# Run in a process of their own: a fork is only made while no other thread runs, and a test process
# may have threads left by other tests (the reader's background work).
WRITER_SCRIPT = """
import sys, time
from pathlib import Path
from anora_tui.core.loading import cache
cache.WRITER_WAITS_AT_MOST = float(sys.argv[2])
cache.load_cached(sys.argv[1], write_behind=True)
files = lambda: sorted(Path(sys.argv[3]).glob("*.json")) if Path(sys.argv[3]).exists() else []
deadline = time.monotonic() + float(sys.argv[4])
while not files() and time.monotonic() < deadline:
    time.sleep(0.05)
print("before:", len(files()))
cache.start_writing_behind()
deadline = time.monotonic() + 60  # at the lowest priority on a busy machine it may take a while
while not files() and time.monotonic() < deadline:
    time.sleep(0.05)
print("after:", len(files()))
"""


def run_writer_script(data_dir: Path, cache_home: Path, waits_at_most: float, sleep: float) -> str:
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache_home.parent)}
    result = subprocess.run([sys.executable, "-c", WRITER_SCRIPT, str(data_dir), str(waits_at_most),
                             str(cache_home), str(sleep)], env=environment, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_detached_writer_waits_for_the_first_frame(example_data_dir, cache_home):
    """Encoding a big dataset takes seconds of CPU: the writer begins once the reader says its first
    frame is drawn (or it exits), not while that frame is being made."""
    # A writer that had not waited writes the shipped dataset in a small part of the second watched.
    assert run_writer_script(example_data_dir, cache_home, 60.0, 1.0).split() == ["before:", "0", "after:", "1"]


def test_a_writer_waits_no_longer_than_its_limit(example_data_dir, cache_home):
    """A reader that never draws its first frame (stuck, say) does not keep its cache from being
    written for good."""
    assert run_writer_script(example_data_dir, cache_home, 0.2, 60.0).split() == ["before:", "1", "after:", "1"]


def test_the_reader_lets_the_writer_begin_after_its_first_frame(example_data_dir, tmp_path, monkeypatch):
    import asyncio

    from anora_tui.ui.app import AnoraApp

    let: list[bool] = []
    monkeypatch.setattr("anora_tui.ui.app.start_writing_behind", lambda: let.append(True))

    async def run() -> None:
        app = AnoraApp(load_dataset(example_data_dir), state_path=tmp_path / "state.json",
                       config_path=tmp_path / "config.toml")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert let == [True]

    asyncio.run(run())
