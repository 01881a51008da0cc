"""What a load from the YAML keeps in memory: a value many records repeat (the id a reference names, a
choice such as a person's kind) is one string, whichever file or process read it and whether the
file was read quickly or with YAML; and nothing the reading made along the way (the files' chunks,
their rows) outlives the load, whose freed memory is then given back to the system."""

from __future__ import annotations

import weakref
from collections import defaultdict
from functools import partial
from pathlib import Path

import pytest

from anora_tui.core.loading import dataset_reader, parallel_read
from anora_tui.core.loading.file_reader import read_file
from anora_tui.core.loading.loader import DataErrors, load_dataset
from test_loader_quick_read import load_make_corpus


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four articles' worth of records, their quotes over several files (an article's quotes in two)."""
    make_corpus = load_make_corpus()
    directory = tmp_path_factory.mktemp("corpus")
    make_corpus.QUOTES_PER_FILE, per_file = 30, make_corpus.QUOTES_PER_FILE
    try:
        make_corpus.write_corpus(make_corpus.make_corpus(200), directory)
    finally:
        make_corpus.QUOTES_PER_FILE = per_file
    assert len(list(directory.glob("quotes-*.yaml"))) == 7
    return directory


def in_process(monkeypatch) -> None:
    monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 1 << 62)


def with_yaml_only(monkeypatch) -> None:
    in_process(monkeypatch)
    monkeypatch.setattr(dataset_reader, "read_file", partial(read_file, quick=False))


def in_workers(monkeypatch) -> None:
    monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel_read, "_usable_cpus", lambda: 2)
    monkeypatch.setattr(parallel_read, "_cores_free", lambda: True)


@pytest.mark.parametrize("how", [in_process, with_yaml_only, in_workers], ids=lambda how: how.__name__)
def test_a_value_records_repeat_is_one_string(corpus_dir: Path, monkeypatch, how) -> None:
    how(monkeypatch)
    dataset = load_dataset(corpus_dir)
    files_of: dict[str, set[int]] = defaultdict(set)  # speaker -> the quote files quoting them
    for quote in dataset.quotes:
        files_of[quote.speaker].add(int(quote.id.split("-")[1]) // 30)  # q<article>-<n>: 30 a file
    assert any(len(files) > 1 for files in files_of.values())  # the case that counts is there

    def distinct_objects(values) -> dict[str, set[int]]:
        objects: dict[str, set[int]] = defaultdict(set)
        for value in values:
            objects[value].add(id(value))
        return objects

    for values in (
        [quote.speaker for quote in dataset.quotes],
        [quote.section for quote in dataset.quotes],
        [person.kind for person in dataset.people],
        [character.played_by for character in dataset.characters],
    ):
        assert all(len(objects) == 1 for objects in distinct_objects(values).values())


def test_nothing_read_along_the_way_outlives_the_load(corpus_dir: Path, monkeypatch) -> None:
    in_workers(monkeypatch)
    read_files = parallel_read.read_files
    chunks: list[weakref.ref] = []
    rows_left_when_the_next_came: list[int] = []

    def watched(*args, **kwargs):
        for index, chunk in read_files(*args, **kwargs):
            # The reader asks for the next file only once it has made the last one's records.
            rows_left_when_the_next_came.extend(len(c().rows) for c in chunks if c() is not None)
            chunks.append(weakref.ref(chunk))
            yield index, chunk

    alive_when_freed: list[int] = []
    monkeypatch.setattr(parallel_read, "read_files", watched)
    monkeypatch.setattr(
        dataset_reader, "release_freed_memory", lambda: alive_when_freed.append(sum(c() is not None for c in chunks))
    )
    dataset = load_dataset(corpus_dir)
    assert len(dataset.quotes) == 200
    assert len(chunks) == 10 and alive_when_freed == [0]
    assert rows_left_when_the_next_came and set(rows_left_when_the_next_came) == {0}


def test_memory_is_given_back_after_a_load_that_fails_too(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "people.yaml").write_text("people:\n  - id: a\n")
    freed: list[bool] = []
    monkeypatch.setattr(dataset_reader, "release_freed_memory", lambda: freed.append(True))
    with pytest.raises(DataErrors):
        load_dataset(tmp_path)
    assert freed == [True]
