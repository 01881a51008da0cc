"""The whole reader at 1k, 10k and 100k quotes, driven through the installed command in a real
pseudo-terminal (160×45), as a user meets it. Run by hand (tests never time anything):

    pip wheel . -w /tmp/whl && python3 -m venv /tmp/benchvenv \
        && /tmp/benchvenv/bin/pip install /tmp/whl/anora_tui-*.whl
    python benchmarks/reader_scale.py --venv /tmp/benchvenv [--sizes 1000,10000,100000] [--runs 3]

For each size it writes a corpus with `make_corpus.py` (fixed seed), then, `--runs` times, alternating
with a baseline (`bare_app.py`, the bare Textual app of `startup.py`, to its first frame), and with a
second build of the reader if `--other VENV` is given (say, `main` before a change: A B A B):

- first frame, cold: `anora-tui --data DIR` with an empty cache directory (it parses and checks the
  YAML, and writes the cache), from just before `exec` to the first frame showing the first words of
  the article; and its resident memory then;
- cache file written after: from the cold start's `exec` to the cache file in place (a detached
  process writes it after the first frame);
- first frame, cached: the same again, now from the cache;
- search at once: in that reader, `/` pressed as soon as the first frame is there, then, once the
  search box is drawn (older builds dropped a key typed while the search screen opened), one letter:
  the time from the letter to its first list of matches (the count line "N of M quotes"); this waits
  for the quote index being built in the background after the first frame, if it is not yet done;
- search: Escape, then `/`, Ctrl+U (the last query goes) and a word typed letter by letter, each
  letter timed to its redrawn count line (the first letter is "first search key");
- opening: the People pane's first person (to its ROLES heading), the timeline's first scene (to
  "How it was shot"), the last section from the contents (to its title);
- palette: Ctrl+P and a word typed letter by letter, each letter timed to the last byte of its
  redraw (the first byte waited for, then no byte for QUIET seconds; good to QUIET/2);
- memory: the resident set at the first frame, once the search at once has its results (what is
  done ahead after the first frame is done: the quote index and mention counts), after all that
  (the palette's index of every name included), and the peak.

Medians over the runs, with min–max. The machine should be otherwise idle: these are wall times.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from pty_session import PtySession, Timeout  # noqa: E402  (this folder is on the path)

SIZE = (160, 45)
BARE_MARKER = b"The bare app is on screen"
COUNT_LINE = rb"[\d,]+ of [\d,]+ quotes?"
AT_ONCE = "m"
QUIET = 0.25
SEARCH_WORD = "money"
PALETTE_WORD = "sean"
PERSON_HEADING = b"ROLES"
SEARCH_BOX = b"earch quotes: words"  # the search box's placeholder (its first letter under the cursor)
SCENE_HEADING = b"How it was shot"


def corpus(count: int, root: Path) -> Path:
    directory = root / f"corpus-{count}"
    if not directory.exists():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(count), "--out", str(directory)],
                       check=True, stdout=subprocess.DEVNULL)
    return directory


def markers(data_dir: Path) -> tuple[bytes, bytes, bool, dict[str, bytes]]:
    """The first words of the article (the first frame shows them), the last section's title,
    whether there are scenes (the synthetic corpus has none), and the search screen's count line for
    each query typed (the project's own index, run here, says what it must be)."""
    from anora_tui.core.loading.loader import load_dataset
    from anora_tui.core.search import SearchIndexes, counted

    dataset = load_dataset(data_dir)
    first = " ".join(dataset.sections[0].paragraphs[0].split()[:3]).encode()
    last = " ".join(dataset.sections[-1].title.split()[:3]).encode()
    index = SearchIndexes(dataset).quotes
    queries = ["", AT_ONCE, *(SEARCH_WORD[:n] for n in range(1, len(SEARCH_WORD) + 1))]
    lines = {}
    for query in queries:
        result = index.search(query)
        lines[query] = f"{result.count:,} of {counted(result.total, index.noun)}".encode()
    return first, last, bool(dataset.scenes), lines


def quiet_after(session: PtySession, sent: float, start: int) -> float:
    """Seconds from `sent` to the last byte before the output goes quiet for QUIET seconds, once the
    first byte after `start` has come (waited for up to a minute)."""
    session.wait_for(re.compile(rb"(?s)."), after=start, timeout=60)
    last = time.perf_counter()
    size = len(session.output)
    while True:
        session.drain(QUIET)
        if len(session.output) == size:
            return last - sent
        size = len(session.output)
        last = time.perf_counter() - QUIET / 2  # within the quiet window: good to QUIET/2
        # (drain returns after QUIET seconds; the last byte came somewhere in that window)


def until(session: PtySession, pattern: bytes, sent: float, timeout: float = 120.0) -> float:
    """Seconds from `sent` to the first output after it matching `pattern`."""
    start = len(session.output)
    arrived = session.wait_for(re.compile(pattern), after=start, timeout=timeout)
    return arrived - sent


def run_reader(argv: list[str], env: dict[str, str], first_words: bytes, last_title: bytes,
               interact: bool, scenes: bool = False, lines: dict[str, bytes] | None = None) -> dict[str, float | list[float]]:
    figures: dict[str, float | list[float]] = {}
    session = PtySession(argv, env, SIZE).start()
    try:
        return drive(session, figures, first_words, last_title, interact, scenes, lines or {})
    except Timeout as timeout:
        raise Timeout(f"after {', '.join(figures) or 'nothing'}: {timeout}") from None
    finally:
        session.stop()


def drive(session: PtySession, figures: dict[str, float | list[float]], first_words: bytes, last_title: bytes,
          interact: bool, scenes: bool, lines: dict[str, bytes]) -> dict[str, float | list[float]]:
    figures["frame"] = session.wait_for(first_words, timeout=300) - session.started
    figures["rss_frame"] = session.rss_mib()
    if not interact:
        return figures
    # Search at once: the index may still be being read or built. The letter waits for the search box
    # to be drawn, so a build from before the search screen took letters typed while it opened (it
    # dropped them) is timed the same way.
    start = len(session.output)
    session.type("/")
    session.wait_for(SEARCH_BOX, after=start, timeout=60)
    session.drain(0.1)
    figures["search_at_once"] = until(session, re.escape(lines[AT_ONCE]), session.type(AT_ONCE), timeout=300)
    session.drain(1.0)
    figures["rss_ready"] = session.rss_mib()  # the work done ahead after the first frame is done
    session.type("\x1b")
    session.drain(0.5)
    sent = session.type("/")
    figures["open_search"] = until(session, COUNT_LINE, sent)
    session.drain(0.3)
    session.type("\x15")  # Ctrl+U: the last query goes; every quote is listed
    session.drain(1.0)
    # A letter is timed to its count line; a letter that leaves the count as it was redraws no count
    # line, so it is not timed.
    keys = []
    for typed in range(1, len(SEARCH_WORD) + 1):
        before, query = lines[SEARCH_WORD[: typed - 1]], SEARCH_WORD[:typed]
        sent = session.type(SEARCH_WORD[typed - 1])
        if lines[query] != before:
            keys.append(until(session, re.escape(lines[query]), sent))
            if typed == 1:
                figures["first_key"] = keys[0]
        session.drain(0.3)
    figures["search_keys"] = keys
    session.type("\x1b")
    session.drain(0.5)
    # Opening things.
    session.type("3")
    session.drain(0.5)
    figures["open_person"] = until(session, re.escape(PERSON_HEADING), session.type("\r"))
    session.drain(0.5)
    if scenes:
        session.type("4")
        session.drain(0.5)
        figures["open_scene"] = until(session, re.escape(SCENE_HEADING), session.type("\r"))
        session.drain(0.5)
    session.type("1")
    session.drain(0.3)
    session.type("\x1b[F")  # End: the last section
    session.drain(0.5)
    figures["open_section"] = until(session, re.escape(last_title), session.type("\r"))
    session.drain(0.5)
    # The palette.
    session.type("\x10")  # Ctrl+P
    session.drain(1.0)
    palette = []
    for letter in PALETTE_WORD:
        start = len(session.output)
        palette.append(quiet_after(session, session.type(letter), start))
    figures["palette_keys"] = palette
    session.type("\x1b")
    session.drain(0.5)
    figures["rss_after"] = session.rss_mib()
    figures["rss_peak"] = session.peak_rss_mib()
    return figures


def run_bare(venv: Path, env: dict[str, str]) -> float:
    session = PtySession([str(venv / "bin" / "python"), str(HERE / "bare_app.py")], env, SIZE).start()
    try:
        return session.wait_for(BARE_MARKER) - session.started
    finally:
        session.stop()


def wait_for_cache(cache_home: Path, timeout: float = 300.0) -> None:
    deadline = time.perf_counter() + timeout
    while not list(cache_home.glob("anora-tui/*.json")):
        if time.perf_counter() > deadline:
            raise Timeout(f"no cache file in {cache_home} after {timeout} s")
        time.sleep(0.1)
    time.sleep(0.5)  # the writer renames the finished file into place, then prunes and exits


def describe(values: list[float], scale: float = 1000, unit: str = "ms") -> str:
    if not values:
        return "—"
    median = statistics.median(values) * scale
    return f"{median:.0f} {unit} ({min(values) * scale:.0f}–{max(values) * scale:.0f})"


def measure(count: int, venv: Path, runs: int, work: Path, other: Path | None = None) -> None:
    data_dir = corpus(count, work)
    first_words, last_title, scenes, lines = markers(data_dir)
    builds = {"reader": venv, **({"other": other} if other is not None else {})}
    samples: dict[str, dict[str, list[float]]] = {label: {} for label in builds}

    def add(label: str, name: str, value: float | list[float]) -> None:
        samples[label].setdefault(name, []).extend(value if isinstance(value, list) else [value])

    for run in range(runs):
        for label, build in builds.items():  # A B A B: each build in turn, each with its bare runs
            argv = [str(build / "bin" / "anora-tui"), "--data", str(data_dir)]
            home = Path(tempfile.mkdtemp(dir=work))
            env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor",
                   "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home / "config"),
                   "XDG_STATE_HOME": str(home / "state-cold")}
            add(label, "bare", run_bare(venv, env))
            cold = run_reader(argv, env, first_words, last_title, interact=False)
            add(label, "cold", cold["frame"])
            add(label, "rss_cold", cold["rss_frame"])
            written = time.perf_counter()
            wait_for_cache(home / "cache")  # written by a detached process after the first frame
            add(label, "cache_written", time.perf_counter() - written + cold["frame"])
            add(label, "bare", run_bare(venv, env))
            cached = run_reader(argv, {**env, "XDG_STATE_HOME": str(home / "state-cached")}, first_words,
                                last_title, interact=True, scenes=scenes, lines=lines)
            for name, value in cached.items():
                add(label, "cached" if name == "frame" else name, value)
            shutil.rmtree(home, ignore_errors=True)

    for label, build in builds.items():
        report(count, runs, f"{label} ({build})" if other is not None else "", samples[label])


