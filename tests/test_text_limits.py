"""Every text field has a length limit (a line's, prose's or a paragraph's: far more than any real
article needs): a longer value is a problem at its FILE:LINE:COL, exit 2, on the quick read of the
common layout as on the YAML read, instead of a check that passes and a reader that freezes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from test_loader import EXAMPLE, assert_only_problem, with_change

from anora_tui.core.loading.checks import LINE_LIMIT, PARAGRAPH_LIMIT, PROSE_LIMIT, text
from anora_tui.core.loading.file_reader import read_file
from anora_tui.core.loading.format import ARTICLE, LIST_COLLECTIONS


def test_every_text_field_has_a_limit():
    """Every field read as text or a list of text (not a date or a choice, kept short by their checks)."""
    section = ARTICLE.specs["sections"].check.item.record_type
    film = ARTICLE.specs["film"].check.record_type
    scene = LIST_COLLECTIONS["scenes"]
    nested = [section, film, scene.specs["position"].check.record_type, scene.specs["production"].check.record_type]
    for record_type in [ARTICLE, *nested, *LIST_COLLECTIONS.values()]:
        for name, field in record_type.specs.items():
            check = getattr(field.check, "item", field.check)
            if check is text or hasattr(check, "of_text"):
                assert record_type.limit_of[name] in (LINE_LIMIT, PROSE_LIMIT, PARAGRAPH_LIMIT), (record_type.noun, name)
    assert section.limit_of["paragraphs"] == PARAGRAPH_LIMIT
    assert LIST_COLLECTIONS["quotes"].limit_of["text"] == PARAGRAPH_LIMIT
    assert LIST_COLLECTIONS["notes"].limit_of["says"] == PARAGRAPH_LIMIT
    assert LIST_COLLECTIONS["people"].limit_of["description"] == PROSE_LIMIT
    assert LIST_COLLECTIONS["people"].limit_of["name"] == LINE_LIMIT


@pytest.mark.parametrize(
    ("file", "old", "field", "limit"),
    [
        ("people.yaml", "name: Tomás Reyes", "name", LINE_LIMIT),
        ("people.yaml", "description: Plays Pell, the ticket clerk.", "description", PROSE_LIMIT),
        ("characters.yaml", "    name: Wren\n", "name", LINE_LIMIT),
        ("scenes.yaml", "title: The fog", "title", LINE_LIMIT),
        ("scenes.yaml", "summary: Fog rolls over the pier and Wren waits inside it.", "summary", PROSE_LIMIT),
        ("scenes.yaml", "location: Garrow pier\n", "location", LINE_LIMIT),
        ("article.yaml", "  title:", "title", LINE_LIMIT),
    ],
)
def test_a_text_over_its_limit_is_a_problem_at_its_value(make_data_dir, file, old, field, limit):
    text = (EXAMPLE / file).read_text(encoding="utf-8")
    start = text.index(old)
    line_end = text.index("\n", start)
    key_end = text.index(":", start) + 2
    long_value = "a" * (limit + 1)
    new_text = text[:key_end] + f'"{long_value}"' + text[line_end:]
    directory = make_data_dir({file: new_text})
    assert_only_problem(directory, file, new_text, f"\"{long_value}",
                        f"'{field}' is {limit + 1:,} characters long, over the limit of {limit:,}: "
                        + ("split it into paragraphs" if limit == PARAGRAPH_LIMIT else "shorten it"))


def test_a_text_at_its_limit_passes(make_data_dir):
    text = with_change("people.yaml", "name: Tomás Reyes", f"name: {'a' * LINE_LIMIT}")
    directory = make_data_dir({"people.yaml": text})
    from anora_tui.core.loading.loader import load_dataset

    assert load_dataset(directory).people_by_id["tomas-reyes"].name == "a" * LINE_LIMIT


def test_a_list_item_over_its_limit_is_a_problem_at_the_item(make_data_dir):
    long_role = "r" * (LINE_LIMIT + 5)
    text = with_change("people.yaml", "roles: [filmmaker]", f"roles: [filmmaker, {long_role}]")
    assert_only_problem(make_data_dir({"people.yaml": text}), "people.yaml", text, long_role,
                        f"an item of 'roles' is {LINE_LIMIT + 5:,} characters long, over the limit of "
                        f"{LINE_LIMIT:,}: shorten it")


# --- the quick read of the common layout (benchmarks/make_corpus.py's) ----------------------------


def _records(key: str, records: list[list[str]]) -> str:
    lines = [f"{key}:"]
    for record in records:
        lines += [("  - " if number == 0 else "    ") + line for number, line in enumerate(record)]
    return "\n".join(lines) + "\n"


def _people(names: list[str], roles: list[str]) -> str:
    return _records("people", [[f"id: p{n}", f'name: "{name}"', "kind: cast", f'roles: ["{role}"]',
                                'description: "An actor."'] for n, (name, role) in enumerate(zip(names, roles))])


def _quotes(texts: list[str]) -> str:
    return _records("quotes", [[f"id: q{n}", "speaker: p0", f'text: "{text}"', "section: s", "paragraph: 1"]
                               for n, text in enumerate(texts)])


def _article(title: str, paragraphs: list[str]) -> str:
    lines = ["article:", f'  title: "{title}"', '  publication: "P"', '  date: "2024-01-01"', "  sections:"]
    for number in range(3):
        lines += [f"    - id: s{number}", '      title: "Part"', "      paragraphs:"]
        lines += [f'        - "{paragraph}"' for paragraph in paragraphs]
    return "\n".join(lines) + "\n"


LONG_LINE = "n" * (LINE_LIMIT + 1)
LONG_PARAGRAPH = "w " * (PARAGRAPH_LIMIT // 2) + "w"


def errors(chunk) -> list:
    """A file's problems, with those of its article (read into a chunk of its own)."""
    return chunk.errors + (chunk.article[3].errors if chunk.article is not None else [])


