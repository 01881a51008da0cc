"""The load cache: plain JSON keyed by content and program, rebuilt whenever it cannot be trusted;
files whose stat signature it recorded are not read again; a dataset from it is made lazily."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import fields, replace
from pathlib import Path

import pytest

from anora_tui.core.loading import cache, cache_blocks, cache_file
from anora_tui.core.loading import cache_key as cache_key_module
from anora_tui.core.loading.cache import (
    cache_key,
    dataset_from_plain,
    dataset_to_plain,
    load_cached,
)
from anora_tui.core.loading.loader import DataErrors, load_dataset
from anora_tui.core.model import Dataset, Quote
from anora_tui.paths import cache_dir


pytestmark = pytest.mark.usefixtures("cache_home")  # each test its own cache directory


def cache_files() -> list[Path]:
    return sorted(cache_dir().glob("*"))


def loading_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(directory, **options):
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
    monkeypatch.setattr(cache_key_module, "__version__", "99.0")
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
    path = cache_dir() / f"{key}.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(contents.replace(b"KEY", key.encode()))
    assert load_cached(example_data_dir) == example_dataset
    assert json.loads(path.read_text(encoding="utf-8"))["key"] == key  # rewritten whole


def test_a_truncated_cache_is_rebuilt_at_start(example_data_dir, example_dataset):
    load_cached(example_data_dir)
    [path] = cache_files()
    path.write_bytes(path.read_bytes()[:-10])
    notices: list[str] = []
    assert load_cached(example_data_dir, notices.append) == example_dataset
    assert notices == [f"Rebuilt the load cache {path}: it is damaged."]
    assert json.loads(path.read_bytes())["key"] == path.stem


def test_another_datasets_cache_under_this_key_is_rebuilt(make_data_dir, example_data_dir, example_dataset):
    load_cached(make_data_dir({"extra.yaml": "notes: []\n"}))
    [other] = cache_files()
    path = cache_dir() / f"{cache_key(example_data_dir)}.json"
    other.rename(path)
    notices: list[str] = []
    assert load_cached(example_data_dir, notices.append) == example_dataset
    assert notices == [f"Rebuilt the load cache {path}: it is from another version of the program."]


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
    assert cache_dir() == tmp_path / ".cache" / "anora-tui"


# --- a dataset from the cache is made lazily, and is an ordinary Dataset -------------------------


def made_fields(dataset: Dataset) -> set[str]:
    return {f.name for f in fields(Dataset)} & set(vars(dataset))


def test_a_dataset_from_the_cache_makes_its_fields_on_first_use(example_data_dir, example_dataset):
    load_cached(example_data_dir)
    dataset = load_cached(example_data_dir)
    assert made_fields(dataset) == set()
    quotes = dataset.quotes_by("mara-quill")
    assert quotes == example_dataset.quotes_by("mara-quill")
    assert made_fields(dataset) == {"_quotes_by_speaker"}  # the quotes are made as the lookup is read
    assert dataset.quotes is dataset.quotes  # made once, then kept
    assert quotes[0] is dataset.quotes[quotes[0].order]  # lookups hold the collection's own records


def test_a_dataset_from_the_cache_is_like_a_built_one(example_data_dir, example_dataset):
    load_cached(example_data_dir)
    dataset = load_cached(example_data_dir)
    for f in fields(Dataset):
        mine, built = getattr(dataset, f.name), getattr(example_dataset, f.name)
        assert type(mine) is type(built), f.name
        assert mine == built, f.name
        if isinstance(built, Mapping):
            assert list(mine) == list(built), f.name  # the same keys in the same order
    assert isinstance(dataset.people_by_id, Mapping) and isinstance(dataset.quotes, tuple)
    assert dataset == example_dataset and example_dataset == dataset
    assert repr(dataset) == repr(example_dataset)
    assert replace(dataset, notes=()) == replace(example_dataset, notes=())
    assert dataset.mentions_of("mara-quill") == example_dataset.mentions_of("mara-quill")
    assert dataset.counts() == example_dataset.counts()
    with pytest.raises(AttributeError):
        dataset.no_such_field


def test_threads_reading_a_field_at_once_get_the_same_records(example_data_dir):
    load_cached(example_data_dir)
    dataset = load_cached(example_data_dir)
    start = threading.Barrier(4)
    seen: list[tuple[Quote, ...]] = []

    def read() -> None:
        start.wait()
        seen.append(dataset.quotes)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 4 and all(quotes is seen[0] for quotes in seen)


# --- damage found when the cache is first used ------------------------------------------------


def damage_a_quote(path: Path) -> None:
    """Change one letter of a quote: still valid JSON of the same length, but not what was written."""
    _key, header, header_end = cache_file.read_header(path)
    offset, length, _crc = header["blocks"][cache_blocks.QUOTE_TEXTS]  # the texts' own block
    start = header_end + offset
    data = bytearray(path.read_bytes())
    block = bytes(data[start : start + length])
    assert block.count(b"nothing arrives") == 1
    data[start : start + length] = block.replace(b"nothing arrives", b"nothing arrivez")
    path.write_bytes(bytes(data))


def test_damage_found_on_first_use_loads_from_the_yaml_and_rebuilds(example_data_dir, example_dataset, monkeypatch):
    load_cached(example_data_dir)
    [path] = cache_files()
    damage_a_quote(path)
    notices: list[str] = []
    dataset = load_cached(example_data_dir, notices.append)
    assert notices == []  # the header is fine: the damage is found on first use
    assert dataset.quotes == example_dataset.quotes
    assert notices == [f"Rebuilt the load cache {path}: it is damaged."]
    assert dataset == example_dataset
    loading_forbidden(monkeypatch)
    notices.clear()
    assert load_cached(example_data_dir, notices.append) == example_dataset
    assert notices == []


def test_a_cache_cut_short_after_start_is_not_trusted(example_data_dir, example_dataset):
    load_cached(example_data_dir)
    [path] = cache_files()
    dataset = load_cached(example_data_dir)
    with path.open("r+b") as file:
        file.truncate(path.stat().st_size // 2)
    assert dataset == example_dataset


def test_a_cache_replaced_after_start_is_still_the_one_read(example_data_dir, example_dataset, monkeypatch):
    load_cached(example_data_dir)
    [path] = cache_files()
    dataset = load_cached(example_data_dir)
    (path.parent / "new").write_bytes(b"rewritten by someone else")
    (path.parent / "new").replace(path)  # as an atomic write would: the open file is kept whole
    loading_forbidden(monkeypatch)
    assert dataset == example_dataset


@pytest.mark.parametrize(
    ("block", "first_read"),
    [("notes", "quotes"), ("quotes", "_quotes_by_speaker"), ("_quotes_by_speaker", "quotes")],
)
def test_a_block_that_passes_its_checksum_but_does_not_decode(
    example_data_dir, example_dataset, monkeypatch, block, first_read
):
    """What only a bug could write: the fields made so far stay, the others come from the YAML, once."""
    real = cache.dataset_to_plain

    def a_field_short(dataset):
        plain = real(dataset)
        plain[block] = plain[block][:-1]
        return plain

    with monkeypatch.context() as writing_badly:
        writing_badly.setattr(cache, "dataset_to_plain", a_field_short)
        load_cached(example_data_dir)
    notices: list[str] = []
    dataset = load_cached(example_data_dir, notices.append)
    made_first = getattr(dataset, first_read)
    assert getattr(dataset, block) == getattr(example_dataset, block)
    assert getattr(dataset, first_read) is made_first
    assert dataset == example_dataset
    [path] = cache_files()
    assert notices == [f"Rebuilt the load cache {path}: it is damaged."]


def test_damage_found_after_the_files_changed_gives_the_new_dataset_whole(make_data_dir):
    directory = make_data_dir()
    load_cached(directory)
    [path] = cache_files()
    dataset = load_cached(directory)
    damage_a_quote(path)
    replace_in(directory / "article.yaml", "A film about waiting", "A film about ferries")
    assert dataset.sections_by_id["origins"].title == "A film about ferries"
    assert dataset == load_dataset(directory)


# --- which files are read to find the key -------------------------------------------------------


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def files_read(monkeypatch: pytest.MonkeyPatch, directory: Path) -> list[str]:
    """The names of the dataset's files the cache reads from now on (not the loader: it is refused)."""
    read: list[str] = []
    real = cache_key_module.read_dataset_file

    def reading(path, *args, **kwargs):
        if Path(path).parent == directory:
            read.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(cache_key_module, "read_dataset_file", reading)
    return read


