"""How fast the reader starts, as a user meets it, and how fast it opens things. Run by hand (tests
never time anything):

    pip wheel . -w /tmp/whl && python3 -m venv /tmp/benchvenv \
        && /tmp/benchvenv/bin/pip install /tmp/whl/anora_tui-*.whl
    python benchmarks/startup.py --venv /tmp/benchvenv [--runs N] [--data DIR] [--skip-open]
        [--open-sizes 80x24,120x40,160x45,200x50]

- start-up: from just before the `exec` of the installed `anora-tui` command to the moment the first
  frame showing the article (the first words of the section it opens) reaches a real pseudo-terminal
  of 160×45, against `bare_app.py` (a bare Textual app of the same shape that imports nothing of this
  project) run by the same interpreter to its first frame. The two are alternated (A B A B …) in one
  run, after one warm-up each; medians, min–max and the ratio of the medians are printed (target
  ≤ 1.2×), and the CPU time each had used by its first frame (its threads' scheduler time, read from
  /proc: on a shared machine the wall clock swings with other work, the CPU time much less). The
  reader starts from its load cache (warmed by the warm-up run), with fresh state and settings
  directories. Memory: each one's resident set size when its first frame arrives.
- open: in one running reader (headless, in a process of the venv's interpreter, so the installed
  wheel), the time from asking the App to open a section, a person, a scene or an event (a
  `Navigate`, as a reader's Enter posts it: the pane switch, the side column's split and the focus
  included) until every widget has handled its messages and the screen has been redrawn, the frame
  turned into the bytes a terminal is sent (target: median < 30 ms, max
  < 50 ms), against an idle round trip with nothing to do; and the CPU time the process used
  meanwhile; then from pane to pane, as a reader goes from the text to a person or a scene it names
  and back (a section, a person, the next section, a scene, …: the focus moves every time). The
  reader is started as the command starts it (the collector paused until the first
  frame, then resumed), and the first open comes `--reader-pause` seconds after the first frame
  (default 1 s: a reader reads the screen before the first key; what the reader makes ahead in idle
  time is made meanwhile; 0 opens at once, beside that work), and each open as soon as the one before
  is drawn (`--between-opens S`: S seconds after it, as a reader reads what opened; what the reader
  does in idle time after an open is done then). Each round (every record once) runs in a fresh
  process; with `--other`, the other build's rounds alternate with these.

Measure an installed wheel: with PYTHONDONTWRITEBYTECODE=1 (as on the project machine) an editable
install compiles every module of the project on every start.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import tempfile
import time
from functools import partial
from pathlib import Path

from pty_session import PtySession  # this folder is on the path
from screen_settling import settled

ROOT = Path(__file__).resolve().parent.parent

SIZE = (160, 45)
BARE_APP = ROOT / "benchmarks" / "bare_app.py"
BARE_MARKER = b"The bare app is on screen"


def first_words(data_dir: Path | None) -> bytes:
    """The first words of the first paragraph the reader opens with: what the first frame shows."""
    from anora_tui.core.loading.loader import load_dataset
    from anora_tui.paths import default_data_dir

    paragraph = load_dataset(data_dir or default_data_dir()).sections[0].paragraphs[0]
    words = paragraph.split()[:3]
    return " ".join(words).encode()


def time_to_frame(argv: list[str], env: dict[str, str], marker: bytes) -> tuple[float, float, float]:
    """Seconds from launch to the first frame showing `marker`, the CPU seconds the program had
    used by then, and its RSS (MiB) then."""
    session = PtySession(argv, env, SIZE).start()
    try:
        arrived = session.wait_for(marker)
        cpu = session.cpu_seconds()
        rss = session.rss_mib()
    finally:
        session.stop()
    return arrived - session.started, cpu, rss


def summary(values: list[float], unit: str = "ms", scale: float = 1000) -> str:
    return (f"median {statistics.median(values) * scale:6.0f} {unit}  "
            f"(min {min(values) * scale:.0f}, max {max(values) * scale:.0f})")


def measure_startup(venv: Path, runs: int, data_dir: Path | None, other: Path | None = None) -> None:
    marker = first_words(data_dir)
    data = ["--data", str(data_dir)] if data_dir else []
    reader = [str(venv / "bin" / "anora-tui"), *data]
    bare = [str(venv / "bin" / "python"), str(BARE_APP)]
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "XDG_CACHE_HOME": f"{home}/cache",
            "XDG_CONFIG_HOME": f"{home}/config",
        }
        programs = {"reader": (reader, marker), "bare": (bare, BARE_MARKER)}
        if other is not None:  # another build of the reader (say, before a change), in the same rotation
            programs["other"] = ([str(other / "bin" / "anora-tui"), *data], marker)
        times: dict[str, list[float]] = {name: [] for name in programs}
        cpu: dict[str, list[float]] = {name: [] for name in programs}
        memory: dict[str, list[float]] = {name: [] for name in programs}

        def run(name: str, index: int) -> tuple[float, float, float]:
            argv, awaited = programs[name]
            return time_to_frame(argv, {**env, "XDG_STATE_HOME": f"{home}/state-{name}-{index}"}, awaited)

        for name in programs:  # warm the file cache, and the reader's load cache
            run(name, -1)
        for index in range(runs):
            for name in programs:
                elapsed, used, rss = run(name, index)
                times[name].append(elapsed)
                cpu[name].append(used)
                memory[name].append(rss)
    ratios = [r / b for r, b in zip(times["reader"], times["bare"])]
    reader_median, bare_median = statistics.median(times["reader"]), statistics.median(times["bare"])
    print(f"start-up to the first frame in a pty {SIZE[0]}x{SIZE[1]}, {runs} runs each, alternated:")
    print(f"  reader {summary(times['reader'])}   RSS {statistics.median(memory['reader']):.1f} MiB")
    print(f"  bare   {summary(times['bare'])}   RSS {statistics.median(memory['bare']):.1f} MiB")
    print(f"  ratio of medians {reader_median / bare_median:.2f}x (target <= 1.2x); "
          f"pairwise {min(ratios):.2f}x-{max(ratios):.2f}x")
    if other is not None:
        others = [o / b for o, b in zip(times["other"], times["bare"])]
        print(f"  other  {summary(times['other'])}   RSS {statistics.median(memory['other']):.1f} MiB")
        print(f"  other's ratio of medians {statistics.median(times['other']) / bare_median:.2f}x; "
              f"pairwise {min(others):.2f}x-{max(others):.2f}x")
    # CPU time by the first frame: what the program itself did, barely moved by other load on the machine.
    print("CPU time used by the first frame (all threads), same runs:")
    for name in programs:
        print(f"  {name:6} {summary(cpu[name])}   ratio to bare "
              f"{statistics.median(cpu[name]) / statistics.median(cpu['bare']):.2f}x")


READER_PAUSE = 1.0  # seconds from the first frame to the first open (--reader-pause)
BETWEEN_OPENS = 0.0  # seconds after each open before the next (--between-opens)


async def open_round(data_dir: Path | None, size: tuple[int, int] = SIZE, reader_pause: float = READER_PAUSE,
                     between_opens: float = BETWEEN_OPENS) -> dict[str, list[tuple[float, float]]]:
    """One round in this interpreter's installed reader: every section, person, scene and event
    opened once, each after an idle round trip, the first `reader_pause` seconds after the first
    frame, each `between_opens` seconds after the one before it was drawn; (seconds, CPU seconds)
    of each."""
    try:
        from anora_tui.core.gc_pause import pause_for_start
    except ImportError:  # a build from before the collector was paused at start
        def pause_for_start() -> None:
            pass
    from anora_tui.core.loading.loader import load_dataset
    from anora_tui.core.navigation import Location
    from anora_tui.paths import default_data_dir
    from anora_tui.ui.app import AnoraApp
    from anora_tui.ui.messages import Navigate

    dataset = load_dataset(data_dir or default_data_dir())
    with tempfile.TemporaryDirectory() as state_home:
        pause_for_start()  # as the command starts the reader: the collector resumes after the first frame
        app = AnoraApp(dataset, state_path=Path(state_home) / "state.json")
        async with app.run_test(size=size) as pilot:
            turn_frames_into_bytes(app)
            await pilot.pause()
            await asyncio.sleep(reader_pause)

            async def timed(open_one, reading: bool = True) -> tuple[float, float]:
                await settled(app)
                start, start_cpu = time.perf_counter(), time.process_time()
                open_one()
                await settled(app)
                elapsed = time.perf_counter() - start, time.process_time() - start_cpu
                if between_opens and reading:
                    await asyncio.sleep(between_opens)  # the reader reads what opened
                return elapsed

            def navigate(kind: str, record_id: str) -> None:
                # As a reader's Enter does: the App records the move, opens the record in its pane,
                # makes that pane the active one (the side column's split, the focus) and redraws.
                app.post_message(Navigate(Location(kind, record_id)))

            kinds = {"section": dataset.sections, "person": dataset.people, "scene": dataset.scenes,
                     "event": dataset.events}
            cases = {kind: [partial(navigate, kind, record.id) for record in records]
                     for kind, records in kinds.items()}
            samples: dict[str, list[tuple[float, float]]] = {name: [] for name in ("idle", *cases)}
            for name, openers in cases.items():  # the idle round trip interleaved with the opens
                for opener in openers:
                    samples["idle"].append(await timed(lambda: None, reading=False))
                    samples[name].append(await timed(opener))
            # Then from one pane to another, as a reader goes from the text to whom or what it names
            # and back: a section, a person, the next section, a scene, and so on (the focus and the
            # active pane move every time).
            crossing = {"person from the text": dataset.people, "scene from the text": dataset.scenes}
            samples.update({name: [] for name in ("section from a side pane", *crossing)})
            sections = iter(dataset.sections * len(dataset.people))
            for index in range(max(len(records) for records in crossing.values())):
                for name, records in crossing.items():
                    opened = await timed(partial(navigate, "section", next(sections).id))
                    if index or name != "person from the text":  # the first comes from the events
                        samples["section from a side pane"].append(opened)
                    samples[name].append(await timed(partial(navigate, name.split()[0], records[index % len(records)].id)))
    return samples


def turn_frames_into_bytes(app) -> None:
    """Each frame the headless App draws is also turned into the bytes a terminal would be sent, as
    `App._display` does for a real terminal (skipped headless): an open is timed to its bytes, as a
    reader meets it, not to its frame (0.3-2 ms more, with the size of what changed). Textual's
    private `_display`, in a benchmark."""
    display = app._display

    def display_and_encode(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None and hasattr(renderable, "render_segments"):
            renderable.render_segments(app.console)

    app._display = display_and_encode


def measure_opening(venv: Path, data_dir: Path | None, rounds: int, other: Path | None = None,
                    sizes: list[tuple[int, int]] = [SIZE], reader_pause: float = READER_PAUSE,
                    between_opens: float = BETWEEN_OPENS) -> None:
    """Each round in a fresh process of each build's interpreter (so each opens what it installed),
    alternated round by round with `other`'s, at each terminal size in turn."""
    builds = {"reader": venv, **({"other": other} if other is not None else {})}
    results: dict[tuple[str, tuple[int, int]], dict[str, list[list[tuple[float, float]]]]] = {}
    data = ["--data", str(data_dir)] if data_dir else []
    for _ in range(rounds):
        for size in sizes:
            for name, build in builds.items():
                command = [str(build / "bin" / "python"), __file__, "--open-round", *data,
                           "--open-size", f"{size[0]}x{size[1]}", "--reader-pause", str(reader_pause),
                           *(["--between-opens", str(between_opens)] if between_opens else [])]
                done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=tempfile.gettempdir())
                for kind, values in json.loads(done.stdout.splitlines()[-1]).items():
                    results.setdefault((name, size), {}).setdefault(kind, []).append([tuple(value) for value in values])
    for (name, size), samples in results.items():
        print(f"open ({name}), headless {size[0]}x{size[1]}, every record x {rounds}, from {reader_pause:g} s "
              f"after the first frame" + (f", {between_opens:g} s between opens" if between_opens else "")
              + " (target: median < 30 ms, max < 50 ms); first: the first of its kind in a round:")
        for kind, per_round in samples.items():
            values = [value for one_round in per_round for value in one_round]
            elapsed, used = [value[0] for value in values], [value[1] for value in values]
            first = [one_round[0][1] for one_round in per_round]
            print(f"  {kind:24} {summary(elapsed)}   n={len(values)}   CPU {summary(used)}   "
                  f"first CPU {statistics.median(first) * 1000:.0f} ms (max {max(first) * 1000:.0f})")


