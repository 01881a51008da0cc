"""Reading a dataset's files in worker processes (anora_tui.core.loading.parallel_read): each file once, in workers
only for a big dataset, back in this process when the workers cannot do it, and a dataset or list of
problems identical to reading every file here."""

from __future__ import annotations

import multiprocessing
import os
import threading
from pathlib import Path

import pytest

from anora_tui.core.loading import dataset_reader, file_reader, parallel_read
from anora_tui.core.loading.loader import DataErrors, load_dataset

SHIPPED = Path(__file__).parent.parent / "data"


def who_reads(path: Path, limit: int, keep: list | None) -> tuple[str, int, bool]:
    """A stand-in for the loader's reader: which file, in which process, keeping its nodes or not."""
    return path.name, os.getpid(), keep is not None


def dies_on_d(path: Path, limit: int, keep: list | None) -> tuple[str, int, bool]:
    if path.name == "d.yaml" and multiprocessing.parent_process() is not None:
        os._exit(3)  # a worker killed while reading
    return who_reads(path, limit, keep)


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    paths = []
    for name, size in (("a.yaml", 3000), ("b.yaml", 9000), ("c.yaml", 500), ("d.yaml", 4000)):
        path = tmp_path / name
        path.write_text("#" * size)
        paths.append(path)
    return paths


@pytest.fixture
def in_workers(monkeypatch):
    """Read in worker processes whatever the size of the files and the number of cores."""
    monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel_read, "_usable_cpus", lambda: 2)
    monkeypatch.setattr(parallel_read, "_cores_free", lambda: True)


@pytest.fixture
def in_process(monkeypatch):
    monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 1 << 62)


def read_all(read, paths: list[Path]) -> dict[int, tuple[str, int, bool]]:
    results = {}
    for index, result in parallel_read.read_files(read, paths, limit=10**6):
        assert index not in results, f"file {index} given twice"
        results[index] = result
    return results


def test_big_files_are_read_in_workers_each_once(files, in_workers):
    results = read_all(who_reads, files)
    assert sorted(results) == [0, 1, 2, 3]
    assert [results[index][0] for index in range(4)] == [path.name for path in files]
    # The biggest, b.yaml, is read here meanwhile (its nodes freed: this process lives on), the
    # others in workers (small files: their nodes are kept).
    assert results[1][1:] == (os.getpid(), False)
    assert all(pid != os.getpid() and keep for index, (_name, pid, keep) in results.items() if index != 1)


def test_the_callers_work_is_done_while_workers_read_every_file(files, in_workers):
    done: list[int] = []
    results = {}
    for index, result in parallel_read.read_files(who_reads, files, 10**6, meanwhile=lambda: done.append(len(results))):
        results[index] = result
    assert done == [0]  # once, before the first result
    assert sorted(results) == [0, 1, 2, 3]
    assert [results[index][0] for index in range(4)] == [path.name for path in files]
    assert all(pid != os.getpid() for _name, pid, _keep in results.values())  # b.yaml too


def test_the_callers_work_failing_does_not_stop_the_read(files, in_workers):
    def fails():
        raise ImportError("no such module")

    results = dict(parallel_read.read_files(who_reads, files, 10**6, meanwhile=fails))
    assert [results[index][0] for index in range(4)] == [path.name for path in files]


def test_busy_cores_leave_the_biggest_file_and_the_callers_work_here(files, in_workers, monkeypatch):
    monkeypatch.setattr(parallel_read, "_cores_free", lambda: False)
    done: list[bool] = []
    results = dict(parallel_read.read_files(who_reads, files, 10**6, meanwhile=lambda: done.append(True)))
    assert not done
    assert results[1][1] == os.getpid()  # b.yaml, the biggest
    assert all(pid != os.getpid() for index, (_name, pid, _keep) in results.items() if index != 1)


def test_free_cores_are_counted_from_the_running_tasks(monkeypatch):
    monkeypatch.setattr(parallel_read, "_usable_cpus", lambda: 2)
    for line, free in ((b"0.50 0.40 0.30 2/130 999\n", True), (b"9.1 7.0 5.2 3/130 999\n", False)):
        monkeypatch.setattr("builtins.open", lambda *args, line=line, **kwargs: __import__("io").BytesIO(line))
        assert parallel_read._cores_free() is free


