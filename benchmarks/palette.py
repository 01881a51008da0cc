"""The command palette at scale: time per keystroke, from the key to the palette's finished hit list.

    python benchmarks/palette.py [--sizes 1000,10000,100000,1000000]

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated quote counts")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
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
