"""The whole reader at 1k, 10k, 100k (and 1M) quotes, driven through the installed command in a real
pseudo-terminal (160×45), as a user meets it. Run by hand (tests never time anything):

    pip wheel . -w /tmp/whl && python3 -m venv /tmp/benchvenv \
        && /tmp/benchvenv/bin/pip install /tmp/whl/anora_tui-*.whl
    python benchmarks/reader_scale.py --venv /tmp/benchvenv [--sizes 1000,10000,100000] [--runs 3]
    python benchmarks/reader_scale.py --venv /tmp/benchvenv --sizes 1000000 --runs 2 --cold-once \
        --work /tmp/reader-scale    # 1M: a first start takes minutes; --work keeps the corpus for next time

For each size it writes a corpus with `make_corpus.py` (fixed seed), then, `--runs` times, alternating
with a baseline (`bare_app.py`, the bare Textual app of `startup.py`, to its first frame), and with a
second build of the reader if `--other VENV` is given (say, `main` before a change: A B A B):

- first frame, cold: `anora-tui --data DIR` with an empty cache directory (it parses and checks the
  YAML, and writes the cache), from just before `exec` to the first frame showing the first words of
  the article; and its resident memory then;
  With `--cold-ready`, that first start also searches at once (below), and its memory is read again
  once the index is there (built from the YAML's dataset, not read from a cache);
- cache file written after: from the cold start's `exec` to the cache file in place (a detached
  process writes it after the first frame);
- first frame, cached: the same again, now from the cache;
- search at once: in that reader, `/` pressed as soon as the first frame is there, then, once the
  search box is drawn (older builds dropped a key typed while the search screen opened), one letter:
  the time from the letter to its first list of matches (the count line "N of M quotes"); this waits
  for the quote index being built in the background after the first frame, if it is not yet done;
- search: Escape, then `/`, and for each of a few words, Ctrl+U (the last query goes) and the word
  typed letter by letter, each letter timed to its redrawn count line ("N of M quotes", which the
  project's own index, run here, says it must be; a letter that leaves the count as it was is not
  timed); the first letter of the first word is "first search key";
- the text scope: Tab, timed to the count line of the last word searched there (the text's index is
  read or built first), then Ctrl+U and a word typed letter by letter, each to its count line;
- opening: the People pane's first person (to its ROLES heading), the timeline's first scene (to
  "How it was shot"), the last section from the contents (to its title);
- palette: Ctrl+P, timed to its list of places (the first one listed), then a person's name typed
  letter by letter, each letter timed to the first line of the palette naming a place that fits
  what is typed (a word of its name starting with each word typed: any build's list shows one, the
  list of the letter before is not redrawn meanwhile); twice (the first time the palette may still
  be making its places);
- the People filter: Ctrl+F in the People pane, then the first letters of that name, each timed to
  the count its first group shows ("· 627 of 80000", worked out with the project's own names);
- memory: the resident set at the first frame, once the search at once has its results (what is
  done ahead after the first frame is done: the quote index, mention counts, the palette's places),
  after all that, and the peak.

Medians over the runs, with min–max; for keys, p50, p99 and max over every key of every run, and
the CPU time the reader used per key (the scheduler's count for all its threads, from /proc: it
hardly grows with other programs' load, the wall time does). With `--cold-once`, only a build's first
run starts cold; the later runs start from the cache it wrote (at 1M quotes a cold start takes
minutes). The corpus files may be larger than the reader's default limit per file: the reader is
run with ANORA_TUI_MAX_FILE_BYTES raised.
"""

from __future__ import annotations

import argparse
from collections import Counter
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from pty_session import PtySession, Timeout  # noqa: E402  (this folder is on the path)

