"""`anora-tui new`, run as a real command: a draft from plain text that passes `check` as written (every
paragraph verbatim, candidate people, quotes with guessed speakers, every guess marked TODO and
counted by `check`), a template without a text, and one line and exit 2 for bad input, with nothing
written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from anora_tui.core.loading.loader import load_dataset

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    return subprocess.run(
        [sys.executable, "-m", "anora_tui", *args], capture_output=True, text=True, encoding="utf-8",
        cwd=ROOT, env=env, timeout=120,
    )


def article_text(dataset) -> str:
    """The article as plain text: its title, then its paragraphs, a blank line between each."""
    return "\n\n".join([dataset.article.title, *(p for s in dataset.sections for p in s.paragraphs)]) + "\n"


@pytest.fixture(scope="module")
def shipped_draft(tmp_path_factory, shipped_dataset) -> Path:
    tmp_path = tmp_path_factory.mktemp("new")
    text = tmp_path / "article.txt"
    text.write_text(article_text(shipped_dataset), encoding="utf-8")
    result = run("new", str(text), str(tmp_path / "draft"), tmp_path=tmp_path)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout.startswith(f"{tmp_path / 'draft'}: drafted ")
    return tmp_path / "draft"


def test_the_draft_of_the_shipped_article_passes_check_and_counts_what_is_left(shipped_draft, tmp_path):
    result = run("check", "--data", str(shipped_draft), tmp_path=tmp_path)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    (line,) = result.stdout.splitlines()
    assert " lines marked TODO left (the first: article.yaml:" in line
    marked = sum(
        "TODO" in line and not line.lstrip().startswith("#")  # comment lines (headers, examples) do not count
        for path in shipped_draft.glob("*.yaml")
        for line in path.read_text().split("\n")
    )
    assert f"; {marked} lines marked TODO left" in line


def test_the_draft_keeps_every_paragraph_verbatim_and_in_order(shipped_draft, shipped_dataset):
    draft = load_dataset(shipped_draft)
    assert draft.article.title == shipped_dataset.article.title
    assert [p for s in draft.sections for p in s.paragraphs] == [p for s in shipped_dataset.sections for p in s.paragraphs]
    assert all(len(s.paragraphs) <= 6 for s in draft.sections)


def test_the_draft_finds_the_people_and_the_quotes_and_guesses_speakers_well(shipped_draft, shipped_dataset):
    draft = load_dataset(shipped_draft)
    names = {person.name for person in draft.people}
    cast_and_crew = {p.name for p in shipped_dataset.people if p.kind in ("cast", "crew")}
    assert len(cast_and_crew & names) >= len(cast_and_crew) - 2, cast_and_crew - names
    # Every direct quote the editor recorded is inside a passage the draft found, in the same paragraph.
    found = {(q.section, q.paragraph): [] for q in draft.quotes}
    for quote in draft.quotes:
        found[(quote.section, quote.paragraph)].append(quote)
    placed = {(s.paragraphs[n - 1]): (s.id, n) for s in draft.sections for n in range(1, len(s.paragraphs) + 1)}
    direct = [q for q in shipped_dataset.quotes if q.form == "direct"]
    covered = right = 0
    for quote in direct:
        paragraph = shipped_dataset.paragraph(quote.section, quote.paragraph)
        candidates = [d for d in found.get(placed[paragraph], []) if quote.text in d.text or d.text in quote.text]
        if candidates:
            covered += 1
            speaker = shipped_dataset.people_by_id[quote.speaker].name
            right += draft.people_by_id[candidates[0].speaker].name == speaker
    assert covered >= 0.9 * len(direct), (covered, len(direct))
    assert right >= 0.6 * covered, (right, covered)


def test_every_guess_is_marked(shipped_draft):
    people = (shipped_draft / "people.yaml").read_text()
    quotes = (shipped_draft / "quotes.yaml").read_text()
    assert all("TODO" in line for line in people.split("\n") if line.lstrip().startswith(("kind:", "roles:", "- id:")))
    assert all("# TODO: guessed" in line for line in quotes.split("\n") if line.lstrip().startswith("speaker:"))


def test_without_a_text_it_writes_a_template_of_every_file_that_passes_check(tmp_path):
    result = run("new", str(tmp_path / "template"), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "template").iterdir())
    assert names == sorted(["article.yaml", "people.yaml", "characters.yaml", "scenes.yaml", "events.yaml",
                            "quotes.yaml", "notes.yaml", "dataset.schema.json"])
    events = (tmp_path / "template" / "events.yaml").read_text()
    for key in ("id", "date", "precision", "when", "title", "summary", "date_note", "people", "sections"):
        assert f"#   {key}: " in events or f"# - {key}: " in events, key
    check = run("check", "--data", str(tmp_path / "template"), tmp_path=tmp_path)
    assert check.returncode == 0 and "lines marked TODO left" in check.stdout, check.stderr
    assert ": ok: 1 section, 1 paragraph, 0 people, 0 characters," in check.stdout  # counted in good English


@pytest.mark.parametrize(
    ("contents", "says"),
    [
        (None, "cannot read it"),
        (b"", "the file is empty"),
        (b"\x00\x01binary", "not a text file"),
        (b"Caf\xe9\n\nText.", "not UTF-8"),
        (b"Just a title\n", "no paragraphs"),
    ],
    ids=["missing", "empty", "binary", "latin-1", "no-paragraphs"],
)
def test_bad_text_is_one_line_and_exit_2_with_nothing_written(tmp_path, contents, says):
    text = tmp_path / "article.txt"
    if contents is not None:
        text.write_bytes(contents)
    result = run("new", str(text), str(tmp_path / "draft"), tmp_path=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("anora-tui new: ") and says in line
    assert not (tmp_path / "draft").exists()


def test_a_non_empty_directory_is_refused_unless_forced(tmp_path):
    text = tmp_path / "article.txt"
    text.write_text("Title\n\nMara Quill said “hello,” Quill said. Mara Quill left.\n", encoding="utf-8")
    target = tmp_path / "draft"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    refused = run("new", str(text), str(target), tmp_path=tmp_path)
    assert refused.returncode == 2 and "not empty" in refused.stderr and "--force" in refused.stderr
    assert sorted(p.name for p in target.iterdir()) == ["keep.txt"]
    forced = run("new", str(text), str(target), "--force", tmp_path=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert (target / "keep.txt").read_text() == "mine" and (target / "article.yaml").exists()
    assert load_dataset(target).quotes[0].speaker == "mara-quill"


def test_too_many_paths_is_refused(tmp_path):
    result = run("new", "a", "b", "c", tmp_path=tmp_path)
    assert result.returncode == 2 and "expected [ARTICLE.txt] DIR" in result.stderr


def test_the_usage_line_says_what_new_takes(tmp_path):
    result = run("new", "--help", tmp_path=tmp_path)
    assert result.stdout.splitlines()[0] == "usage: anora-tui new [-h] [--force] [ARTICLE.txt] DIR"


def test_help_describes_the_tool_not_one_article(tmp_path, example_data_dir):
    for args in (["--help"], ["--data", str(example_data_dir), "--help"]):
        result = run(*args, tmp_path=tmp_path)
        assert result.returncode == 0
        description = result.stdout.split("positional arguments")[0].split("options:")[0]
        assert "making-of article" in description and "Anora" not in description
        assert "new" in result.stdout and "schema" in result.stdout and "--watch" in result.stdout
    pyproject = (ROOT / "pyproject.toml").read_text()
    line = next(l for l in pyproject.splitlines() if l.startswith("description"))
    assert "a film's making-of article" in line and line.index("Anora") > line.index("default dataset")


def test_schema_output_survives_a_closed_pipe_an_ascii_terminal_and_a_full_disk(tmp_path):
    env = dict(os.environ, PYTHONIOENCODING="ascii")
    command = [sys.executable, "-m", "anora_tui", "schema"]
    printed = subprocess.run(command, capture_output=True, env=env, cwd=ROOT, timeout=60)
    assert printed.returncode == 0 and printed.stderr == b""
    assert "≈" in printed.stdout.decode("utf-8")  # UTF-8 JSON, whatever the terminal's encoding
    piped = subprocess.run(f"{command[0]} -m anora_tui schema | head -c 10", shell=True, capture_output=True, cwd=ROOT)
    assert piped.stdout == printed.stdout[:10] and piped.stderr == b""
    if Path("/dev/full").exists():
        with open("/dev/full", "wb") as full:
            result = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=60)
        assert result.returncode == 2
        assert result.stderr.splitlines() == ["anora-tui schema: cannot write the output: No space left on device"]
