"""How fast the reader starts and opens things, and how much memory it takes, against a bare Textual
app that imports the same widgets. Run by hand (tests never time anything):

    python benchmarks/startup.py [--runs N] [--data DIR]

- start-up: wall time from launching a fresh interpreter to the first interactive screen having been
  drawn (headless, 160×48; the child reports the moment, so shutting down is not counted), median of
  N runs of each program, alternating them; and the ratio (target ≤ 1.3×).
- peak memory: the largest resident set size of those runs (target ≤ 1.5× the bare app's).
- open: in one running reader, the time from asking a pane to open a section, a person or a scene
  until every widget has handled its messages and the screen has been redrawn (target < 50 ms),
  median over every section / person / scene of the dataset.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (160, 48)

# Both programs import the same modules; the bare one then shows a single static line.
_IMPORTS = """
import sys, time
sys.path.insert(0, {root!r})
from anora_tui.ui.app import AnoraApp
from anora_tui.core.loading.loader import load_dataset
from textual.app import App
from textual.widgets import Static
"""

# Ready comes once the first screen is composed; the moment after its first refresh is reported.
_REPORT = """
    def on_ready(self):
        self.call_after_refresh(self.drawn)

    def drawn(self):
        print(time.time(), flush=True)
        self.exit()
"""

READER = (
    _IMPORTS
    + """
class Timed(AnoraApp):"""
    + _REPORT
    + """

Timed(load_dataset({data!r})).run(headless=True, size={size!r})
"""
)

BARE = (
    _IMPORTS
    + """
class Bare(App):
    def compose(self):
        yield Static("bare")
"""
    + _REPORT
    + """

Bare().run(headless=True, size={size!r})
"""
)


def run_once(source: str, env: dict[str, str]) -> tuple[float, int]:
    """Seconds from launch to the first drawn screen, and peak RSS (KiB), of one child running `source`."""
    start = time.time()
    child = subprocess.Popen([sys.executable, "-c", source], env=env, stdout=subprocess.PIPE, text=True)
    drawn_at = child.stdout.read().split()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode or not drawn_at:
        raise SystemExit(f"benchmark child failed with status {child.returncode}")
    return float(drawn_at[-1]) - start, usage.ru_maxrss


def measure_startup(runs: int, data_dir: Path) -> None:
    with tempfile.TemporaryDirectory() as state_home:
        env = {**os.environ, "XDG_STATE_HOME": state_home}
        programs = {
            "reader": READER.format(root=str(ROOT), data=str(data_dir), size=SIZE),
            "bare": BARE.format(root=str(ROOT), size=SIZE),
        }
        times: dict[str, list[float]] = {name: [] for name in programs}
        memory: dict[str, list[int]] = {name: [] for name in programs}
        run_once(programs["bare"], env)  # warm the file cache and bytecode
        for _ in range(runs):
            for name, source in programs.items():
                elapsed, rss = run_once(source, env)
                times[name].append(elapsed)
                memory[name].append(rss)
    reader, bare = statistics.median(times["reader"]), statistics.median(times["bare"])
    reader_rss, bare_rss = max(memory["reader"]), max(memory["bare"])
    print(f"start-up  reader {reader * 1000:6.0f} ms   bare {bare * 1000:6.0f} ms   "
          f"ratio {reader / bare:.2f}x (target <= 1.3x)   [median of {runs}]")
    print(f"memory    reader {reader_rss / 1024:6.1f} MiB bare {bare_rss / 1024:6.1f} MiB  "
          f"ratio {reader_rss / bare_rss:.2f}x (target <= 1.5x)   [peak RSS]")


async def measure_opening(data_dir: Path) -> None:
    from anora_tui.core.loading.loader import load_dataset
    from anora_tui.ui.app import AnoraApp

    dataset = load_dataset(data_dir)
    with tempfile.TemporaryDirectory() as state_home:
        app = AnoraApp(dataset, state_path=Path(state_home) / "state.json")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()

            async def settled() -> None:
                # Process every pending message, then draw the screen, until nothing is left.
                for _ in range(5):
                    await pilot._wait_for_screen()
                    app.screen._on_timer_update()
                await pilot._wait_for_screen()

            async def timed(open_one) -> float:
                await settled()
                start = time.perf_counter()
                open_one()
                await settled()
                return time.perf_counter() - start

            baseline = [await timed(lambda: None) for _ in range(10)]
            cases = {
                "section": [
                    lambda s=s: app.reading.open_section(s.id)
                    for s in dataset.sections
                ],
                "person": [lambda p=p: app.people.show_person(p.id) for p in dataset.people],
                "scene": [lambda s=s: app.timeline.show_scene(s.id) for s in dataset.scenes],
            }
            print(f"open      (idle round trip with nothing to do: {statistics.median(baseline) * 1000:.1f} ms)")
            for name, openers in cases.items():
                samples = [await timed(opener) for opener in openers]
                print(f"          {name:8} median {statistics.median(samples) * 1000:5.1f} ms   "
                      f"max {max(samples) * 1000:5.1f} ms   (n={len(samples)}, target < 50 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    measure_startup(args.runs, args.data)
    asyncio.run(measure_opening(args.data))


if __name__ == "__main__":
    main()