SIZE = (160, 45)
BARE_MARKER = b"The bare app is on screen"
COUNT_LINE = rb"[\d,]+ of [\d,]+ quotes?"
AT_ONCE = "m"
SEARCH_WORDS = ("money", "romantic", "said")
FILTER_LETTERS = 4  # of the palette's name, typed into the People filter
TEXT_WORD = "money"  # searched for in the text scope
PALETTE_LABEL = re.compile(rb"(?:Person|Character|Section|Scene|Event): (.{1,60}?)(?: \xe2\x80\x94 | \(as |  )")
PERSON_HEADING = b"ROLES"
SEARCH_BOX = b"earch quotes: words"  # the search box's placeholder (its first letter under the cursor)
SCENE_HEADING = b"How it was shot"
MAX_FILE_BYTES = str(2**31)  # a million quotes make a 0.4 GB article file
COLD_ONLY = False  # --cold-only: first starts alone (each run's cache is written, then dropped)
COLD_READY = False  # --cold-ready: a first start also searches at once (its index built), memory read then
EACH_KEY = False  # --each-key: every key's time and CPU time, in the order typed, run after run
KEYED = ("search_keys", "first_text_search", "text_keys", "palette_first_keys", "palette_keys", "filter_keys")
ESCAPES = re.compile(rb"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78cDEHM])")


def corpus(count: int, root: Path) -> Path:
    directory = root / f"corpus-{count}"
    if not directory.exists():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(count), "--out", str(directory)],
                       check=True, stdout=subprocess.DEVNULL)
    return directory


@dataclass
class Markers:
    """What the screen must show at each step, worked out from the data with the project's own code."""

    first_words: bytes  # the first frame shows them
    last_title: bytes  # the last section's title
    scenes: bool  # the synthetic corpus has none
    count_lines: dict[str, bytes] = field(default_factory=dict)  # query -> the search's count line
    text_lines: dict[str, bytes] = field(default_factory=dict)  # the same in the text scope
    palette_open: str = ""  # the first place the palette lists before anything is typed
    palette_word: str = ""  # typed into the palette
    filter_lines: dict[str, bytes] = field(default_factory=dict)  # typed into the People filter -> its first count


def markers(data_dir: Path, work: Path) -> Markers:
    """Read with the project's cache (its own, in `work`) so that a million quotes load in seconds
    the second time."""
    os.environ["XDG_CACHE_HOME"] = str(work / "markers-cache")
    os.environ["ANORA_TUI_MAX_FILE_BYTES"] = MAX_FILE_BYTES
    from anora_tui.core.loading.cache import load_cached
    from anora_tui.core.search import SearchIndexes, counted
    from anora_tui.core.model import PERSON_KINDS
    from anora_tui.core.search.place_names import place_label

    dataset = load_cached(data_dir, write_behind=True)
    found = Markers(
        first_words=" ".join(dataset.sections[0].paragraphs[0].split()[:3]).encode(),
        last_title=" ".join(dataset.sections[-1].title.split()[:3]).encode(),
        scenes=bool(dataset.scenes),
    )
    indexes = SearchIndexes(dataset)
    index = indexes.quotes
    queries = {"", AT_ONCE, *(word[:n] for word in SEARCH_WORDS for n in range(1, len(word) + 1))}
    for query in queries:
        result = index.search(query)
        found.count_lines[query] = f"{result.count:,} of {counted(result.total, index.noun)}".encode()
    text = indexes.get("text")
    for query in {SEARCH_WORDS[-1], *(TEXT_WORD[:n] for n in range(1, len(TEXT_WORD) + 1))}:
        result = text.search(query)
        found.text_lines[query] = f"{result.count:,} of {counted(result.total, text.noun)}".encode()
    names = indexes.places
    found.palette_open = place_label(names, 0)
    # A person's name typed letter by letter, each letter timed to the first hit of its list that
    # fits what is typed (any build ranks hits as it likes; a fitting one shows the new list is there).
    people = dataset.people
    found.palette_word = people[len(people) // 2].name.lower()
    # The People filter: the start of that name, each letter timed to the count of the first group it
    # keeps ("· 627 of 80000": every build words it so).
    names, kinds = indexes.people, dataset.values_of("people", "kind")
    totals = {kind: len(dataset.people_of_kind(kind)) for kind in PERSON_KINDS}
    for typed in (found.palette_word[:n] for n in range(1, FILTER_LETTERS + 1)):
        kept = Counter(kinds[position] for position in names.index.matching(typed))
        first = next(kind for kind in PERSON_KINDS if kept[kind])
        found.filter_lines[typed] = f"· {kept[first]} of {totals[first]}".encode()
    # A first read of this corpus wrote its cache from a detached process, which computes for seconds
    # (tens at 100,000 quotes): it would take a core from the first reader timed. Let it begin, and
    # wait for it to end.
    from anora_tui.core.loading.cache import cache_key, start_writing_behind

    start_writing_behind()
    written = work / "markers-cache" / "anora-tui" / f"{cache_key(data_dir)}.json"
    deadline = time.perf_counter() + 900
    while not written.exists() and time.perf_counter() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)  # the writer renames the finished file into place, then prunes and exits
    return found


