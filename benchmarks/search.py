"""Search at scale, quote scope and text scope: per-keystroke latency, load times, peak memory, fzf.

    python benchmarks/search.py [--sizes 1000,10000,100000,1000000] [--yaml-max 100000]

For each size, in a fresh process (so peak memory is that size's own): make the corpus
(benchmarks/make_corpus.py, fixed seed); up to --yaml-max quotes, write it as YAML and time loading
it, then the first (cache-writing) and second (cache-reading) `load_cached`, with the cache in a
temporary directory, and then reading every field of the cached dataset (it decodes each on first
use); above that, build the Dataset in memory. Then build each scope's index (the quotes; the text,
every paragraph) and replay the QUERIES as typed, one character at a time, each from cold caches,
alternating the scopes query by query: a keystroke's time is the search plus reading the first PAGE
hits with their spans (what the result list draws). For the sizes up to --reader-max, the reader's
own time per keystroke is measured too, for both scopes: the search screen's update plus rendering
every visible line, in a headless App. fzf (`apt-get install -y fzf`) filters the same quote texts
with each finished query, in the same run, and the ratio is printed.

Timing here only: no test asserts on time.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gc
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import make_corpus, write_corpus  # noqa: E402

from anora_tui.core.model import Dataset  # noqa: E402
from anora_tui.core.search import ParagraphIndex, PeopleNames, QuoteIndex, SearchIndexes, parse_query  # noqa: E402

QUERIES = [
    "money",
    "romantic comedy",
    '"the home-invasion scene"',
    "@ko dancer",
    "it's !film",
    "baker said",
    "@madi ani",
    "russian oligarch",
]
PAGE = 50  # two screenfuls of rows on a tall terminal


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def keystroke_times(indexes: dict) -> dict[str, list[float]]:
    """Each scope's keystroke times, the scopes taking turns query by query (A B A B)."""
    times: dict[str, list[float]] = {scope: [] for scope in indexes}
    for query in QUERIES:
        for scope, index in indexes.items():
            index.forget()
            for typed in range(1, len(query) + 1):
                start = time.perf_counter()
                result = index.search(query[:typed])
                result.hits[:PAGE]
                times[scope].append(time.perf_counter() - start)
    return times


def reader_times(dataset: Dataset, indexes: SearchIndexes) -> dict[str, list[float]]:
    from textual.app import App

    from anora_tui.paths import styles_dir
    from anora_tui.ui.screens.search import SearchScreen
    from anora_tui.ui.widgets.result_list import ResultList

    class Host(App):
        CSS_PATH = [styles_dir() / "search.tcss", styles_dir() / "timeline.tcss"]

        def on_mount(self) -> None:
            self.push_screen(SearchScreen(dataset, indexes))

    times: dict[str, list[float]] = {"quotes": [], "text": []}

    async def replay() -> None:
        async with Host().run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = pilot.app.screen
            results = screen.query_one(ResultList)
            for query in QUERIES:
                for scope in times:
                    screen.scope = scope
                    indexes.get(scope).forget()
                    for typed in range(1, len(query) + 1):
                        start = time.perf_counter()
                        screen.search(query[:typed])
                        for y in range(results.size.height):
                            results.render_line(y)
                        times[scope].append(time.perf_counter() - start)

    asyncio.run(replay())
    return times