@pytest.fixture
def no_racy_margin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust a record as soon as it is taken: the data files a test writes are all just changed, so
    with the real margin every one of them would be read again for two seconds."""
    monkeypatch.setattr(cache_key_module, "RACY_NS", 0)


@pytest.mark.usefixtures("no_racy_margin")
def test_unchanged_files_are_not_read_again(make_data_dir, example_dataset, monkeypatch):
    directory = make_data_dir()
    load_cached(directory)
    read = files_read(monkeypatch, directory)
    loading_forbidden(monkeypatch)
    assert load_cached(directory) == example_dataset
    assert read == []


@pytest.mark.usefixtures("no_racy_margin")
def test_only_a_changed_file_is_read_again(make_data_dir, monkeypatch):
    directory = make_data_dir()
    load_cached(directory)
    replace_in(directory / "article.yaml", "A film about waiting", "A film about ferries")
    read = files_read(monkeypatch, directory)
    assert load_cached(directory).sections_by_id["origins"].title == "A film about ferries"
    assert read[0] == "article.yaml" and set(read) == {"article.yaml"}  # read again only after loading


def test_a_file_edited_keeping_its_size_is_loaded_again(make_data_dir):
    directory = make_data_dir()
    load_cached(directory)
    replace_in(directory / "article.yaml", "A film about waiting", "A film about ferries")  # same length
    assert load_cached(directory).sections_by_id["origins"].title == "A film about ferries"


@pytest.mark.usefixtures("no_racy_margin")
def test_a_file_edited_keeping_its_size_and_mtime_is_loaded_again(make_data_dir):
    directory = make_data_dir()
    article = directory / "article.yaml"
    load_cached(directory)
    before = article.stat()
    replace_in(article, "A film about waiting", "A film about ferries")
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))  # its change time still moves
    assert article.stat().st_mtime_ns == before.st_mtime_ns and article.stat().st_size == before.st_size
    assert load_cached(directory).sections_by_id["origins"].title == "A film about ferries"


def test_an_edit_within_the_same_timestamp_is_caught_by_the_racy_rule(make_data_dir, monkeypatch):
    """On a file system whose timestamps cannot tell the two versions apart (here: the change time
    is the modification time, and both edits get the same one, as within one tick or one second),
    only the rule that a record taken too soon after the file's last change is not trusted helps."""
    monkeypatch.setattr(
        cache_key_module, "_signature", lambda s: (s.st_size, s.st_mtime_ns, s.st_mtime_ns, s.st_ino, s.st_dev)
    )
    directory = make_data_dir()
    article = directory / "article.yaml"
    moment = time.time_ns()
    os.utime(article, ns=(moment, moment))
    load_cached(directory)
    replace_in(article, "A film about waiting", "A film about ferries")
    os.utime(article, ns=(moment, moment))
    assert load_cached(directory).sections_by_id["origins"].title == "A film about ferries"