def until(session: PtySession, pattern: bytes, sent: float, timeout: float = 120.0) -> float:
    """Seconds from `sent` to the first output after it matching `pattern`."""
    start = len(session.output)
    arrived = session.wait_for(re.compile(pattern), after=start, timeout=timeout)
    return arrived - sent


def until_texts(session: PtySession, texts: tuple[str, ...], sent: float, timeout: float = 120.0) -> float:
    """Seconds from `sent` to the first output after it that shows `texts` in this order once the
    terminal's escape sequences (styles, cursor moves) are taken out."""
    wanted = re.compile(b".*?".join(re.escape(text.encode()) for text in texts), re.DOTALL)
    return until_shown(session, lambda shown: bool(wanted.search(shown)), sent, timeout)


def until_fitting_place(session: PtySession, typed: str, sent: float, timeout: float = 60.0) -> float:
    """Seconds from `sent` to the first palette line after it naming a place whose name has a word
    starting with each word typed (the palette's rule), escape sequences taken out."""
    words = typed.lower().split()

    def fits(shown: bytes) -> bool:
        for label in PALETTE_LABEL.finditer(shown):
            name_words = re.findall(r"\w+", label.group(1).decode(errors="replace").lower())
            if all(any(word.startswith(typed_word) for word in name_words) for typed_word in words):
                return True
        return False

    return until_shown(session, fits, sent, timeout)


def until_shown(session: PtySession, test, sent: float, timeout: float) -> float:
    start = len(session.output)
    deadline = time.perf_counter() + timeout
    while True:
        if test(ESCAPES.sub(b"", bytes(session.output[start:]))):
            return time.perf_counter() - sent
        if time.perf_counter() >= deadline:
            raise Timeout(f"not seen within {timeout} s")
        session.wait_for(re.compile(rb"(?s)."), after=len(session.output), timeout=deadline - time.perf_counter())


def run_reader(argv: list[str], env: dict[str, str], marks: Markers, interact: bool) -> dict[str, float | list[float]]:
    figures: dict[str, float | list[float]] = {}
    session = PtySession(argv, env, SIZE).start()
    try:
        return drive(session, figures, marks, interact)
    except Timeout as timeout:
        raise Timeout(f"after {', '.join(figures) or 'nothing'}: {timeout}") from None
    finally:
        session.stop()


def timed_key(session: PtySession, keys: str, wait, figures: dict, name: str) -> float:
    """Type `keys`, wait (`wait(sent)` gives the seconds to what must come); add the time and the
    reader's CPU time to `figures[name]` and `figures[name + "_cpu"]`."""
    cpu = session.cpu_seconds()
    seconds = wait(session.type(keys))
    figures.setdefault(name, []).append(seconds)
    figures.setdefault(name + "_cpu", []).append(session.cpu_seconds() - cpu)
    return seconds


