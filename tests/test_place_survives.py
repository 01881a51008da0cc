"""The place survives however the reader ends: saved soon after every move (a closed terminal loses
nothing), and on SIGTERM, SIGHUP and an outside SIGINT the reader saves, gives the terminal back as it
found it, and dies of the signal. Run through the installed command in a pseudo-terminal and in tmux.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from test_e2e_tmux import installed_command
from test_hostile_text import PseudoTerminal
from screen_reading import THREE_SIZES, widget_lines
from ui_harness import NARROW, burst, navigate, settle, wait_for

from anora_tui.core.navigation import Location
from anora_tui.core.state import dataset_key, load_state
from anora_tui.ui import place_keeper
from anora_tui.ui.app import AnoraApp

pytestmark = pytest.mark.usefixtures("quick_pilot")
FIRST_TITLE = "A film about waiting"  # of the example dataset's sections
SECOND_TITLE, SECOND_ID = "Three nights on the pier", "the-shoot"
THIRD_ID = "afterwards"


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        **extra,
    }
    for name in ("COLUMNS", "LINES"):
        env.pop(name, None)
    return env


def saved_section(tmp_path: Path, data_dir: Path) -> str | None:
    path = tmp_path / "state" / "anora-tui" / "state.json"
    return load_state(path, dataset_key(data_dir)).state.section_id


# --- saved on every move, debounced --------------------------------------------------------------


async def test_a_move_is_saved_soon_without_quitting(example_dataset, example_data_dir, isolated_state):
    app = AnoraApp(example_dataset, data_dir=example_data_dir, state_path=isolated_state)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("l")
        key = dataset_key(example_data_dir)
        await wait_for(pilot, lambda: load_state(isolated_state, key).state.section_id == SECOND_ID)
        assert app.is_running


async def test_a_burst_of_moves_is_one_write(example_dataset, isolated_state, monkeypatch):
    writes: list[str | None] = []
    real_save = place_keeper.save_state

    def counting(path, state, *args):
        writes.append(state.section_id)
        return real_save(path, state, *args)

    monkeypatch.setattr(place_keeper, "save_state", counting)
    app = AnoraApp(example_dataset, state_path=isolated_state)
    async with app.run_test(size=NARROW) as pilot:
        await wait_for(pilot, lambda: writes)  # the place the reader opened at
        await pilot.pause(3 * place_keeper.SAVE_DELAY)
        writes.clear()
        # Queued at once, as a terminal sends a burst: pressed one by one, a loaded machine's pause
        # between two keys could outlast SAVE_DELAY, and the moves were two bursts.
        burst(app, "l", "l", "h", "l")
        await wait_for(pilot, lambda: writes, message=lambda: f"nothing saved; the reader is at {app.reading.section_id}")
        assert app.reading.section_id == THIRD_ID
        await pilot.pause(3 * place_keeper.SAVE_DELAY)
        assert writes == [THIRD_ID]  # once, when the moves stopped, then nothing: nothing moved


# --- signals ---------------------------------------------------------------------------------------

# What Textual writes to take the terminal over, and what gives it back.
ALTERNATE_SCREEN_ON, ALTERNATE_SCREEN_OFF = "\x1b[?1049h", "\x1b[?1049l"
MOUSE_OFF = "\x1b[?1000l"
CURSOR_SHOWN = "\x1b[?25h"


def other_threads(pid: int) -> list[int]:
    return sorted(int(task) for task in os.listdir(f"/proc/{pid}/task") if int(task) != pid)


@pytest.mark.parametrize("receiver", ["main-thread", "another-thread"])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=lambda s: s.name)
def test_a_signal_saves_the_place_restores_the_terminal_and_ends_by_the_signal(
    signum, receiver, example_data_dir, tmp_path
):
    """The kernel may hand a process's signal to any of its threads (`kill` of a thread's id makes
    it that one): the reader, idle in its event loop, must still act on it at once. Sent to the main
    thread, at once, before the debounced save; to another, once the reader is idle."""
    argv = [installed_command(), "--data", str(example_data_dir)]
    terminal = PseudoTerminal(argv, (100, 30), environment(tmp_path))
    try:
        assert terminal.read_until(lambda text: FIRST_TITLE in text, timeout=30), terminal.text[-1500:]
        terminal.send(b"l")
        assert terminal.read_until(lambda text: SECOND_TITLE in text, timeout=10)
        if receiver == "main-thread":
            terminal.process.send_signal(signum)  # at once: before the debounced save
        else:  # once the reader has gone idle, nothing pending that would wake its loop anyway
            deadline = time.monotonic() + 20
            while saved_section(tmp_path, example_data_dir) != SECOND_ID and time.monotonic() < deadline:
                time.sleep(0.1)
            time.sleep(1.0)
            os.kill(other_threads(terminal.process.pid)[0], signum)
        terminal.read_until(lambda text: False, timeout=15)  # to the end
    finally:
        status = terminal.close()
    assert status == -signum  # died of the signal: the shell shows 128 + N
    after = terminal.text.rsplit(ALTERNATE_SCREEN_ON, 1)[-1]
    for sequence in (ALTERNATE_SCREEN_OFF, MOUSE_OFF, CURSOR_SHOWN):
        assert sequence in after, repr(sequence)
    assert "Traceback" not in terminal.text
    assert saved_section(tmp_path, example_data_dir) == SECOND_ID


TMUX = shutil.which("tmux")


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
def test_closing_the_terminal_window_keeps_the_place(example_data_dir, tmp_path):
    """tmux closing the pane is the real hang-up: the terminal goes away under the reader."""
    server = ["tmux", "-L", f"anora-hup-{uuid.uuid4().hex[:8]}", "-f", os.devnull]
    env = environment(tmp_path)
    command = f"exec env -u COLUMNS -u LINES '{installed_command()}' --data '{example_data_dir}'"
    subprocess.run(
        [*server, "new-session", "-d", "-x", "100", "-y", "30", "-s", "r",
         "-e", f"XDG_STATE_HOME={env['XDG_STATE_HOME']}", "-e", f"XDG_CACHE_HOME={env['XDG_CACHE_HOME']}",
         "-e", "TERM=xterm-256color", command],
        check=True, timeout=20,
    )
    try:
        pid = int(subprocess.run([*server, "display", "-p", "-t", "r", "#{pane_pid}"],
                                 capture_output=True, text=True, check=True, timeout=20).stdout)
        deadline = time.monotonic() + 30
        while FIRST_TITLE not in subprocess.run([*server, "capture-pane", "-p", "-t", "r"],
                                                capture_output=True, text=True, timeout=20).stdout:
            assert time.monotonic() < deadline, "the reader never drew"
            time.sleep(0.1)
        subprocess.run([*server, "send-keys", "-t", "r", "l"], check=True, timeout=20)
        time.sleep(0.2)
    finally:
        subprocess.run([*server, "kill-server"], timeout=20)
    deadline = time.monotonic() + 15
    while _alive(pid):
        assert time.monotonic() < deadline, "the reader kept running after its terminal closed"
        time.sleep(0.1)
    assert saved_section(tmp_path, example_data_dir) == SECOND_ID


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_huge_columns_and_lines_are_not_trusted_over_the_real_size(example_data_dir, tmp_path):
    argv = [installed_command(), "--data", str(example_data_dir)]
    env = environment(tmp_path, COLUMNS="100000", LINES="100000")
    terminal = PseudoTerminal(argv, (100, 30), env)
    try:
        assert terminal.read_until(lambda text: FIRST_TITLE in text, timeout=30), terminal.text[-1500:]
        terminal.send(b"q")
        terminal.read_until(lambda text: False, timeout=20)
    finally:
        status = terminal.close()
    assert status == 0
    assert "\x1b[30;1H" in terminal.text and "\x1b[31;1H" not in terminal.text  # drawn on 30 rows


async def test_a_signal_over_a_modal_screen_saves_the_readers_place(example_dataset, isolated_state):
    app = AnoraApp(example_dataset, state_path=isolated_state)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("l", "slash", "f")
        await settle(pilot)
        assert type(app.screen).__name__ == "SearchScreen"
        app.stop_for_signal(signal.SIGTERM)
        await settle(pilot)
    assert app.return_code == 128 + signal.SIGTERM
    assert app.save_error is None and not app.crash_summary
    assert load_state(isolated_state).state.section_id == SECOND_ID


async def test_a_save_due_as_the_reader_closes_is_harmless(example_dataset, isolated_state):
    """The debounced save can come due while the App tears its panes down (as when a test leaves
    `run_test` without quitting): with no panes there is no place to read, and the last save stands."""
    app = AnoraApp(example_dataset, state_path=isolated_state)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await app.query_one("#panes").remove()
        app.places._save_if_moved()  # what the timer would call
        assert app.is_running and not app.crash_summary


@THREE_SIZES
async def test_a_restart_brings_back_the_line_at_the_top_not_the_next_paragraph(
    shipped_dataset, isolated_state, size
):
    """Scrolled so that a paragraph's editor's note was at the top, the reader came back at the next
    paragraph: only the first paragraph starting on screen was kept. The line at the top now is."""
    last_but_one = shipped_dataset.sections[-2]
    app = AnoraApp(shipped_dataset, state_path=isolated_state)
    async with app.run_test(size=size) as pilot:
        await navigate(pilot, app, Location("section", last_but_one.id))
        app.reading.focus_default()
        await settle(pilot)
        await pilot.press(*["down"] * 12)
        await settle(pilot)
        before = [line for line in widget_lines(app, app.reading) if line.strip()][:3]
        assert app.save_place()
    again = AnoraApp(shipped_dataset, state_path=isolated_state)
    async with again.run_test(size=size) as pilot:
        await settle(pilot)
        after = [line for line in widget_lines(again, again.reading) if line.strip()][:3]
    assert after == before