def fzf_times(dataset: Dataset, work: Path) -> list[float] | None:
    fzf = shutil.which("fzf")
    if fzf is None:
        return None
    lines = work / "quotes.txt"
    lines.write_text("".join(" ".join(q.text.split()) + "\n" for q in dataset.quotes), encoding="utf-8")
    times = []
    for query in QUERIES:
        parsed = parse_query(query)  # fzf has no speakers: it gets only the words
        words = [escaped(t) for t in parsed.terms] + ["!" + escaped(t) for t in parsed.excluded]
        start = time.perf_counter()
        subprocess.run([fzf, "--filter", " ".join(words), "--exact", "--no-sort"], stdin=lines.open("rb"),
                       stdout=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return times


def escaped(term: str) -> str:
    """A term as one fzf word (an escaped space does not split it)."""
    return term.replace(" ", "\\ ")


def cold_query_times(index: QuoteIndex) -> list[float]:
    """Each finished query searched at once from cold caches: the like-for-like with fzf."""
    times = []
    for query in QUERIES:
        index.forget()
        start = time.perf_counter()
        index.search(query).hits[:PAGE]
        times.append(time.perf_counter() - start)
    return times


def measure(size: int, yaml_max: int, reader_max: int) -> dict:
    from anora_tui.core.loading.cache import load_cached
    from anora_tui.core.loading.loader import load_dataset

    figures: dict = {"size": size}
    with tempfile.TemporaryDirectory(prefix="anora-bench-") as temporary:
        work = Path(temporary)
        corpus = make_corpus(size)
        if size <= yaml_max:
            write_corpus(corpus, work / "data")
            del corpus
            os.environ["XDG_CACHE_HOME"] = str(work / "cache")
            for label, load in (("yaml", load_dataset), ("cache_write", load_cached), ("cache_read", load_cached)):
                gc.collect()
                start = time.perf_counter()
                dataset = load(work / "data")
                figures[f"load_{label}"] = time.perf_counter() - start
            # The cached dataset decodes each collection when first read: what reading all of them
            # costs is what a start that shows everything pays after `load_cached` returns.
            start = time.perf_counter()
            for field in dataclasses.fields(Dataset):
                getattr(dataset, field.name)
            figures["cache_decode_all"] = time.perf_counter() - start
        else:
            gc.disable()  # as the loader does while it builds
            start = time.perf_counter()
            dataset = Dataset.build(corpus.article, corpus.people, corpus.characters, (), (), corpus.quotes, ())
            figures["build_in_memory"] = time.perf_counter() - start
            gc.enable()
            del corpus
        people = PeopleNames(dataset)
        start = time.perf_counter()
        index = QuoteIndex(dataset, people)
        figures["index"] = time.perf_counter() - start
        start = time.perf_counter()
        text_index = ParagraphIndex(dataset, people)
        figures["text_index"] = time.perf_counter() - start
        figures["paragraphs"] = text_index.total
        by_scope = keystroke_times({"quotes": index, "text": text_index})
        figures["keystrokes"], figures["text_keystrokes"] = by_scope["quotes"], by_scope["text"]
        figures["cold_queries"] = cold_query_times(index)
        if size <= reader_max:
            indexes = SearchIndexes(dataset)
            indexes._built.update(quotes=index, text=text_index)  # the ones just timed
            reader = reader_times(dataset, indexes)
            figures["reader"], figures["text_reader"] = reader["quotes"], reader["text"]
        figures["fzf"] = fzf_times(dataset, work)
    figures["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def report(figures: dict) -> None:
    ms = 1000
    size = figures["size"]
    keys = figures["keystrokes"]
    print(f"\n{size:,} quotes")
    if "load_yaml" in figures:
        print(f"  load from YAML {figures['load_yaml']:.2f} s; first start with cache write "
              f"{figures['load_cache_write']:.2f} s; second start from cache {figures['load_cache_read'] * ms:.1f} ms "
              f"(then decoding every collection and lookup on first use: {figures['cache_decode_all'] * ms:.0f} ms)")
    else:
        print(f"  dataset built in memory in {figures['build_in_memory']:.2f} s (no YAML at this size)")
    print(f"  quote index built in {figures['index']:.2f} s; text index ({figures['paragraphs']:,} paragraphs) "
          f"{figures['text_index']:.2f} s; peak memory {figures['peak_rss_mib']:,.0f} MiB")
    for label, name in (("quotes", "keystrokes"), ("text", "text_keystrokes")):
        keys = figures[name]
        print(f"  {label}: per keystroke ({len(keys)} keystrokes): p50 {percentile(keys, .5) * ms:.2f} ms, "
              f"p99 {percentile(keys, .99) * ms:.2f} ms, max {max(keys) * ms:.2f} ms")
    for label, name in (("quotes", "reader"), ("text", "text_reader")):
        if name in figures:
            reader = figures[name]
            print(f"  {label}: reader, keystroke to redrawn list: p50 {percentile(reader, .5) * ms:.2f} ms, "
                  f"p99 {percentile(reader, .99) * ms:.2f} ms")
    cold = statistics.median(figures["cold_queries"])
    if figures["fzf"]:
        fzf = statistics.median(figures["fzf"])
        print(f"  whole query, cold: median {cold * ms:.2f} ms; fzf --filter --exact median {fzf * ms:.1f} ms "
              f"(fzf / index = {fzf / cold:.1f}x)")
    else:
        print(f"  whole query, cold: median {cold * ms:.2f} ms; fzf not installed (apt-get install -y fzf)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000", help="comma-separated quote counts")
    parser.add_argument("--yaml-max", type=int, default=100_000, help="largest size to write and load as YAML")
    parser.add_argument("--reader-max", type=int, default=100_000, help="largest size to time the reader at")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process measuring one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.yaml_max, args.reader_max)))
        return
    print(f"Python {sys.version.split()[0]}; queries typed: {', '.join(QUERIES)}")
    for size in (int(s) for s in args.sizes.split(",")):
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--yaml-max", str(args.yaml_max),
             "--reader-max", str(args.reader_max)],
            capture_output=True, text=True, check=True,
        )
        report(json.loads(child.stdout.splitlines()[-1]))


if __name__ == "__main__":
    main()
