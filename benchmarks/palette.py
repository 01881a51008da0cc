"""The command palette at scale: time per keystroke, from the key to the palette's finished hit list;
and opening it, through the installed command in a real terminal.

    python benchmarks/palette.py [--sizes 1000,10000,100000,1000000]
    python benchmarks/palette.py --pty --venv /tmp/benchvenv [--other /tmp/mainvenv] [--data DIR] \
        [--cache-home DIR] [--rounds 3] [--opens 6]

`--pty`: opening the palette as a user meets it. The installed command runs in a pseudo-terminal of
160×45 (`pty_session.py`), on the shipped article or `--data DIR` (from its cache in `--cache-home`:
a million quotes' first start takes minutes, and builds whose core is the same share the cache file).
Once its first frame is there, the benchmark waits until the reader has used no CPU for a second and a
half (the work it does ahead after the first frame: the quote index, the palette's places, the
people's names), then opens the palette `--opens` times: Ctrl+P timed to the first place it lists
(escape sequences taken out), and to the last output of the open (no more for 0.3 s: a frame drawn
after the list is part of the open), with the reader's CPU time for it; in every other open a
person's name is typed letter by letter, each letter timed to a line naming a place that fits what is
typed (as `reader_scale.py` does); then Escape. Each round starts each build afresh, A B A B.

For each size, in a fresh process: make the corpus (benchmarks/make_corpus.py, fixed seed), build the
Dataset in memory and its search indexes (as after a first search, so quotes are searched too) and the
palette's places (timed: the reader makes them ahead), then type the queries into the palette of a
headless App, one character at a time. Two figures:

- the providers' own time per keystroke: every provider of the reader asked for its hits for what is
  typed so far (what this project adds to the palette, and what grows with the data);
- key to list: from the key press to the end of the palette's search (every provider has answered and
  the list is refilled), in the reader's palette (`ReaderPalette`, which gathers a key's hits at once
  when no provider has to wait). The baseline, alternated with it query by query in the same run
  (A B A B), is an App with only Textual's own commands in Textual's own palette. (Textual's palette
  waits for its providers' results with a 0.1 s timeout: a provider that is not done when the queue
  runs dry costs that.)

Medians, p99 and min–max are printed.

Timing here only: no test asserts on time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import make_corpus  # noqa: E402
from search import percentile  # noqa: E402

from anora_tui.core.gc_pause import gc_paused  # noqa: E402
from anora_tui.core.model import Dataset  # noqa: E402
from anora_tui.core.search import SearchIndexes  # noqa: E402

GENERIC_QUERIES = ["the", "money", "romantic comedy", "ko", "baker said", "berlin"]
GATHER_GROUP = "--textual-command-palette-gather-commands"


def queries_for(dataset: Dataset) -> list[str]:
    """The generic queries, and two names of the corpus typed as a reader would: a whole name, and
    the start of a first and a last name."""
    first, last = dataset.people[len(dataset.people) // 2].name.split()[:2]
    return GENERIC_QUERIES + [f"{first} {last}".lower(), f"{first[:3]} {last[:2]}".lower()]


async def provider_times(app, providers: list, queries: list[str]) -> list[float]:
    """Each keystroke's time in the reader's own providers."""
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        made = [provider(app.screen, None) for provider in providers]
        for provider in made:
            await provider.startup()
        for query in queries:
            for typed in range(1, len(query) + 1):
                start = time.perf_counter()
                for provider in made:
                    [hit async for hit in provider.search(query[:typed])]
                times.append(time.perf_counter() - start)
    return times


async def settled(app) -> None:
    while any(w.group == GATHER_GROUP and not w.is_finished for w in app.workers):
        await asyncio.sleep(0)


async def keystroke_times(app, queries: list[str], slowest: list | None = None) -> list[float]:
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for query in queries:
            await pilot.press("ctrl+p")
            await settled(app)  # opening lists what is there to discover: not a keystroke
            await pilot.pause(0.2)
            for typed in range(1, len(query) + 1):
                start = time.perf_counter()
                await pilot.press(query[typed - 1])
                await settled(app)
                times.append(time.perf_counter() - start)
                if slowest is not None:
                    slowest.append((times[-1], query[:typed]))
            await pilot.press("escape")
            await pilot.pause(0.1)
    return times


def measure(size: int) -> dict:
    from textual.app import App

    from anora_tui.ui.providers import READER_PROVIDERS

    providers = [factory() for factory in READER_PROVIDERS]

    with gc_paused():  # as the loader does: what lasts is kept out of the collector's way
        corpus = make_corpus(size)
        dataset = Dataset.build(corpus.article, corpus.people, corpus.characters, (), (), corpus.quotes, ())
        del corpus
    indexes = SearchIndexes(dataset)
    indexes.quotes  # as after a first search: the palette then searches quotes too
    made = time.perf_counter()
    indexes.places  # as the reader makes them ahead, after its first frame, in a large dataset
    places_seconds = time.perf_counter() - made
    queries = queries_for(dataset)

    class Reader(App):
        COMMANDS = App.COMMANDS | READER_PROVIDERS

        def __init__(self) -> None:
            super().__init__()
            self.dataset = dataset
            self.search_indexes = indexes

        def open_search(self, query: str, scope: str) -> None:  # the palette's "search for" entries
            pass

        def action_command_palette(self) -> None:  # the reader's palette, as the reader opens it
            from anora_tui.ui.screens.palette import ReaderPalette

            if not ReaderPalette.is_open(self):
                self.push_screen(ReaderPalette(id="--command-palette"))

    class Bare(App):
        pass

    reader: list[float] = []
    bare: list[float] = []
    slowest: list[tuple[float, str]] = []
    first_key = None
    for query in queries:  # A B A B: each query typed in the reader, then in the bare App
        timed = asyncio.run(keystroke_times(Reader(), [query], slowest))
        if first_key is None:
            first_key = timed[0]  # builds the palette's name index
        reader += timed
        bare += asyncio.run(keystroke_times(Bare(), [query]))
    own = asyncio.run(provider_times(Reader(), providers, queries))
    return {"size": size, "reader": reader, "bare": bare, "first_key": first_key, "queries": queries,
            "places_seconds": places_seconds,
            "providers": own, "slowest": sorted(slowest, reverse=True)[:4]}


def report(figures: dict) -> None:
    ms = 1000
    print(f"\n{figures['size']:,} quotes ({len(figures['reader'])} keystrokes; queries: "
          f"{', '.join(figures['queries'])})")
    for label, name in (("the reader's providers", "providers"), ("key to list, reader", "reader"),
                        ("key to list, bare Textual", "bare")):
        times = figures[name]
        print(f"  {label:26} per keystroke: median {statistics.median(times) * ms:.1f} ms, "
              f"p99 {percentile(times, .99) * ms:.1f} ms, min–max {min(times) * ms:.1f}–{max(times) * ms:.1f} ms")
    print(f"  the palette's places made (ahead, in the reader) in {figures['places_seconds'] * ms:.0f} ms; "
          f"the reader's first keystroke: {figures['first_key'] * ms:.1f} ms")
    print("  slowest keys to list, reader: "
          + ", ".join(f"{typed!r} {seconds * ms:.0f} ms" for seconds, typed in figures["slowest"]))


PTY_SIZE = (160, 45)
QUIET_CPU_SECONDS = 1.5  # no CPU used for this long: the work done ahead after the first frame is over
OUTPUT_QUIET_SECONDS = 0.3  # no output for this long: an open's last frame has been drawn
OPEN_TIMEOUT = 60.0  # the palette's first place not shown by then: a missed open


@dataclass
class OpenMarkers:
    first_words: bytes  # the article's first words: the reader's first frame shows them
    first_place: str  # the first line the palette lists when opened, "Person: …"
    name: str  # typed into the palette


def open_markers(data_dir: Path | None) -> OpenMarkers:
    """Worked out with the project's own code, from the cache the builds read (`load_cached`)."""
    from anora_tui.core.loading.cache import load_cached
    from anora_tui.core.search.place_names import PlaceCatalogue
    from anora_tui.paths import default_data_dir

    dataset = load_cached(data_dir or default_data_dir())
    place = PlaceCatalogue(dataset).place(0)
    people = dataset.values_of("people", "name")
    return OpenMarkers(" ".join(dataset.sections[0].paragraphs[0].split()[:3]).encode(),
                       f"{place.kind}: {place.name}", people[len(people) // 2].lower())


def until_quiet_output(session, sent: float, seen: float) -> float:
    """Seconds from `sent` to the last output before none came for `OUTPUT_QUIET_SECONDS` (`seen`: the
    last output known so far)."""
    while True:
        size = len(session.output)
        session._read_some(time.perf_counter() + OUTPUT_QUIET_SECONDS)  # one read, as it comes
        if len(session.output) == size:
            return seen - sent
        seen = time.perf_counter()


def until_cpu_quiet(session, timeout: float = 600.0) -> float:
    """Wait (reading the output) until the reader has used no CPU for `QUIET_CPU_SECONDS`."""
    start = time.perf_counter()
    cpu, still_since = session.cpu_seconds(), time.perf_counter()
    while time.perf_counter() - still_since < QUIET_CPU_SECONDS and time.perf_counter() - start < timeout:
        session.drain(0.25)
        now = session.cpu_seconds()
        if now - cpu > 0.01:  # a hundredth of a second: the event loop's own idle turns cost less
            still_since = time.perf_counter()
        cpu = now
    return time.perf_counter() - start


def pty_round(venv: Path, env: dict[str, str], data_dir: Path | None, marks: OpenMarkers, opens: int) -> dict:
    from pty_session import PtySession, Timeout
    from reader_scale import until_fitting_place, until_texts

    argv = [str(venv / "bin" / "anora-tui"), *(["--data", str(data_dir)] if data_dir else [])]
    figures: dict[str, list[float]] = {}
    session = PtySession(argv, env, PTY_SIZE).start()
    try:
        figures["frame"] = [session.wait_for(marks.first_words, timeout=900) - session.started]
        figures["ahead"] = [until_cpu_quiet(session)]
        for number in range(opens):
            cpu = session.cpu_seconds()
            sent = session.type("\x10")  # Ctrl+P
            try:
                shown = until_texts(session, (marks.first_place,), sent, timeout=OPEN_TIMEOUT)
            except Timeout:  # counted, and the next open tried (seen once, in the build before 4 December
                # evening's change, on a loaded machine: cause not found)
                figures.setdefault("open_missed", []).append(1.0)
                session.type("\x1b")
                session.drain(1.0)
                continue
            figures.setdefault("open", []).append(shown)
            figures.setdefault("open_done", []).append(until_quiet_output(session, sent, sent + shown))
            figures.setdefault("open_cpu", []).append(session.cpu_seconds() - cpu)
            if number % 2:
                for typed in range(1, len(marks.name) + 1):
                    letter = marks.name[typed - 1]
                    if letter == " ":
                        session.type(" ")  # the palette strips what is typed: a space changes nothing
                    else:
                        cpu = session.cpu_seconds()
                        sent = session.type(letter)
                        figures.setdefault("keys", []).append(
                            until_fitting_place(session, marks.name[:typed], sent))
                        figures.setdefault("keys_cpu", []).append(session.cpu_seconds() - cpu)
                        figures.setdefault("keys_typed", []).append(f"{number}:{marks.name[:typed]}")
                    session.drain(0.3)
            session.type("\x1b")
            session.drain(0.6)
    finally:
        session.stop()
    return figures


def pty_main(argv: list[str]) -> None:
    import os
    import tempfile

    from reader_scale import MAX_FILE_BYTES, describe, keys

    parser = argparse.ArgumentParser(prog="palette.py --pty")
    parser.add_argument("--venv", type=Path, default=Path("/tmp/benchvenv"))
    parser.add_argument("--other", type=Path, help="a second venv whose rounds alternate with these (before/after)")
    parser.add_argument("--data", type=Path, help="dataset directory (default: the shipped article)")
    parser.add_argument("--cache-home", type=Path, help="XDG_CACHE_HOME for the readers (default: a fresh one)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--opens", type=int, default=6)
    args = parser.parse_args(argv)
    cache_home = args.cache_home or Path(tempfile.mkdtemp(prefix="palette-opens-"))
    os.environ["XDG_CACHE_HOME"] = str(cache_home)
    os.environ["ANORA_TUI_MAX_FILE_BYTES"] = MAX_FILE_BYTES
    marks = open_markers(args.data)
    print(f"first place {marks.first_place!r}, name typed {marks.name!r}", flush=True)
    builds = {"reader": args.venv, **({"other": args.other} if args.other else {})}
    samples: dict[str, dict[str, list[float]]] = {label: {} for label in builds}
    for number in range(args.rounds):
        for label, venv in builds.items():
            with tempfile.TemporaryDirectory() as home:
                env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor",
                       "XDG_CONFIG_HOME": f"{home}/config", "XDG_STATE_HOME": f"{home}/state"}
                for name, values in pty_round(venv, env, args.data, marks, args.opens).items():
                    samples[label].setdefault(name, []).extend(values)
            print(f"  round {number + 1}/{args.rounds}: {label} done", flush=True)
    for label, venv in builds.items():
        get = samples[label].get
        print(f"\n{label} ({venv}), {args.rounds} rounds x {args.opens} opens; medians (min–max):")
        print(f"  first frame                    {describe(get('frame', []))}")
        print(f"  work ahead over after          {describe(get('ahead', []), 1, 's')}")
        print(f"  Ctrl+P to its first place      {describe(get('open', []))}")
        print(f"  Ctrl+P to its last output      {describe(get('open_done', []))}")
        print(f"  CPU per open                   {describe(get('open_cpu', []))}")
        if get("open_missed"):
            print(f"  opens whose first place was not seen within {OPEN_TIMEOUT:.0f} s: {len(get('open_missed'))}")
        print(f"  keys in the palette            {keys(get('keys', []), get('keys_cpu', []))}")
        slowest = sorted(zip(get("keys", []), get("keys_cpu", []), get("keys_typed", [])), reverse=True)[:4]
        print("  slowest keys (open:typed)      " + ", ".join(
            f"{typed!r} {seconds * 1000:.0f} ms (CPU {cpu * 1000:.0f})" for seconds, cpu, typed in slowest))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated quote counts")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--pty", action="store_true", help="opening the palette in the installed reader: see above")
    args, rest = parser.parse_known_args()
    if args.pty:
        pty_main(rest)
        return
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    print(f"Python {sys.version.split()[0]}")
    for size in (int(s) for s in args.sizes.split(",")):
        child = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True,
                               check=True)
        report(json.loads(child.stdout.splitlines()[-1]))


if __name__ == "__main__":
    main()