def report(count: int, runs: int, label: str, samples: dict[str, list[float]]) -> None:
    print(f"\n{count:,} quotes ({runs} runs; medians, min–max){' · ' + label if label else ''}:")
    print(f"  bare app, first frame        {describe(samples['bare'])}")
    print(f"  first frame, cold            {describe(samples['cold'])}")
    print(f"  cache file written after     {describe(samples['cache_written'])}")
    print(f"  first frame, cached          {describe(samples['cached'])}")
    print(f"  search at once (to results)  {describe(samples['search_at_once'])}")
    print(f"  / to the search screen       {describe(samples['open_search'])}")
    keys = samples["search_keys"]
    print(f"  first search key             {describe(samples.get('first_key', []))}")
    print(f"  every search key             {describe(keys)}  max {max(keys) * 1000:.0f} ms")
    for name in ("open_person", "open_scene", "open_section"):
        print(f"  {name.replace('_', ' '):28} {describe(samples.get(name, []))}")
    print(f"  palette key (to quiet)       {describe(samples['palette_keys'])}  "
          f"max {max(samples['palette_keys']) * 1000:.0f} ms")
    print(f"  RSS at the first frame, cold {describe(samples['rss_cold'], 1, 'MiB')}")
    print(f"  RSS at the first frame       {describe(samples['rss_frame'], 1, 'MiB')}")
    print(f"  RSS with the index ready     {describe(samples['rss_ready'], 1, 'MiB')}")
    print(f"  RSS after all that           {describe(samples['rss_after'], 1, 'MiB')}")
    print(f"  peak RSS                     {describe(samples['rss_peak'], 1, 'MiB')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=Path("/tmp/benchvenv"))
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, help="where corpora and caches go (default: a temp dir)")
    parser.add_argument("--other", type=Path, help="a second venv whose reader joins the rotation (before/after)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.gettempdir()) / "anora-tui-reader-scale"
    work.mkdir(parents=True, exist_ok=True)
    for count in (int(size) for size in args.sizes.split(",")):
        try:
            measure(count, args.venv, args.runs, work, args.other)
        except Timeout as timeout:
            print(f"\n{count:,} quotes: {timeout}")


if __name__ == "__main__":
    main()
