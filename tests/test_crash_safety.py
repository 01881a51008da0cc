"""Nothing the user had is lost: an unexpected error keeps the place and leaves one readable line, a
process killed in the middle of a write leaves the previous state or cache whole, and a damaged,
unreadable or stale state or cache file is set aside (with a notice) instead of stopping the reader.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_hostile_text import PseudoTerminal
from ui_harness import NARROW, settle, toasts_text

from anora_tui.core.loading import cache
from anora_tui.core.loading.cache import cache_key, load_cached
from anora_tui.core.navigation import Location
from anora_tui.core.state import (
    STATE_VERSION,
    LoadedState,
    SavedState,
    load_state,
    save_state,
)
from anora_tui.paths import cache_dir
from anora_tui.ui.app import AnoraApp, exit_status
from anora_tui.ui.messages import Navigate
from anora_tui.ui.panes.timeline import TimelinePane

pytestmark = pytest.mark.usefixtures("quick_pilot")  # the App tests poll for idle every 2 ms
ROOT = Path(__file__).resolve().parents[1]
SECOND_SECTION = "the-shoot"  # of the example dataset, one `l` away from the start


def environment(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TERM": "xterm-256color",
        "XDG_STATE_HOME": str(tmp_path / "xdg-state"),
        "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),
    }


# --- an unexpected error -------------------------------------------------------------------------

# The real command, with one handler made to fail: the key `f` (forward) raises.
CRASHING_READER = """
import sys
from anora_tui.ui.app import AnoraApp

def explode(self):
    raise RuntimeError("boom from a test\\nwith a second line")

