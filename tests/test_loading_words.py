"""The reader's first start counts each paragraph's words while the loader still reads the other
files (in worker processes, for a big dataset), instead of after the whole dataset is built, just
before the first frame; other commands do not count them."""

from __future__ import annotations

import pytest

from anora_tui.core import reading_time
from anora_tui.core.loading import cache, parallel_read
from anora_tui.core.loading.cache import load_cached, start_writing_behind
from anora_tui.core.loading.loader import load_dataset
from anora_tui.core.reading_time import ReadingTime, paragraph_words
from anora_tui.paths import default_data_dir


@pytest.mark.parametrize("in_workers", [False, True])
def test_the_readers_load_counts_every_paragraphs_words(in_workers, monkeypatch):
    if in_workers:
        monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 0)
    dataset = load_dataset(default_data_dir(), for_reader=True)
    counted = dataset.stored("paragraph_words")
    assert counted == paragraph_words(dataset)
    assert sum(map(sum, counted)) > 1000


def test_the_reading_time_uses_them_without_counting_again(monkeypatch):
    dataset = load_dataset(default_data_dir(), for_reader=True)
    expected = ReadingTime(load_dataset(default_data_dir()))

    def counted_again(dataset):
        raise AssertionError("counted again")

    monkeypatch.setattr(reading_time, "paragraph_words", counted_again)
    time = ReadingTime(dataset)
    assert time.total_words == expected.total_words
    first = dataset.sections[0].id
    assert time.minutes_left(first, 2) == expected.minutes_left(first, 2)


def test_other_commands_do_not_count_them():
    assert load_dataset(default_data_dir()).stored("paragraph_words") is None


def test_a_first_start_of_the_reader_counts_them(cache_home, monkeypatch):
    monkeypatch.setattr(cache, "_in_detached_process", lambda work: True)  # no cache written
    try:
        dataset = load_cached(default_data_dir(), write_behind=True)
    finally:
        start_writing_behind()
    assert dataset.stored("paragraph_words") == paragraph_words(dataset)
    assert load_cached(default_data_dir()).stored("paragraph_words") is None  # `check`, `quotes`


def test_a_first_start_read_in_workers_does_the_readers_work_meanwhile(cache_home, monkeypatch):
    monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel_read, "_usable_cpus", lambda: 2)
    monkeypatch.setattr(parallel_read, "_cores_free", lambda: True)
    monkeypatch.setattr(cache, "_in_detached_process", lambda work: True)  # no cache written
    done: list[bool] = []
    try:
        dataset = load_cached(default_data_dir(), write_behind=True, meanwhile=lambda: done.append(True))
    finally:
        start_writing_behind()
    assert done == [True]
    assert dataset == load_dataset(default_data_dir())
    assert dataset.stored("paragraph_words") == paragraph_words(dataset)  # counted in a worker
