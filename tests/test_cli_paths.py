"""Every command's path arguments mean what the user meant, or are refused in one line (the command as
typed, the path, the problem) with exit status 2 and nothing written: a text named that is not there
(`new article.txt` made a directory called article.txt), a file where a directory is expected and the
other way round, the text and the directory the wrong way round, a broken symbolic link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from anora_tui.cli.main import main

TEXT = "Title\n\nMara Quill said “hello,” Quill said. Mara Quill left.\n"


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def refused(capsys, *args: str) -> str:
    """The one line a refused command says; it wrote nothing on standard output and exited 2."""
    status, out, err = run(capsys, *args)
    assert (status, out) == (2, ""), err
    (line,) = err.splitlines()
    return line


@pytest.fixture
def text(tmp_path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


# --- new ---------------------------------------------------------------------------------------


def test_a_text_that_is_not_there_is_named_not_made_a_directory(capsys, tmp_path):
    missing = tmp_path / "article.txt"
    line = refused(capsys, "new", str(missing))
    assert line.startswith(f"anora-tui new: {missing}: no such file; ")
    assert "anora-tui new ARTICLE.txt DIR" in line and f"({missing}/)" in line
    assert list(tmp_path.iterdir()) == []


def test_a_trailing_slash_makes_a_template_directory_of_any_name(capsys, tmp_path):
    target = tmp_path / "article.txt"
    status, out, err = run(capsys, "new", f"{target}/")
    assert status == 0 and err == "", err
    assert (target / "article.yaml").is_file()


def test_a_directory_named_like_a_file_is_refused_unless_it_ends_in_a_slash(capsys, tmp_path, text):
    target = tmp_path / "draft.yaml"
    line = refused(capsys, "new", str(text), str(target))
    assert line == (f"anora-tui new: {target}: a file's name, but DIR is the directory the dataset's files are "
                    f"written into; end it with a slash ({target}/) to make a directory of that name")
    assert not target.exists()
    assert run(capsys, "new", str(text), f"{target}/")[0] == 0
    assert (target / "quotes.yaml").is_file()


def test_the_text_and_the_directory_the_wrong_way_round(capsys, tmp_path, text):
    target = tmp_path / "draft"
    line = refused(capsys, "new", str(target), str(text))
    assert line == f"anora-tui new: {text} is a file and {target} is not: the text comes first (anora-tui new {text} {target})"
    assert not target.exists()


def test_a_broken_symbolic_link_for_dir_is_named_as_one(capsys, tmp_path, text):
    link = tmp_path / "draft"
    link.symlink_to(tmp_path / "gone")
    for args in ((str(link),), (str(text), str(link))):
        line = refused(capsys, "new", *args)
        assert line == f"anora-tui new: {link}: a broken symbolic link to '{tmp_path / 'gone'}'; remove it or name another directory"
    assert not (tmp_path / "gone").exists()


def test_a_directory_under_a_file_names_the_file(capsys, tmp_path, text):
    line = refused(capsys, "new", str(text), str(text / "draft"))
    assert line == f"anora-tui new: {text / 'draft'}: {text} is a file, not a directory"


def test_an_existing_file_for_dir_says_what_dir_is(capsys, tmp_path, text):
    other = tmp_path / "notes.txt"
    other.write_text("mine")
    line = refused(capsys, "new", str(text), str(other))
    assert line.startswith(f"anora-tui new: {other}: a file, not a directory; ")
    assert other.read_text() == "mine"


# --- --data, for every command that reads a dataset ---------------------------------------------------


@pytest.mark.parametrize("command", ["check", "quotes"])
def test_a_broken_symbolic_link_for_the_data_directory_is_named_as_one(capsys, tmp_path, command):
    link = tmp_path / "data"
    link.symlink_to(tmp_path / "moved")
    line = refused(capsys, command, "--data", str(link))
    assert line == f"anora-tui {command}: {link}: data directory is a broken symbolic link to '{tmp_path / 'moved'}'"


@pytest.mark.parametrize("command", ["check", "quotes"])
def test_a_dataset_file_given_for_its_directory_says_which_directory(capsys, example_data_dir, command):
    people = example_data_dir / "people.yaml"
    line = refused(capsys, command, "--data", str(people))
    assert line == (f"anora-tui {command}: {people}: a file, not a data directory: "
                    f"give the directory that holds the dataset's files ({example_data_dir})")


def test_another_file_for_the_data_directory_says_it_is_a_file(capsys, text):
    assert refused(capsys, "check", "--data", str(text)) == f"anora-tui check: {text}: data directory is a file, not a directory"


def test_a_fifo_for_the_data_directory_is_not_waited_on(capsys, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert refused(capsys, "check", "--data", str(fifo)) == f"anora-tui check: {fifo}: data directory is not a directory"


# --- new - DIR: the text piped in --------------------------------------------------------------------


def test_a_text_piped_in_is_drafted(capsys, tmp_path, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("utf-8"))))
    status, out, err = run(capsys, "new", "-", str(tmp_path / "draft"))
    assert (status, err) == (0, "")
    assert out.startswith(f"{tmp_path / 'draft'}: drafted 1 section, 1 candidate person and 1 quote")
    assert "drafted from the text piped in" in (tmp_path / "draft" / "article.yaml").read_text()


def test_a_terminal_for_the_text_piped_in_is_refused_not_waited_on(capsys, tmp_path, monkeypatch):
    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal())
    line = refused(capsys, "new", "-", str(tmp_path / "draft"))
    assert line == "anora-tui new: standard input is a terminal: pipe the text in (anora-tui new - DIR < article.txt)"
    assert not (tmp_path / "draft").exists()


def test_an_unreadable_text_is_one_line(capsys, tmp_path, text, monkeypatch):
    """Run as root, a file's mode does not stop a read: the refusal the system would give is made here."""
    from anora_tui.core.authoring import files

    def refuse(path, limit=None):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(files, "read_regular_file", refuse)
    line = refused(capsys, "new", str(text), str(tmp_path / "draft"))
    assert line == f"anora-tui new: {text}: cannot read it: Permission denied"
    assert not (tmp_path / "draft").exists()


@pytest.mark.parametrize("args", [["-"], ["{text}", "-"]])
def test_standard_input_for_dir_is_refused_not_made_a_directory(capsys, tmp_path, text, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    line = refused(capsys, "new", *(arg.replace("{text}", str(text)) for arg in args))
    assert line == ("anora-tui new: DIR is missing: - reads the text from standard input; "
                    "give the directory to write into (anora-tui new - DIR)")
    assert not (tmp_path / "-").exists()
