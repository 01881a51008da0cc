"""The load cache: plain JSON keyed by content and program, rebuilt whenever it cannot be trusted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anora_tui import cache
from anora_tui.cache import cache_directory, cache_key, dataset_from_plain, dataset_to_plain, load_cached
from anora_tui.loader import DataErrors, load_dataset


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def cache_files() -> list[Path]:
    return sorted(cache_directory().glob("*"))


def loading_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(directory):
        raise AssertionError("read the YAML although the cache was valid")

    monkeypatch.setattr(cache, "load_dataset", refuse)


def test_round_trip_through_plain_data(example_dataset):
    plain = json.loads(json.dumps(dataset_to_plain(example_dataset)))
    assert dataset_from_plain(plain) == example_dataset


def test_second_load_comes_from_the_cache(example_data_dir, example_dataset, cache_home, monkeypatch):
    assert load_cached(example_data_dir) == example_dataset
    [written] = cache_files()
    assert written.parent == cache_home / "anora-tui"
    assert written.name == f"{cache_key(example_data_dir)}.json"
    assert json.loads(written.read_text(encoding="utf-8"))["format"] == cache.CACHE_FORMAT
    loading_forbidden(monkeypatch)
    assert load_cached(example_data_dir) == example_dataset


def test_changed_files_are_loaded_again(make_data_dir):
    directory = make_data_dir()
    load_cached(directory)
    article = directory / "article.yaml"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("A film about waiting", "A film about ferries"), encoding="utf-8")
    reloaded = load_cached(directory)
    assert reloaded.sections_by_id["origins"].title == "A film about ferries"
    assert len(cache_files()) == 2


def test_renaming_a_file_changes_the_key(make_data_dir):
    directory = make_data_dir()
    before = cache_key(directory)
    (directory / "notes.yaml").rename(directory / "zz-notes.yaml")
    assert cache_key(directory) != before


def test_the_program_version_is_part_of_the_key(example_data_dir, monkeypatch):
    before = cache_key(example_data_dir)
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert cache_key(example_data_dir) != before


@pytest.mark.parametrize(
    "contents",
    [
        b"",
        b"\x80\x81 not utf-8",
        b'{"format": 1, "key": "',  # cut short
        b"[1, 2, 3]",
        b'{"format": 999, "key": "KEY", "dataset": {}}',
        b'{"format": 1, "key": "KEY", "dataset": {"article": []}}',
        b'{"format": 1, "key": "KEY", "dataset": "KEY"}',
        b"[" * 100_000,
    ],
)
def test_a_corrupt_or_foreign_cache_is_rebuilt(example_data_dir, example_dataset, contents):
    key = cache_key(example_data_dir)
    path = cache_directory() / f"{key}.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(contents.replace(b"KEY", key.encode()))
    assert load_cached(example_data_dir) == example_dataset
    assert json.loads(path.read_text(encoding="utf-8"))["key"] == key  # rewritten whole


def test_a_cache_with_a_damaged_record_is_rebuilt(example_data_dir, example_dataset):
    load_cached(example_data_dir)
    [path] = cache_files()
    document = json.loads(path.read_text(encoding="utf-8"))
    document["dataset"]["quotes"][0] = document["dataset"]["quotes"][0][:-1]  # a field short
    path.write_text(json.dumps(document), encoding="utf-8")
    assert load_cached(example_data_dir) == example_dataset


def test_load_errors_propagate_and_nothing_is_cached(make_data_dir):
    broken = make_data_dir({"quotes.yaml": "quotes:\n  - id: x\n"})
    with pytest.raises(DataErrors) as caught:
        load_cached(broken)
    with pytest.raises(DataErrors) as direct:
        load_dataset(broken)
    assert [str(e) for e in caught.value.errors] == [str(e) for e in direct.value.errors]
    assert cache_files() == []


def test_a_missing_directory_is_the_loaders_error(tmp_path):
    with pytest.raises(DataErrors):
        load_cached(tmp_path / "nowhere")


def test_an_unwritable_cache_still_loads(example_data_dir, example_dataset, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_cached(example_data_dir) == example_dataset


def test_no_temporary_files_are_left_behind(example_data_dir):
    load_cached(example_data_dir)
    assert [p.suffix for p in cache_files()] == [".json"]


def test_old_cache_files_are_pruned(make_data_dir):
    for n in range(cache.KEEP + 3):
        load_cached(make_data_dir({f"extra-{n}.yaml": "notes: []\n"}))
    assert len(cache_files()) == cache.KEEP


def test_a_relative_xdg_cache_home_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_directory() == tmp_path / ".cache" / "anora-tui"