def drive(session: PtySession, figures: dict[str, float | list[float]], marks: Markers,
          interact: bool) -> dict[str, float | list[float]]:
    lines = marks.count_lines
    figures["frame"] = session.wait_for(marks.first_words, timeout=900) - session.started
    figures["rss_frame"] = session.rss_mib()
    if not interact:
        figures["rss_frame_peak"] = session.peak_rss_mib()  # a first start's reading, before its frame
        if COLD_READY:
            search_at_once(session, figures, marks)
        return figures
    search_at_once(session, figures, marks)
    session.type("\x1b")
    session.drain(0.5)
    sent = session.type("/")
    figures["open_search"] = until(session, COUNT_LINE, sent)
    session.drain(0.3)
    # Each letter timed to its count line; a letter that leaves the count as it was redraws no count
    # line, so it is not timed.
    for word in SEARCH_WORDS:
        session.type("\x15")  # Ctrl+U: the last query goes; every quote is listed
        session.drain(1.0)
        for typed in range(1, len(word) + 1):
            before, query = lines[word[: typed - 1]], word[:typed]
            if lines[query] == before:
                session.type(word[typed - 1])
            else:
                timed_key(session, word[typed - 1], lambda sent: until(session, re.escape(lines[query]), sent),
                          figures, "search_keys")
                if "first_key" not in figures:
                    figures["first_key"] = figures["search_keys"][0]
            session.drain(0.3)
    # The text scope: Tab searches the last word there (its index read or built first), then a word.
    timed_key(session, "\t", lambda sent: until(session, re.escape(marks.text_lines[SEARCH_WORDS[-1]]), sent,
                                                 timeout=900), figures, "first_text_search")
    session.type("\x15")
    session.drain(1.0)
    text_lines = marks.text_lines
    for typed in range(1, len(TEXT_WORD) + 1):
        query = TEXT_WORD[:typed]
        if typed > 1 and text_lines[query] == text_lines[TEXT_WORD[: typed - 1]]:
            session.type(TEXT_WORD[typed - 1])
        else:
            timed_key(session, TEXT_WORD[typed - 1], lambda sent: until(session, re.escape(text_lines[query]), sent),
                      figures, "text_keys")
        session.drain(0.3)
    session.type("\x1b")
    session.drain(0.5)
    # Opening things.
    session.type("3")
    session.drain(0.5)
    figures["open_person"] = until(session, re.escape(PERSON_HEADING), session.type("\r"))
    session.drain(0.5)
    if marks.scenes:
        session.type("4")
        session.drain(0.5)
        figures["open_scene"] = until(session, re.escape(SCENE_HEADING), session.type("\r"))
        session.drain(0.5)
    session.type("1")
    session.drain(0.3)
    session.type("\x1b[F")  # End: the last section
    session.drain(0.5)
    figures["open_section"] = until(session, re.escape(marks.last_title), session.type("\r"))
    session.drain(0.5)
    # The palette: opened (its places listed), then the name typed; twice (the second time its names
    # are ready, however they are made).
    for round_ in ("palette_first", "palette"):
        timed_key(session, "\x10", lambda sent: until_texts(session, (marks.palette_open,), sent, timeout=900),
                  figures, f"{round_}_open")  # Ctrl+P
        session.drain(0.5)
        word = marks.palette_word
        for typed in range(1, len(word) + 1):
            if word[typed - 1] == " ":
                session.type(" ")  # the palette strips what is typed: a space changes nothing
            else:
                try:
                    timed_key(session, word[typed - 1], lambda sent: until_fitting_place(session, word[:typed], sent),
                              figures, f"{round_}_keys")
                except Timeout:
                    figures.setdefault(f"{round_}_missed", []).append(1.0)
            session.drain(0.3)
        session.type("\x1b")
        session.drain(0.5)
    # The People filter: Ctrl+F (the list comes back from the person opened above), then the letters.
    session.type("3")
    session.drain(0.5)
    session.type("\x06")
    session.drain(0.5)
    before = b""
    for typed, line in marks.filter_lines.items():
        if line == before:  # the same count: its line is not redrawn
            session.type(typed[-1])
        else:
            timed_key(session, typed[-1], lambda sent: until(session, re.escape(line), sent, timeout=300),
                      figures, "filter_keys")
        before = line
        session.drain(0.3)
    session.type("\x1b")
    session.drain(0.5)
    figures["rss_after"] = session.rss_mib()
    figures["rss_peak"] = session.peak_rss_mib()
    return figures


def search_at_once(session: PtySession, figures: dict[str, float | list[float]], marks: Markers) -> None:
    """`/` and a letter as soon as the first frame is there: the index may still be being read or
    built. The letter waits for the search box to be drawn, so a build from before the search screen
    took letters typed while it opened (it dropped them) is timed the same way."""
    start = len(session.output)
    session.type("/")
    session.wait_for(SEARCH_BOX, after=start, timeout=60)
    session.drain(0.1)
    figures["search_at_once"] = until(session, re.escape(marks.count_lines[AT_ONCE]), session.type(AT_ONCE),
                                      timeout=900)
    session.drain(1.0)
    figures["rss_ready"] = session.rss_mib()  # the work done ahead after the first frame is done
    figures["rss_ready_peak"] = session.peak_rss_mib()


