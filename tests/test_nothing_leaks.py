"""Nothing leaks, nothing is planted: a dataset cannot read a file from outside its directory through
a symbolic link, a message never quotes more of a file than the offending token, and the cache and
the state each touch only files they made (the two may share a directory), by their exact names.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from test_e2e_tmux import installed_command

from anora_tui.core.loading import cache as cache_module
from anora_tui.core.loading.cache import KEEP, load_cached
from anora_tui.core.loading.loader import DataErrors, load_dataset
from anora_tui.core.state import SavedState, load_state, save_state, state_file

SECRET = "root:x:0:0:SECRET-VALUE-1234:/root:/bin/bash"


def check(data_dir: Path, tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_STATE_HOME": str(tmp_path / "state"), **extra}
    return subprocess.run(
        [installed_command(), "check", "--data", str(data_dir)],
        capture_output=True, text=True, env=env, timeout=60,
    )


@pytest.fixture
def secret_files(tmp_path: Path) -> dict[str, Path]:
    outside = tmp_path / "outside"
    outside.mkdir()
    passwd = outside / "passwd"
    passwd.write_text(f"{SECRET}\ndaemon:x:1:1:daemon:/usr/sbin\n")
    credentials = outside / "credentials"
    credentials.write_text("password: SECRET-VALUE-1234\n")
    return {"passwd.yaml": passwd, "credentials.yaml": credentials}


@pytest.mark.parametrize("link", ["passwd.yaml", "credentials.yaml"])
def test_check_refuses_a_link_out_of_the_data_directory(make_data_dir, secret_files, tmp_path, link):
    directory = make_data_dir()
    (directory / link).symlink_to(secret_files[link])
    result = check(directory, tmp_path)
    assert result.returncode == 2
    output = result.stdout + result.stderr
    assert "SECRET" not in output
    assert f"{directory / link}:1:1: cannot read the file: it is a symbolic link to '{secret_files[link]}', " \
           "outside the data directory: refused" in result.stderr


def test_a_link_chain_that_ends_outside_is_refused_too(make_data_dir, secret_files, tmp_path):
    directory = make_data_dir()
    (directory / "hop").symlink_to(secret_files["passwd.yaml"])  # not *.yaml: not read by itself
    (directory / "people2.yaml").symlink_to(directory / "hop")
    result = check(directory, tmp_path)
    assert result.returncode == 2 and "outside the data directory: refused" in result.stderr
    assert "SECRET" not in result.stdout + result.stderr


def test_links_inside_the_data_directory_and_a_linked_directory_are_fine(make_data_dir, tmp_path):
    directory = make_data_dir()
    (directory / "shared").mkdir()
    (directory / "notes.yaml").rename(directory / "shared" / "notes.yaml")
    (directory / "notes.yaml").symlink_to(Path("shared") / "notes.yaml")
    alias = tmp_path / "alias-of-the-data"
    alias.symlink_to(directory)
    for data_dir in (directory, alias):
        result = check(data_dir, tmp_path)
        assert result.returncode == 0, result.stderr


def test_following_outside_links_can_be_allowed_and_still_quotes_no_file(make_data_dir, secret_files, tmp_path):
    directory = make_data_dir()
    for link, target in secret_files.items():
        (directory / link).symlink_to(target)
    result = check(directory, tmp_path, ANORA_TUI_FOLLOW_OUTSIDE_LINKS="1")
    assert result.returncode == 2
    assert "SECRET" not in result.stdout + result.stderr  # the top level is named by its type
    assert "the top level must be a mapping of collections" in result.stderr and "not a string" in result.stderr


def test_the_cache_never_reads_a_file_outside_either(make_data_dir, secret_files, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    directory = make_data_dir()
    (directory / "passwd.yaml").symlink_to(secret_files["passwd.yaml"])
    opened: list[str] = []
    real_open = os.open

    def recording_open(path, *args, **kwargs):
        opened.append(os.path.realpath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", recording_open)
    with pytest.raises(DataErrors):
        load_cached(directory)
    assert str(secret_files["passwd.yaml"].resolve()) not in opened


# --- the cache and the state in one directory ----------------------------------------------------


def test_cache_pruning_touches_only_cache_files(make_data_dir, monkeypatch, tmp_path):
    shared = tmp_path / "shared"
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    monkeypatch.setenv("XDG_STATE_HOME", str(shared))  # one directory for both
    save_state(state_file(), SavedState("kept", 3))
    folder = state_file().parent
    theirs = [folder / name for name in ("notes.json", "ABC.json", "backup.json", ".notes.tmp")]
    for path in theirs:
        path.write_text("someone else's")
    old = time.time() - 3600
    for path in theirs:
        os.utime(path, (old, old))
    for number in range(KEEP + 3):
        load_cached(make_data_dir({"extra.yaml": f"# dataset {number}\npeople: []\n"}))  # a new key each
    caches = [p for p in folder.iterdir() if len(p.stem) == 64 and p.suffix == ".json"]
    assert len(caches) == KEEP
    assert load_state(state_file()).state == SavedState("kept", 3)
    for path in theirs:
        assert path.read_text() == "someone else's", path.name


def test_each_writer_cleans_only_its_own_stale_temp_files(example_data_dir, monkeypatch, tmp_path):
    shared = tmp_path / "shared"
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    monkeypatch.setenv("XDG_STATE_HOME", str(shared))
    folder = state_file().parent
    folder.mkdir(parents=True)
    state_temp = folder / ".state.json.abcd1234.tmp"
    cache_temp = folder / f".{'0' * 64}.json.abcd1234.tmp"
    foreign = folder / ".editor-swap.abcd1234.tmp"
    for path in (state_temp, cache_temp, foreign):
        path.write_text("partial")
        os.utime(path, (time.time() - 3600,) * 2)
    load_cached(example_data_dir)  # writes a cache file: cleans the cache's stale temps only
    assert not cache_temp.exists() and state_temp.exists() and foreign.exists()
    save_state(state_file(), SavedState("a"))  # the state's only
    assert not state_temp.exists() and foreign.exists()


# --- an unusable cache directory -------------------------------------------------------------------


def test_a_cache_home_that_is_a_file_is_said_once_per_run_and_truly(example_data_dir, tmp_path):
    blocker = tmp_path / "cache-home-is-a-file"
    blocker.write_text("")
    for _ in range(2):
        result = check(example_data_dir, tmp_path, XDG_CACHE_HOME=str(blocker))
        assert result.returncode == 0
        assert result.stderr.splitlines() == [
            f"anora-tui check: The load cache is off: {blocker} is a file, not a directory (see XDG_CACHE_HOME); "
            "the dataset is read from its files."
        ]
    assert blocker.read_text() == ""


def test_an_unusable_cache_still_loads_the_dataset(example_data_dir, example_dataset, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "deeper"))
    notices: list[str] = []
    assert load_cached(example_data_dir, notices.append) == example_dataset
    assert len(notices) == 1 and "is a file, not a directory" in notices[0] and "Rebuilt" not in notices[0]
    assert cache_module.usable_cache_dir()[0] is None


def test_the_loader_alone_refuses_outside_links(make_data_dir, secret_files):
    directory = make_data_dir()
    (directory / "passwd.yaml").symlink_to(secret_files["passwd.yaml"])
    with pytest.raises(DataErrors) as problems:
        load_dataset(directory)
    assert "SECRET" not in str(problems.value) and "refused" in str(problems.value)