def test_a_dataset_read_here_leaves_the_callers_work_to_it(files, monkeypatch):
    monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 1 << 62)
    done: list[bool] = []
    results = list(parallel_read.read_files(who_reads, files, 10**6, meanwhile=lambda: done.append(True)))
    assert len(results) == 4 and not done  # read here: the caller does its work itself, after


def test_small_files_are_read_in_this_process_in_order(files, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("started workers for a small dataset")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", no_pool)
    assert list(parallel_read.read_files(who_reads, files, limit=10**6)) == [
        (index, (path.name, os.getpid(), False)) for index, path in enumerate(files)
    ]


def test_files_over_the_size_limit_do_not_count(files, monkeypatch):
    monkeypatch.setattr(parallel_read, "_usable_cpus", lambda: 2)
    monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 8000)
    # 16500 bytes in all, but b.yaml (9000) is over the limit: never parsed, it does not count
    results = parallel_read.read_files(who_reads, files, limit=8000)
    assert {pid for _index, (_name, pid, _keep) in results} == {os.getpid()}


def test_a_worker_killed_leaves_the_rest_to_this_process(files, in_workers):
    results = read_all(dies_on_d, files)
    assert sorted(results) == [0, 1, 2, 3]
    assert [results[index][0] for index in range(4)] == [path.name for path in files]
    assert results[3][1] == os.getpid()  # d.yaml: read here after all


def test_workers_that_cannot_start_leave_everything_to_this_process(files, in_workers, monkeypatch):
    def no_processes(*args, **kwargs):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", no_processes)
    results = read_all(who_reads, files)
    assert [results[index] for index in range(4)] == [(path.name, os.getpid(), False) for path in files]


def test_forking_only_without_other_threads():
    if threading.active_count() == 1:
        assert parallel_read._context().get_start_method() == "fork"
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel_read._context().get_start_method() in ("forkserver", "spawn")
    finally:
        stop.set()
        thread.join()


# --- the loader, both ways ---------------------------------------------------------------------------


def load_both_ways(directory: Path, monkeypatch) -> tuple[object, object]:
    """What loading gives (a dataset, or the problem lines) in this process, and in workers."""

    def outcome():
        try:
            return load_dataset(directory)
        except DataErrors as problems:
            return [str(problem) for problem in problems.errors]

    monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 1 << 62)
    here = outcome()
    monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel_read, "_usable_cpus", lambda: 2)
    spawned = []
    real_pool = __import__("concurrent.futures").futures.ProcessPoolExecutor

    def counted_pool(*args, **kwargs):
        spawned.append(args)
        return real_pool(*args, **kwargs)

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", counted_pool)
    read_here = []
    read_file = file_reader.read_file

    def noting_read_file(path, limit, keep=None):
        if multiprocessing.parent_process() is None:
            read_here.append(path.name)
        return read_file(path, limit, keep)

    # Sent to the workers by name, as the function it stands in for.
    noting_read_file.__module__, noting_read_file.__qualname__ = read_file.__module__, read_file.__qualname__
    monkeypatch.setattr(file_reader, "read_file", noting_read_file)  # what the workers look up
    monkeypatch.setattr(dataset_reader, "read_file", noting_read_file)  # what this process calls
    in_workers = outcome()
    # Only the biggest file is read in this process, while the workers read the others.
    biggest = max(sorted(directory.glob("*.yaml")), key=lambda path: path.stat().st_size).name
    assert spawned and read_here == [biggest], f"read in this process: {read_here}"
    return here, in_workers


def test_the_shipped_dataset_is_the_same_read_in_workers(monkeypatch):
    here, in_workers = load_both_ways(SHIPPED, monkeypatch)
    assert not isinstance(here, list), here
    assert in_workers == here


