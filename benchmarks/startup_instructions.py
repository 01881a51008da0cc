"""Start-up in instructions: what `startup.py` times, counted by valgrind instead, which hardly moves
with other programs' load (on a machine shared by several people the wall clock and even the CPU time
of one start swing by a third from run to run). Run by hand (needs valgrind):

    python benchmarks/startup_instructions.py --venv /tmp/benchvenv [--other VENV] [--runs 2]

Each program runs in a real pseudo-terminal of 160×45 under `valgrind --tool=callgrind` and exits at
its first frame: the reader from its load cache (warmed first, in a cache directory of this run) at
the point it resumes the garbage collector, which it does once its first frame is drawn
(`core/gc_pause.py`); `bare_app.py` after its first refresh. The instructions each ran (user space
only: the kernel's work, reading files and mapping memory, is not counted) and the ratio to the bare
app are printed. A run takes about a minute per program.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pty_session import PtySession  # this folder is on the path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (160, 45)
READER_TO_FIRST_FRAME = """
import os, sys
import anora_tui.core.gc_pause as gc_pause
gc_pause.resume_after_start = lambda: os._exit(0)  # called once the first frame is drawn
sys.argv = ["anora-tui"]
from anora_tui.cli.main import main
main()
"""
BARE_TO_FIRST_FRAME = """
import os, runpy
bare = runpy.run_path({path!r}, run_name="bare")["BareApp"]
bare.on_ready = lambda self: self.call_after_refresh(lambda: os._exit(0))
bare().run()
"""


def instructions(python: Path, program: str, env: dict[str, str]) -> int:
    with tempfile.TemporaryDirectory() as work:
        log = Path(work) / "valgrind.log"
        argv = [shutil.which("valgrind") or "valgrind", "--tool=callgrind", f"--callgrind-out-file={work}/out",
                f"--log-file={log}", str(python), "-P", "-c", program]  # -P: not this folder's source
        session = PtySession(argv, env, SIZE).start()
        session.drain(600)  # until it exits
        session.stop()
        found = re.search(r"Collected : (\d+)", log.read_text())
        if found is None:
            raise SystemExit(f"valgrind gave no count: {log.read_text()[-500:]}")
        return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, required=True, help="a virtual environment with the wheel installed")
    parser.add_argument("--other", type=Path, help="a second build of the reader (say, main before a change)")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", "XDG_CACHE_HOME": f"{home}/cache",
               "XDG_CONFIG_HOME": f"{home}/config", "XDG_STATE_HOME": f"{home}/state"}
        builds = {"reader": args.venv, **({"other": args.other} if args.other else {})}
        cache = Path(home) / "cache" / "anora-tui"
        for venv in builds.values():  # the load cache, written behind by a first start
            before = len(list(cache.glob("*.json")))
            warm = PtySession([str(venv / "bin" / "anora-tui")], env, SIZE).start()
            warm.drain(3)
            warm.stop()
            deadline = time.monotonic() + 300  # the writer runs at the lowest priority: slow on a busy machine
            while len(list(cache.glob("*.json"))) == before and time.monotonic() < deadline:
                time.sleep(0.2)
        bare_program = BARE_TO_FIRST_FRAME.format(path=str(ROOT / "benchmarks" / "bare_app.py"))
        programs = {"bare": (args.venv / "bin" / "python", bare_program)}
        programs.update({name: (venv / "bin" / "python", READER_TO_FIRST_FRAME) for name, venv in builds.items()})
        counts: dict[str, list[int]] = {name: [] for name in programs}
        for _ in range(args.runs):
            for name, (python, program) in programs.items():
                counts[name].append(instructions(python, program, env))
    bare = statistics.median(counts["bare"])
    print(f"instructions to the first frame in a pty {SIZE[0]}x{SIZE[1]} (valgrind), {args.runs} run(s) each:")
    for name, values in counts.items():
        median = statistics.median(values)
        print(f"  {name:6} {median / 1e9:6.3f} G  (min {min(values) / 1e9:.3f}, max {max(values) / 1e9:.3f})"
              f"   ratio to bare {median / bare:.3f}x")


if __name__ == "__main__":
    main()