def run_bare(venv: Path, env: dict[str, str]) -> float:
    session = PtySession([str(venv / "bin" / "python"), str(HERE / "bare_app.py")], env, SIZE).start()
    try:
        return session.wait_for(BARE_MARKER) - session.started
    finally:
        session.stop()


def wait_for_cache(cache_home: Path, timeout: float = 900.0) -> None:
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


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def keys(values: list[float], cpu: list[float]) -> str:
    """p50, p99 and max of key times, and the median CPU time per key."""
    if not values:
        return "—"
    ms = 1000
    return (f"p50 {percentile(values, .5) * ms:.0f} ms, p99 {percentile(values, .99) * ms:.0f} ms, "
            f"max {max(values) * ms:.0f} ms ({len(values)} keys; CPU p50 {statistics.median(cpu) * ms:.0f} ms, "
            f"max {max(cpu) * ms:.0f} ms)")


def measure(count: int, venv: Path, runs: int, work: Path, other: Path | None = None, cold_once: bool = False,
            keep: Path | None = None) -> None:
    data_dir = corpus(count, work)
    marks = markers(data_dir, work)
    print(f"\n{count:,} quotes: palette word {marks.palette_word!r}, search words {', '.join(SEARCH_WORDS)}",
          flush=True)
    builds = {"reader": venv, **({"other": other} if other is not None else {})}
    samples: dict[str, dict[str, list[float]]] = {label: {} for label in builds}
    homes = {label: (keep / label if keep else Path(tempfile.mkdtemp(dir=work))) for label in builds}

    def add(label: str, name: str, value: float | list[float]) -> None:
        samples[label].setdefault(name, []).extend(value if isinstance(value, list) else [value])

    for run in range(runs):
        for label, build in builds.items():  # A B A B: each build in turn, each with its bare runs
            argv = [str(build / "bin" / "anora-tui"), "--data", str(data_dir)]
            home = homes[label]
            env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor",
                   "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home / "config"),
                   "XDG_STATE_HOME": str(home / "state-cold"), "ANORA_TUI_MAX_FILE_BYTES": MAX_FILE_BYTES}
            cached_already = keep is not None and any((home / "cache").glob("anora-tui/*.json"))
            if (run == 0 and not cached_already) or not cold_once:
                add(label, "bare", run_bare(venv, env))
                cold = run_reader(argv, env, marks, interact=False)
                add(label, "cold", cold["frame"])
                add(label, "rss_cold", cold["rss_frame"])
                add(label, "rss_cold_peak", cold["rss_frame_peak"])
                if COLD_READY:
                    add(label, "search_at_once_cold", cold["search_at_once"])
                    add(label, "rss_cold_ready", cold["rss_ready"])
                    add(label, "rss_cold_ready_peak", cold["rss_ready_peak"])
                written = time.perf_counter()
                wait_for_cache(home / "cache")  # written by a detached process after the first frame
                add(label, "cache_written", time.perf_counter() - written + cold["frame"])
            if COLD_ONLY:
                shutil.rmtree(home, ignore_errors=True)
                homes[label] = Path(tempfile.mkdtemp(dir=work))
                print(f"  run {run + 1} {label}: done", flush=True)
                continue
            add(label, "bare", run_bare(venv, env))
            shutil.rmtree(home / "state-cached", ignore_errors=True)
            cached = run_reader(argv, {**env, "XDG_STATE_HOME": str(home / "state-cached")}, marks, interact=True)
            for name, value in cached.items():
                add(label, "cached" if name == "frame" else name, value)
            if not cold_once:
                shutil.rmtree(home, ignore_errors=True)
                homes[label] = Path(tempfile.mkdtemp(dir=work))
            print(f"  run {run + 1} {label}: done", flush=True)
    if keep is None:
        for home in homes.values():
            shutil.rmtree(home, ignore_errors=True)

    for label, build in builds.items():
        report(count, runs, f"{label} ({build})" if other is not None else "", samples[label])