def size_argument(text: str) -> tuple[int, int]:
    width, height = text.lower().split("x")
    return int(width), int(height)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=Path("/tmp/benchvenv"),
                        help="a virtual environment with the wheel installed")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--rounds", type=int, default=3, help="times each record is opened")
    parser.add_argument("--data", type=Path, help="dataset directory (default: the shipped article)")
    parser.add_argument("--other", type=Path, help="a second venv whose reader joins the rotation (before/after)")
    parser.add_argument("--skip-open", action="store_true")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--open-sizes", type=lambda text: [size_argument(part) for part in text.split(",")],
                        default=[SIZE], help="terminal sizes to open things at, as 80x24,160x45 (default 160x45)")
    parser.add_argument("--reader-pause", type=float, default=READER_PAUSE,
                        help="seconds from the first frame to the first open (default 1: a reader's first key)")
    parser.add_argument("--between-opens", type=float, default=BETWEEN_OPENS,
                        help="seconds from an open drawn to the next open (default 0: one after the other; "
                             "a reader reads what opened, and what the reader does in idle time is done meanwhile)")
    parser.add_argument("--open-round", action="store_true", help=argparse.SUPPRESS)  # one round, as JSON
    parser.add_argument("--open-size", type=size_argument, default=SIZE, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.open_round:
        print(json.dumps(asyncio.run(open_round(args.data, args.open_size, args.reader_pause, args.between_opens))))
        return
    if not args.skip_startup:
        measure_startup(args.venv, args.runs, args.data, args.other)
    if not args.skip_open:
        measure_opening(args.venv, args.data, args.rounds, args.other, args.open_sizes, args.reader_pause,
                        args.between_opens)


if __name__ == "__main__":
    main()