def test_a_file_changed_while_loading_is_not_cached(make_data_dir, monkeypatch):
    directory = make_data_dir()
    real = cache.load_dataset

    def load_then_edit(data_dir, **options):
        dataset = real(data_dir, **options)
        replace_in(directory / "article.yaml", "A film about waiting", "A film about ferries")
        return dataset

    with monkeypatch.context() as editing:
        editing.setattr(cache, "load_dataset", load_then_edit)
        assert load_cached(directory).sections_by_id["origins"].title == "A film about waiting"
    assert cache_files() == []
    assert load_cached(directory).sections_by_id["origins"].title == "A film about ferries"


def test_a_file_added_while_loading_is_not_cached(make_data_dir, monkeypatch):
    directory = make_data_dir()
    real = cache.load_dataset

    def load_then_add(data_dir, **options):
        dataset = real(data_dir, **options)
        (directory / "more-notes.yaml").write_text("notes: []\n", encoding="utf-8")
        return dataset

    monkeypatch.setattr(cache, "load_dataset", load_then_add)
    load_cached(directory)
    assert cache_files() == []


@pytest.mark.usefixtures("no_racy_margin")
def test_a_file_name_that_is_not_utf8_is_recorded(make_data_dir, example_dataset, monkeypatch):
    directory = make_data_dir()
    (directory / os.fsdecode(b"extra-\xe9.yaml")).write_text("notes: []\n", encoding="utf-8")
    load_cached(directory)
    read = files_read(monkeypatch, directory)
    loading_forbidden(monkeypatch)
    assert load_cached(directory) == example_dataset
    assert read == []