def report(count: int, runs: int, label: str, samples: dict[str, list[float]]) -> None:
    get = samples.get
    print(f"\n{count:,} quotes ({runs} runs; medians, min–max){' · ' + label if label else ''}:")
    print(f"  bare app, first frame        {describe(samples['bare'])}")
    print(f"  first frame, cold            {describe(get('cold', []))}")
    print(f"  cache file written after     {describe(get('cache_written', []))}")
    print(f"  first frame, cached          {describe(get('cached', []))}")
    print(f"  search at once (to results)  {describe(get('search_at_once', []))}")
    print(f"  / to the search screen       {describe(get('open_search', []))}")
    print(f"  first search key             {describe(get('first_key', []))}")
    print(f"  search keys                  {keys(get('search_keys', []), get('search_keys_cpu', []))}")
    print(f"  Tab: first search of text    {describe(get('first_text_search', []))}  "
          f"CPU {describe(get('first_text_search_cpu', []))}")
    print(f"  text search keys             {keys(get('text_keys', []), get('text_keys_cpu', []))}")
    for name in ("open_person", "open_scene", "open_section"):
        print(f"  {name.replace('_', ' '):28} {describe(get(name, []))}")
    print(f"  palette, first open          {describe(get('palette_first_open', []))}  "
          f"CPU {describe(get('palette_first_open_cpu', []))}")
    print(f"  palette keys, first time     {keys(get('palette_first_keys', []), get('palette_first_keys_cpu', []))}")
    print(f"  palette, open again          {describe(get('palette_open', []))}")
    print(f"  palette keys                 {keys(get('palette_keys', []), get('palette_keys_cpu', []))}")
    print(f"  People filter keys           {keys(get('filter_keys', []), get('filter_keys_cpu', []))}")
    missed = len(get("palette_first_missed", [])) + len(get("palette_missed", []))
    if missed:
        print(f"  palette keys with no fitting hit within a minute: {missed}")
    print(f"  RSS at the first frame, cold {describe(get('rss_cold', []), 1, 'MiB')}")
    print(f"  peak RSS by it, cold         {describe(get('rss_cold_peak', []), 1, 'MiB')}")
    if get("rss_cold_ready"):
        print(f"  cold: search at once         {describe(get('search_at_once_cold', []))}")
        print(f"  cold: RSS, index ready · peak {describe(get('rss_cold_ready', []), 1, 'MiB')} · "
              f"{describe(get('rss_cold_ready_peak', []), 1, 'MiB')}")
    print(f"  RSS at the first frame       {describe(get('rss_frame', []), 1, 'MiB')}")
    print(f"  RSS with the index ready     {describe(get('rss_ready', []), 1, 'MiB')}")
    print(f"  RSS after all that           {describe(get('rss_after', []), 1, 'MiB')}")
    print(f"  peak RSS                     {describe(get('rss_peak', []), 1, 'MiB')}")
    if EACH_KEY:  # which key of a word, which run: the p99 alone does not say
        for name in KEYED:
            if get(name):
                print(f"  {name:28} ms {[round(v * 1000) for v in samples[name]]}, "
                      f"CPU {[round(v * 1000) for v in get(name + '_cpu', [])]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=Path("/tmp/benchvenv"))
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, help="where corpora and caches go (default: a temp dir)")
    parser.add_argument("--other", type=Path, help="a second venv whose reader joins the rotation (before/after)")
    parser.add_argument("--cold-once", action="store_true",
                        help="start cold only in each build's first run; the others start from its cache")
    parser.add_argument("--keep-homes", type=Path,
                        help="each build's cache and state in DIR/reader, DIR/other, kept for the next time: with "
                             "--cold-once, a build whose cache is there does not start cold at all")
    parser.add_argument("--cold-ready", action="store_true",
                        help="a first start also searches at once, and its memory is read once the index is there")
    parser.add_argument("--cold-only", action="store_true",
                        help="only first starts (each waits for the cache its writer makes, then drops it)")
    parser.add_argument("--each-key", action="store_true",
                        help="also print every key's time and CPU time, in the order typed, run after run")
    args = parser.parse_args()
    global COLD_READY, COLD_ONLY, EACH_KEY
    COLD_READY, COLD_ONLY, EACH_KEY = args.cold_ready, args.cold_only, args.each_key
    work = args.work or Path(tempfile.gettempdir()) / "anora-tui-reader-scale"
    work.mkdir(parents=True, exist_ok=True)
    for count in (int(size) for size in args.sizes.split(",")):
        try:
            measure(count, args.venv, args.runs, work, args.other, args.cold_once, args.keep_homes)
        except Timeout as timeout:
            print(f"\n{count:,} quotes: {timeout}")


if __name__ == "__main__":
    main()