AnoraApp.action_help = explode
from anora_tui.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_crash_in_the_real_command_saves_the_place_and_leaves_one_line(example_data_dir, tmp_path):
    env = environment(tmp_path)
    argv = [sys.executable, "-c", CRASHING_READER, "--data", str(example_data_dir)]
    terminal = PseudoTerminal(argv, (100, 30), env)
    try:
        assert terminal.read_until(lambda text: "A film about waiting" in text, timeout=30), terminal.text[-1500:]
        terminal.send(b"l")
        assert terminal.read_until(lambda text: "Three nights on the pier" in text, timeout=10)
        terminal.send(b"?")
        terminal.read_until(lambda text: False, timeout=15)  # to the end
    finally:
        status = terminal.close()
    assert status == 1
    after_the_screen = terminal.text.rsplit("\x1b[?1049l", 1)[-1]
    printed = re.sub(r"\x1b\[[0-9;?<>=$]*[A-Za-z]", "", after_the_screen)
    lines = [line for line in printed.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    match = re.fullmatch(
        r"anora-tui: unexpected error \(RuntimeError: boom from a test\); your place was saved; "
        r"full report: (?P<report>\S+)",
        lines[0].strip(),
    )
    assert match, lines[0]
    report = Path(match["report"]).read_text(encoding="utf-8")
    assert "Traceback" in report and "boom from a test" in report and str(example_data_dir) in report
    state_path = Path(env["XDG_STATE_HOME"]) / "anora-tui" / "state.json"
    assert load_state(state_path).state.section_id == SECOND_SECTION


async def crash_after_moving(app: AnoraApp, crash) -> None:
    """Open the second section, then make `crash` happen; the App must exit with the error."""
    with pytest.raises(Exception) as caught:
        async with app.run_test(size=NARROW) as pilot:
            await settle(pilot)
            await pilot.press("l")
            await settle(pilot)
            crash(app)
            await settle(pilot)
    assert "deliberate" in str(caught.value) or "deliberate" in str(caught.value.__cause__)


def failing_worker(app: AnoraApp) -> None:
    async def work() -> None:
        raise RuntimeError("deliberate failure in a worker")

    app.run_worker(work())


def failing_message_handler(app: AnoraApp) -> None:
    app.post_message(Navigate(Location("scene", "fog")))  # TimelinePane.show_scene is patched to fail


@pytest.mark.parametrize("crash", [failing_worker, failing_message_handler], ids=["worker", "message handler"])
async def test_an_error_in_a_worker_or_handler_keeps_the_place(
    example_dataset, tmp_path, monkeypatch, capsys, crash
):
    def fail(self, scene_id):
        raise RuntimeError("deliberate failure in a handler")

    monkeypatch.setattr(TimelinePane, "show_scene", fail)
    state_path = tmp_path / "state" / "state.json"
    app = AnoraApp(example_dataset, data_dir=Path("/the/data"), state_path=state_path)
    await crash_after_moving(app, crash)
    assert load_state(state_path).state.section_id == SECOND_SECTION
    assert exit_status(app) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert "deliberate failure" in line and "your place was saved" in line
    assert "(RuntimeError: deliberate failure" in line  # the error itself, not the worker's wrapper
    assert app.crash_report is not None and line.endswith(f"full report: {app.crash_report}")
    assert "deliberate failure" in app.crash_report.read_text(encoding="utf-8")


async def test_an_error_when_the_place_cannot_be_saved_says_so(example_dataset, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    app = AnoraApp(example_dataset, state_path=blocker / "state.json")
    await crash_after_moving(app, failing_worker)
    assert exit_status(app) == 1
    lines = capsys.readouterr().err.splitlines()
    assert re.fullmatch(
        r"anora-tui: unexpected error \(.*deliberate failure in a worker.*\); your place could not be saved; "
        r"full report: \S+",
        lines[-1],
    ), lines
    assert all(line.startswith("anora-tui: ") for line in lines)


# --- killed in the middle of a write -------------------------------------------------------------

# Saves one state, then hangs inside the second save after the temp file is written and synced: the
# moment a crash or power cut would be worst for a non-atomic write.
# Prepended to a writer script: from then on, every fsync says "writing" and hangs, so the test can
# kill the process with its temp file written and synced but not yet moved into place.
HANG_AFTER_FSYNC = """
import os, sys, time
real_fsync = os.fsync

def hang(descriptor):
    real_fsync(descriptor)
    print("writing", flush=True)
    time.sleep(60)
"""

HANGING_STATE_WRITER = HANG_AFTER_FSYNC + """
from pathlib import Path
from anora_tui.core import state

path = Path(sys.argv[1])
state.save_state(path, state.SavedState("before", 3))
os.fsync = hang
state.save_state(path, state.SavedState("after", 4))
"""

STATE_WRITER_LOOP = """
import sys
from pathlib import Path
from anora_tui.core.state import SavedState, save_state

path = Path(sys.argv[1])
back = [{"kind": "section", "id": "s" * 300, "paragraph": n, "span": None} for n in range(1500)]
number = 0
while True:
    number += 1
    save_state(path, SavedState(f"section-{number}", number, None, {"back": back, "current": None, "forward": []}))
    print(number, flush=True)
"""


def start(program: str, *args: str, tmp_path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", program, *args], stdout=subprocess.PIPE, text=True, env=environment(tmp_path)
    )


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    process.stdout.close()


def age(path: Path, seconds: float = 3600) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_killed_in_the_middle_of_a_state_write_the_previous_state_is_intact(tmp_path):
    path = tmp_path / "state" / "state.json"
    writer = start(HANGING_STATE_WRITER, str(path), tmp_path=tmp_path)
    assert writer.stdout.readline() == "writing\n"
    kill(writer)
    assert load_state(path) == LoadedState(SavedState("before", 3))
    [left_over] = [p for p in path.parent.iterdir() if p != path]  # the write that never finished
    age(left_over)
    save_state(path, SavedState("next", 5))
    assert sorted(path.parent.iterdir()) == [path]  # the stale temp file is cleaned up
    assert load_state(path).state == SavedState("next", 5)


def test_killed_at_random_moments_while_writing_the_state_is_always_whole(tmp_path):
    path = tmp_path / "state" / "state.json"
    for delay in (0.0, 0.003, 0.011, 0.027, 0.05):
        writer = start(STATE_WRITER_LOOP, str(path), tmp_path=tmp_path)
        for _ in range(3):  # some writes done, then kill at some moment of the next ones
            writer.stdout.readline()
        time.sleep(delay)
        kill(writer)
        loaded = load_state(path)
        assert loaded.notice is None
        assert loaded.state.section_id == f"section-{loaded.state.paragraph}"
        assert len(loaded.state.history["back"]) == 1500


HANGING_CACHE_WRITER = HANG_AFTER_FSYNC + """
from anora_tui.core.loading.cache import load_cached

os.fsync = hang
load_cached(sys.argv[1])
"""


def test_killed_in_the_middle_of_a_cache_write_the_next_start_rebuilds_it(
    example_data_dir, example_dataset, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    writer = start(HANGING_CACHE_WRITER, str(example_data_dir), tmp_path=tmp_path)
    assert writer.stdout.readline() == "writing\n"
    kill(writer)
    cached = cache_dir() / f"{cache_key(example_data_dir)}.json"
    [left_over] = list(cache_dir().iterdir())  # only the temp file: no half-written cache
    assert left_over != cached
    age(left_over)
    notices: list[str] = []
    assert load_cached(example_data_dir, notices.append) == example_dataset
    assert notices == []  # there was no cache file, so nothing to say
    assert sorted(cache_dir().iterdir()) == [cached]
    assert json.loads(cached.read_bytes())["key"] == cached.stem


# --- damaged or unreadable files ------------------------------------------------------------------


def truncated_state(path: Path) -> None:
    text = json.dumps(SavedState(SECOND_SECTION, 2, None, {"back": [], "current": None, "forward": []}).to_plain())
    path.write_text(text[: len(text) // 2])


def foreign_state(path: Path) -> None:
    path.write_text(json.dumps({"version": STATE_VERSION + 1, "section": SECOND_SECTION}))


def fifo_state(path: Path) -> None:
    os.mkfifo(path)  # reading it would wait for a writer forever


def dangling_state(path: Path) -> None:
    path.symlink_to(path.parent / "gone.json")


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (truncated_state, "it is not valid JSON"),
        (foreign_state, "saved by another version"),
        (fifo_state, "cannot read it: it is a FIFO, socket or device, not a regular file"),
        (dangling_state, "cannot read it: it is a broken symbolic link to"),
    ],
    ids=["truncated", "foreign version", "FIFO", "broken link"],
)
async def test_a_damaged_state_file_is_set_aside_and_rebuilt(example_dataset, tmp_path, damage, reason):
    path = tmp_path / "state" / "state.json"
    path.parent.mkdir()
    damage(path)
    app = AnoraApp(example_dataset, state_path=path)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await settle(pilot)
        toasts = toasts_text(app).replace("\n", "")
        assert "Ignored the saved state" in toasts and reason in toasts
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("q")
    assert app.return_code == 0 and app.save_error is None
    rebuilt = load_state(path)
    assert rebuilt.notice is None and rebuilt.state.section_id == SECOND_SECTION


async def test_a_directory_in_place_of_the_state_file_never_stops_the_reader(example_dataset, tmp_path):
    path = tmp_path / "state" / "state.json"
    path.mkdir(parents=True)
    app = AnoraApp(example_dataset, state_path=path)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("l", "q")
    assert app.return_code == 0
    assert app.save_error is not None and str(path) in app.save_error  # said at exit, in one line


async def test_a_lone_surrogate_in_the_history_never_makes_the_save_fail(example_dataset, tmp_path):
    path = tmp_path / "state" / "state.json"
    app = AnoraApp(example_dataset, state_path=path)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        app.history.visit(Location("person", "bad\udcff-id"))  # as from a file name Python could not decode
        await pilot.press("q")
    assert app.save_error is None
    assert load_state(path).state.history["current"]["id"] == "bad\udcff-id"


@pytest.mark.parametrize("kind", ["section", "quote"])
async def test_a_saved_history_naming_places_the_data_no_longer_has_is_harmless(example_dataset, tmp_path, kind):
    path = tmp_path / "state" / "state.json"
    gone = {"kind": kind, "id": "removed-since", "paragraph": None, "span": None}
    here = {"kind": "section", "id": SECOND_SECTION, "paragraph": None, "span": None}
    save_state(path, SavedState(SECOND_SECTION, 1, None, {"back": [gone], "current": here, "forward": [gone]}))
    app = AnoraApp(example_dataset, state_path=path)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert app.is_running
        assert app.reading.section_id == SECOND_SECTION


def corrupt_cache(path: Path) -> None:
    path.write_bytes(b'{"format": 1, "key": "')


def foreign_cache(path: Path) -> None:
    path.write_text(json.dumps({"format": cache.CACHE_FORMAT + 1, "key": path.stem, "dataset": {}}))


def fifo_cache(path: Path) -> None:
    os.mkfifo(path)


def directory_cache(path: Path) -> None:
    path.mkdir()


@pytest.mark.parametrize(
    ("damage", "reason", "rebuilt"),
    [
        (corrupt_cache, "it is damaged", True),
        (foreign_cache, "it is from another version of the program", True),
        (fifo_cache, "cannot read it: it is a FIFO, socket or device, not a regular file", True),
        (directory_cache, "cannot read it: it is a directory", False),  # cannot be replaced: never used
    ],
    ids=["truncated", "foreign version", "FIFO", "directory"],
)
def test_a_damaged_cache_file_is_set_aside_and_rebuilt(
    example_data_dir, example_dataset, tmp_path, monkeypatch, damage, reason, rebuilt
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    path = cache_dir() / f"{cache_key(example_data_dir)}.json"
    path.parent.mkdir(parents=True)
    damage(path)
    notices: list[str] = []
    assert load_cached(example_data_dir, notices.append) == example_dataset
    assert notices == [f"Rebuilt the load cache {path}: {reason}."]
    notices.clear()
    assert load_cached(example_data_dir, notices.append) == example_dataset
    assert (notices == []) is rebuilt


# --- the crash report is private and never follows a planted link ----------------------------------


def test_the_crash_report_never_follows_a_link_planted_in_the_temp_directory(tmp_path, monkeypatch):
    import tempfile as tempfile_module

    from anora_tui.ui.crash_report import write_crash_report

    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))  # the state directory cannot be made
    shared_temp = tmp_path / "tmp"
    shared_temp.mkdir()
    monkeypatch.setattr(tempfile_module, "tempdir", str(shared_temp))
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    now = time.time()
    for second in range(-2, 5):  # every name the old code could have chosen around now
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now + second))
        (shared_temp / f"crash-{stamp}.txt").symlink_to(victim)
    report = write_crash_report(RuntimeError("deliberate"), Path("/the/data"))
    assert victim.read_text() == "precious"
    assert report is not None and "deliberate" in report.read_text(encoding="utf-8")
    assert report.parent.parent == shared_temp and report.parent.name.startswith("anora-tui-crash-")
    assert report.stat().st_mode & 0o777 == 0o600
    assert report.parent.stat().st_mode & 0o777 == 0o700
    assert not report.is_symlink()


def test_a_crash_report_in_the_state_directory_is_private_and_new(tmp_path, monkeypatch):
    from anora_tui.ui.crash_report import write_crash_report

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    first = write_crash_report(RuntimeError("one"), None)
    second = write_crash_report(RuntimeError("two"), None)
    assert first != second and first.parent == second.parent == tmp_path / "state" / "anora-tui"
    assert "one" in first.read_text() and "two" in second.read_text()
    assert first.stat().st_mode & 0o777 == 0o600