def test_a_fifo_among_the_cache_files_is_not_waited_for(example_data_dir, example_dataset):
    cache_dir().mkdir(parents=True)
    os.mkfifo(cache_dir() / "someone-elses.json")
    assert load_cached(example_data_dir) == example_dataset
    assert load_cached(example_data_dir) == example_dataset


def test_the_key_does_not_depend_on_the_recorded_signatures(make_data_dir, no_racy_margin):
    directory = make_data_dir()
    load_cached(directory)
    [path] = cache_files()
    assert path.stem == cache_key(directory)


def test_a_lone_surrogate_never_makes_the_cache_fail(example_data_dir, example_dataset, monkeypatch):
    odd = replace(example_dataset.quotes[0], text="half \udcff a quote")
    dataset = Dataset.build(
        example_dataset.article, example_dataset.people, example_dataset.characters, example_dataset.scenes,
        example_dataset.events, (odd, *example_dataset.quotes[1:]), example_dataset.notes,
        text_is_clean=True,  # as the loader's records are: build() would otherwise replace the surrogate
    )
    monkeypatch.setattr(cache, "load_dataset", lambda directory, **options: dataset)
    load_cached(example_data_dir)
    assert len(cache_files()) == 1
    loading_forbidden(monkeypatch)
    assert load_cached(example_data_dir).quotes_by_id[odd.id].text == "half \udcff a quote"


# --- the paragraphs, read a section at a time ------------------------------------------------------


def test_paragraphs_are_read_a_section_at_a_time(example_data_dir, example_dataset):
    load_cached(example_data_dir)
    cached = load_cached(example_data_dir)
    sections = cached.article.sections
    source = cached.__dict__["_parts"].paragraph_source
    assert [len(s.paragraphs) for s in sections] == [len(s.paragraphs) for s in example_dataset.sections]
    assert source._decoded == {}  # counted without reading a paragraph
    last = len(sections) - 1
    assert sections[last].paragraphs[0] == example_dataset.sections[last].paragraphs[0]
    assert list(source._decoded) == [last]
    assert sections[last].paragraphs == example_dataset.sections[last].paragraphs
    assert example_dataset.sections[last].paragraphs == sections[last].paragraphs
    assert hash(sections[last]) == hash(example_dataset.sections[last])
    assert sections[last].paragraphs[-1:] == example_dataset.sections[last].paragraphs[-1:]
    assert cached.paragraph(sections[0].id, 1) == example_dataset.paragraph(sections[0].id, 1)


def test_a_damaged_paragraph_is_read_from_the_yaml(example_data_dir, example_dataset):
    load_cached(example_data_dir)
    [path] = cache_files()
    _key, header, header_end = cache_file.read_header(path)
    offset, length, _crc = header["blocks"]["paragraphs"]
    data = bytearray(path.read_bytes())
    start = header_end + offset + length - 40  # inside the last section's paragraphs
    assert data[start : start + 1].isalpha()
    data[start] ^= 0x20  # the letter's case: still JSON, not what was written
    path.write_bytes(bytes(data))
    notices: list[str] = []
    cached = load_cached(example_data_dir, notices.append)
    assert cached.sections[0].paragraphs == example_dataset.sections[0].paragraphs
    assert notices == []  # only the last section's bytes are damaged
    assert cached.sections[-1].paragraphs == example_dataset.sections[-1].paragraphs
    assert notices == [f"Rebuilt the load cache {path}: it is damaged."]
    assert cached == example_dataset
    assert load_cached(example_data_dir) == example_dataset  # written again