def split_example(make_data_dir, extra: dict[str, str] = {}) -> Path:
    """The example dataset with its quotes and people split over several files."""
    example = Path(__file__).parent / "data" / "example"
    quotes = (example / "quotes.yaml").read_text(encoding="utf-8").split("\n  - id:")
    people = (example / "people.yaml").read_text(encoding="utf-8").split("\n  - id:")
    files: dict[str, str | None] = {"quotes.yaml": None, "people.yaml": None}
    files["quotes-1.yaml"] = "\n  - id:".join(quotes[:4]) + "\n"
    files["quotes-2.yaml"] = "quotes:\n  - id:" + "\n  - id:".join(quotes[4:])
    files["people-1.yaml"] = "\n  - id:".join(people[:3]) + "\n"
    files["people-2.yaml"] = "people:\n  - id:" + "\n  - id:".join(people[3:])
    files.update(extra)
    return make_data_dir(files)


def test_a_dataset_over_several_files_is_the_same_read_in_workers(make_data_dir, monkeypatch):
    directory = split_example(make_data_dir)
    here, in_workers = load_both_ways(directory, monkeypatch)
    assert not isinstance(here, list), here
    assert here.counts()["quotes"] == 7 and here.counts()["people"] == 5
    assert in_workers == here


BROKEN_ACROSS_FILES = {
    # ids defined again in later files, one of them badly formed too ("duplicate" comes first)
    "quotes-3.yaml": """\
        quotes:
          - id: whole-plot
            speaker: mara-quill
            text: Waiting is the whole plot.
            section: origins
            paragraph: 1
          - id: Whole-Plot
            speaker: nobody-known
            text: not in the paragraph at all
            section: origins
            paragraph: 1
          - id: Whole-Plot
            speaker: mara-quill
            text: Waiting is the whole plot.
            section: origins
            paragraph: 9
        """,
    "people-3.yaml": """\
        people:
          - id: otto-brandt
            name: Otto Brandt
            kind: cited
            roles: [director]
            description: Again.
        """,
    # a second article, and references to what no file defines
    "zz-more.yaml": """\
        characters:
          - id: ghost
            name: Ghost
            played_by: mara-quil
            description: Nobody plays it.
        article:
          title: Another
          publication: Elsewhere
          date: 2024-01-01
          sections: []
        """,
}


def test_problems_across_files_are_the_same_found_in_workers(make_data_dir, monkeypatch):
    directory = split_example(make_data_dir, BROKEN_ACROSS_FILES)
    here, in_workers = load_both_ways(directory, monkeypatch)
    assert isinstance(here, list)
    assert in_workers == here
    text = "\n".join(here)
    for expected in (
        "duplicate quote id 'whole-plot' (first at ",
        "duplicate quote id 'Whole-Plot' (first at ",
        "bad id 'Whole-Plot'",
        "duplicate person id 'otto-brandt' (first at ",
        "'speaker' refers to unknown person 'nobody-known'",
        "'played_by' refers to unknown person 'mara-quil' (did you mean 'mara-quill'?)",
        "'text' does not appear verbatim in section 'origins' paragraph 1",
        "paragraph 9 is out of range: section 'origins' has",
        "'article' given twice (first in ",
    ):
        assert expected in text, expected
    duplicate = next(i for i, line in enumerate(here) if "duplicate quote id 'Whole-Plot'" in line)
    assert "bad id 'Whole-Plot'" in here[duplicate + 1]  # same place: as the file is read


def test_an_unreadable_file_is_the_same_found_in_workers(make_data_dir, monkeypatch):
    directory = split_example(make_data_dir, {"people-2.yaml": "people: [\n", **BROKEN_ACROSS_FILES})
    here, in_workers = load_both_ways(directory, monkeypatch)
    assert isinstance(here, list) and any("YAML syntax error" in line for line in here)
    assert in_workers == here


def test_a_worker_error_is_raised_as_it_is_here(make_data_dir, monkeypatch):
    directory = split_example(make_data_dir)

    def broken(reader, root):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(file_reader.FileReader, "read_top_level", broken)
    # Workers forked from this process, so that they have the bug too.
    monkeypatch.setattr(parallel_read, "_context", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel_read, "_usable_cpus", lambda: 2)
    with pytest.raises(ZeroDivisionError):
        load_dataset(directory)
