"""Opening and closing the reader's modal screens: help, search (quotes and text), bookmarks, palette.

Headless (`run_test`), on the shipped article (or `--data`), at 80×24, 120×40 and 200×50: each screen
is opened with its key (the text search through the App, as the palette opens it), then the terminal
is resized while it is open (to 10 columns and 4 rows more, and back), then it is closed with
Escape; each step timed from the key to the screen redrawn with every message queue empty (watched,
not waited for with Pilot's helpers, which post callbacks to every widget) and each frame turned into
the bytes a terminal is sent (`startup.turn_frames_into_bytes`), wall clock and CPU time.
Each round (every screen at every size) runs in a fresh process of a venv's interpreter, so it
measures the installed wheel; with `--other VENV` the two builds' rounds alternate, A B A B.

    .venv/bin/python benchmarks/modal_opens.py --venv /tmp/benchvenv --other /tmp/mainvenv --rounds 5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from screen_settling import settled  # this folder is on the path
from startup import turn_frames_into_bytes

SIZES = ((80, 24), (120, 40), (200, 50))
SCREENS = ("help", "search", "text search", "bookmarks", "palette")
STEPS = ("open", "resize", "close")


async def one_round(data_dir: Path | None, repeats: int) -> dict[str, list[tuple[float, float]]]:
    """Every screen at every size, `repeats` times each, in this interpreter's installed reader:
    {"SCREEN WxH STEP": [(seconds, CPU seconds), ...]}."""
    from textual import events

    from anora_tui.core.loading.loader import load_dataset
    from anora_tui.paths import default_data_dir
    from anora_tui.ui.app import AnoraApp

    dataset = load_dataset(data_dir or default_data_dir())
    samples: dict[str, list[tuple[float, float]]] = {}
    keys = {"help": ("question_mark", "?"), "search": ("slash", "/"), "bookmarks": ("apostrophe", "'"),
            "palette": ("ctrl+p", None)}
    for width, height in SIZES:
        with tempfile.TemporaryDirectory() as state_home:
            app = AnoraApp(dataset, state_path=Path(state_home) / "state.json")
            async with app.run_test(size=(width, height)) as pilot:
                turn_frames_into_bytes(app)
                await pilot.pause()

                def press(key: str, char: str | None) -> None:
                    app.post_message(events.Key(key, char))

                async def resized(to: tuple[int, int]) -> None:
                    await pilot.resize_terminal(*to)
                    while app.screen.size != to:  # the App passes a resize on after a short debounce
                        await asyncio.sleep(0.001)

                async def timed(name: str, step: str, action) -> None:
                    await settled(app)
                    start, start_cpu = time.perf_counter(), time.process_time()
                    awaited = action()
                    if awaited is not None:
                        await awaited
                    await settled(app)
                    elapsed = (time.perf_counter() - start, time.process_time() - start_cpu)
                    samples.setdefault(f"{name} {width}x{height} {step}", []).append(elapsed)

                press("B", "B")  # one bookmark, so the bookmarks list has a row
                await settled(app)
                for _ in range(repeats):
                    for name in SCREENS:
                        if name == "text search":
                            await timed(name, "open", lambda: app.open_search("", "text"))
                        else:
                            await timed(name, "open", lambda: press(*keys[name]))
                        await timed(name, "resize", lambda: resized((width + 10, height + 4)))
                        await timed(name, "resize", lambda: resized((width, height)))
                        await timed(name, "close", lambda: press("escape", None))
    return samples


def summary(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:6.1f} ms ({min(values) * 1000:.1f}–{max(values) * 1000:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=Path("/tmp/benchvenv"),
                        help="a virtual environment with the wheel installed")
    parser.add_argument("--other", type=Path, help="a second venv whose rounds alternate with these (before/after)")
    parser.add_argument("--rounds", type=int, default=3, help="fresh processes per build")
    parser.add_argument("--repeats", type=int, default=2, help="opens of each screen per size in a round")
    parser.add_argument("--data", type=Path, help="dataset directory (default: the shipped article)")
    parser.add_argument("--round", action="store_true", help=argparse.SUPPRESS)  # one round, as JSON
    args = parser.parse_args()
    if args.round:
        print(json.dumps(asyncio.run(one_round(args.data, args.repeats))))
        return
    builds = {"this": args.venv, **({"other": args.other} if args.other else {})}
    results: dict[str, dict[str, list[tuple[float, float]]]] = {name: {} for name in builds}
    data = ["--data", str(args.data)] if args.data else []
    for number in range(args.rounds):
        for name, venv in builds.items():
            command = [str(venv / "bin" / "python"), __file__, "--round", "--repeats", str(args.repeats), *data]
            done = subprocess.run(command, capture_output=True, text=True, cwd=tempfile.gettempdir())
            if done.returncode:
                sys.exit(f"{name} ({venv}) failed:\n{done.stderr}")
            for key, values in json.loads(done.stdout.splitlines()[-1]).items():
                results[name].setdefault(key, []).extend(tuple(value) for value in values)
            print(f"round {number + 1}/{args.rounds}: {name} done", file=sys.stderr)
    print(f"CPU and wall per step, median (min–max); {args.rounds} rounds x {args.repeats} repeats a build;"
          " resize: both ways")
    for key in results["this"]:
        line = f"{key:28}"
        for name in builds:
            values = results[name].get(key, [])
            if values:
                line += (f" | {name}: CPU {summary([v[1] for v in values])}"
                         f" wall {summary([v[0] for v in values])}")
        print(line)


if __name__ == "__main__":
    main()