@pytest.mark.parametrize(
    ("text", "where", "subject"),
    [
        (_people(["Ann", "Bo", LONG_LINE, "Cy"], ["actor"] * 4), (13, 11), "'name'"),
        (_people(["Ann", "Bo", "Cy", "Di"], ["actor", "actor", LONG_LINE, "actor"]), (15, 13), "an item of 'roles'"),
        (_quotes(["one", "two", LONG_PARAGRAPH, "four"]), (14, 11), "'text'"),
        (_article("T", ["one", "two", LONG_PARAGRAPH]), (11, 11), "an item of 'paragraphs'"),
        (_article(LONG_LINE, ["one"]), (2, 10), "'title'"),
    ],
    ids=["a name", "a role", "a quote", "a paragraph", "the article's title"],
)
def test_the_quick_read_finds_a_long_text_as_yaml_does(tmp_path, text, where, subject):
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    quick, slow = (errors(read_file(path, 1 << 30, quick=quick)) for quick in (True, False))
    assert quick == slow
    (line, column, _message), *_others = quick  # the article has the paragraph in each of its 3 sections
    assert (line, column) == where and all(message.startswith(f"{subject} is ") for *_, message in quick)


def test_the_quick_read_takes_long_texts_within_their_limits(tmp_path):
    path = tmp_path / "data.yaml"
    paragraph = "w " * (PARAGRAPH_LIMIT // 2 - 1) + "ww"
    path.write_text(_article("t" * LINE_LIMIT, ["one", paragraph, "three"]), encoding="utf-8")
    chunk = read_file(path, 1 << 30)
    assert chunk.errors == [] and chunk.article[3].article_row[3][2][2][1] == paragraph


def test_check_exits_2_on_a_50_megabyte_field(make_data_dir):
    text = with_change("people.yaml", "description: Plays Pell, the ticket clerk.",
                       f"description: \"{'x' * 50_000_000}\"")
    directory = make_data_dir({"people.yaml": text})
    run = subprocess.run([sys.executable, "-m", "anora_tui", "check", "--data", str(directory)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "'description' is 50,000,000 characters long, over the limit of 20,000: shorten it" in run.stdout + run.stderr
