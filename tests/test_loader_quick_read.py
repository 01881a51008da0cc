"""The quick read of a dataset file (core/loading/quick_compose.py, quick_read.py) gives exactly the chunk
reading it with YAML gives (rows, ids, references, excerpts, paragraphs, the article, every position
and problem), or gives up and lets YAML read it: for generated files in and around the common layout,
for every dataset file of the repository, for what make_corpus.py writes, and, through the plugin
hooks at the bottom, for every file the loader tests read.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from anora_tui.core.loading import file_reader
from anora_tui.core.loading.file_reader import FileReader, read_file
from anora_tui.core.loading.quick_read import quick_read

ROOT = Path(__file__).parent.parent
LIMIT = 1 << 30


def read_both(path: Path) -> tuple[tuple, tuple]:
    """The file's chunk as read (quickly where it can be) and as read with YAML only, as plain data."""
    return read_file(path, LIMIT)._plain(), read_file(path, LIMIT, quick=False)._plain()


def is_quick(text: str) -> bool:
    return quick_read(text, FileReader())


# --- the repository's datasets, and make_corpus.py's


def repository_yaml_files() -> list[Path]:
    files = [*ROOT.glob("data/*.yaml"), *ROOT.glob("tests/**/*.yaml"), *ROOT.glob("docs/**/*.yaml")]
    return sorted(path for path in files if ".venv" not in path.parts)


@pytest.mark.parametrize("path", repository_yaml_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_dataset_file_of_the_repository_reads_alike(path: Path) -> None:
    quick, with_yaml = read_both(path)
    assert quick == with_yaml


def load_make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_corpus", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_make_corpus_files_are_read_quickly_and_alike(tmp_path: Path) -> None:
    make_corpus = load_make_corpus()
    make_corpus.write_corpus(make_corpus.make_corpus(700), tmp_path)
    files = sorted(tmp_path.glob("*.yaml"))
    assert len(files) >= 4
    for path in files:
        assert is_quick(path.read_text(encoding="utf-8")), path.name
        quick, with_yaml = read_both(path)
        assert quick == with_yaml, path.name


# --- by hand: what the quick read must take, and what it must leave to YAML

COMMON = """\
# A comment, and blank lines, anywhere
people:
  - id: ana
    name: "Ana “Nana” Lí’s 😀 a: b # c"
    kind: cast
    roles: ["actor", "singer"]
    description: "Plays Ani"

  - id: bo
    name: "Bo"
    kind: crew
    roles: [director]
    description: "  spaces kept  "
    aliases: []
      # an indented comment
  - id: cy
    name: "Cy\u00a0Non-breaking"
    kind: other
    roles:
      - "first"
      - "second"
    description: "x"
quotes:
  - id: q1
    speaker: ana
    section: s1
    paragraph: 2
    text: "said"
    form: reported
  - id: q2
    speaker: nobody
    section: s1
    paragraph: 12
    text: "más"
"""


def test_the_common_layout_is_read_quickly_and_alike(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(COMMON, encoding="utf-8")
    assert is_quick(COMMON)
    quick, with_yaml = read_both(path)
    assert quick == with_yaml
    chunk = read_file(path, LIMIT)
    assert [row[0] for row in chunk.rows["people"]] == ["ana", "bo", "cy"]


LEFT_TO_YAML = {
    "tab": 'people:\n  - id: a\n    name: "A\tB"\n',
    "carriage return": 'people:\r\n  - id: a\r\n',
    "line break in a comment": "# a\u2028people: 1\npeople:\n  - id: a\n",
    "NEL in a value": 'people:\n  - id: a\n    name: "A\x85B"\n',
    "escape": 'people:\n  - id: a\n    name: "A\\"B"\n',
    "single quotes": "people:\n  - id: a\n    name: 'A'\n",
    "trailing comment": 'people:\n  - id: a # here\n',
    "plain running on": "people:\n  - id: a\n    name: Ann\n      Smith\n",
    "indentless sequence": "people:\n- id: a\n",
    "anchor": "people:\n  - id: &x a\n",
    "trailing spaces": 'people:\n  - id: a \n',
    "byte-order mark": '\ufeffpeople:\n  - id: a\n',
    "document marker": '---\npeople:\n  - id: a\n',
    "block scalar": "people:\n  - id: a\n    description: >-\n      text\n",
    "no space after the colon": 'people:\n  - id: a\n    name:"x"\n',
}


@pytest.mark.parametrize("text", LEFT_TO_YAML.values(), ids=LEFT_TO_YAML.keys())
def test_what_the_quick_read_leaves_to_yaml(tmp_path: Path, text: str) -> None:
    assert not is_quick(text)
    path = tmp_path / "x.yaml"
    path.write_bytes(text.encode("utf-8"))
    quick, with_yaml = read_both(path)
    assert quick == with_yaml


def test_a_bad_id_in_a_record_read_by_its_layout_is_worded_by_yaml(tmp_path: Path) -> None:
    record = '  - id: {}\n    name: "A"\n    played_by: ana\n    description: "d"\n'
    text = "characters:\n" + "".join(record.format(name) for name in ("cy", "Bad", "dee"))
    assert not is_quick(text)
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    quick, with_yaml = read_both(path)
    assert quick == with_yaml
    assert [message[:10] for _line, _column, message in read_file(path, LIMIT).errors] == ["bad id 'Ba"]


def test_a_problem_in_the_common_layout_is_worded_by_yaml(tmp_path: Path) -> None:
    text = COMMON.replace("kind: crew", "kind: Crew").replace("paragraph: 12", "paragraph: 012")
    assert not is_quick(text)
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    quick, with_yaml = read_both(path)
    assert quick == with_yaml
    messages = [message for _line, _column, message in read_file(path, LIMIT).errors]
    assert any("bad kind 'Crew'" in message for message in messages)


# --- generated files in and around the common layout

NICE = "abcxyz ABC éüñ’“”—😀:#-,[]{}&*!|>'%@`"
NASTY = ['"', "\\", "\t", "\x07", "\x85", "\u2028", "\ufeff", "\xa0", "\r", "\x7f", "\ufffe"]
texts = st.text(alphabet=st.sampled_from([*NICE, *NASTY[:1]]), max_size=14) | st.text(
    alphabet=st.sampled_from([*NICE, *NASTY]), max_size=6
)
words = st.sampled_from(
    ["ana", "bo", "s1", "s-2", "p-1", "yes", "No", "null", "on", "y", "Bad", "1a", "x_y", "a.b", "2024-11-15",
     "1e3", "0x1f", ".5", "-a", "~"]
)
numbers = st.sampled_from(["1", "2", "12", "04", "0", "1.5", "1_0", "+1", "999999999", "1234567890", '"2"', "x"])


GOOD = {
    "id": ["ana", "bo", "s1", "s-2", "p-1"],
    "number": ["1", "2", "12"],
    "kind": ["cast", "crew", "cited", "other"],
    "form": ["direct", "first-person", "reported"],
    "precision": ["day", "month", "year", "approximate"],
    "date": ['"2024-11-15"', '"2024"', '"2024-02"'],
}
nice_texts = st.text(alphabet=st.sampled_from(NICE), min_size=1, max_size=14).filter(lambda text: not text.isspace())


@st.composite
def scalar(draw, kind: str, clean: bool = False) -> str:
    """A value's YAML source: mostly what the field wants, sometimes not (never, if `clean`)."""
    if clean:
        if kind in GOOD:
            return draw(st.sampled_from(GOOD[kind]))
        return draw(st.sampled_from(["ana", "bo"])) if kind == "word" else '"' + draw(nice_texts) + '"'
    if kind == "number":
        return draw(numbers)
    choice = draw(st.integers(0, 9))
    if kind in ("id", "word") and choice < 7:
        return draw(words)
    if choice < 8:
        return '"' + draw(texts) + '"'
    if choice < 9:
        return draw(words)
    return draw(st.sampled_from(["'q'", "[]", '["a"]', "&x a", "*x", "!!str a", ">-", "{a: b}", ""]))


@st.composite
def value_lines(draw, kind: str, column: int, clean: bool, block: bool) -> tuple[str, list[str]]:
    """(what follows the key and its colon, the lines after it)."""
    if kind.startswith("list"):
        item_kind = kind.split(":")[1]
        items = draw(st.lists(scalar(item_kind, clean), min_size=int(clean), max_size=3))
        if block:
            indents = [2] if clean else [2, 2, 2, 0, 4]
            return "", [" " * (column + draw(st.sampled_from(indents))) + "- " + item for item in items]
        separator = ", " if clean else draw(st.sampled_from([", ", ", ", ",", " , "]))
        return " [" + separator.join(items) + "]", []
    space = " " if clean else draw(st.sampled_from([" ", " ", " ", "  ", ""]))
    return space + draw(scalar(kind, clean)), []


RECORDS = {
    "people": [("id", "id"), ("name", "text"), ("kind", "word"), ("roles", "list:text"), ("description", "text"),
               ("aliases", "list:text"), ("known_as", "list:text"), ("outside_article", "text")],
    "characters": [("id", "id"), ("name", "text"), ("played_by", "id"), ("description", "text"),
                   ("aliases", "list:text")],
    "quotes": [("id", "id"), ("speaker", "id"), ("section", "id"), ("paragraph", "number"), ("text", "text"),
               ("form", "word")],
    "notes": [("id", "id"), ("section", "id"), ("paragraph", "number"), ("says", "text"),
              ("correction", "text"), ("refers_to", "list:id")],
    "events": [("id", "id"), ("date", "text"), ("precision", "word"), ("title", "text"), ("summary", "text"),
               ("people", "list:id"), ("sections", "list:id"), ("when", "text")],
}
OPTIONAL = {"aliases", "known_as", "outside_article", "form", "refers_to", "when", "people", "sections", "date",
            "precision"}
GOOD_KIND = {"kind": "kind", "form": "form", "precision": "precision", "date": "date"}
SECTION = [("id", "id"), ("title", "text"), ("paragraphs", "list:text")]


@st.composite
def layout(draw, fields: list[tuple[str, str]], clean: bool) -> tuple[list[tuple[str, str]], bool]:
    """Which fields a record has, in which order, and whether its lists are block lists.

    Mostly every field in order; sometimes one left out (if clean, only one that may be), one
    repeated, or an unknown one."""
    dated = draw(st.integers(0, 5)) > 0
    chosen = [
        field for field in fields
        if field[0] in ("id", "paragraphs")
        or (clean and field[0] not in OPTIONAL)
        or (clean and field[0] in ("date", "precision") and dated)
        or (not (clean and field[0] in ("date", "precision")) and draw(st.integers(0, 5)) > 0)
    ]
    if not clean and draw(st.integers(0, 9)) == 0:
        chosen.append(draw(st.sampled_from([*fields, ("colour", "text")])))
    if draw(st.integers(0, 9)) == 0:
        chosen = draw(st.permutations(chosen))
    return chosen, draw(st.integers(0, 3)) == 0


@st.composite
def record_lines(
    draw, fields: list[tuple[str, str]], indent: int, clean: bool, like=None, always: bool = False
) -> list[str]:
    """A record's lines, laid out `like` a layout drawn before (mostly, or `always`), or as drawn now."""
    alike = like is not None and (always or draw(st.integers(0, 4)) > 0)
    chosen, block = like if alike else draw(layout(fields, clean))
    lines = []
    for number, (key, kind) in enumerate(chosen):
        start = " " * indent + "- " if number == 0 else " " * (indent + 2)
        rest, after = draw(value_lines(GOOD_KIND.get(key, kind), indent + 2, clean, block))
        lines.append(f"{start}{key}:{rest}")
        lines += after
    return lines


# Values a check refuses, by the key they are given to (any other key: the last entry's).
DEFECTS = {
    "id": ["Bad", "1a", "x_y", "yes", "null", '"Bad"', '"a b"', '""'],
    "kind": ["Crew", "yes", '"cast "', "direct"],
    "form": ["Direct", "cast", '""'],
    "precision": ["week", "no"],
    "paragraph": ["0", "04", "1234567890", '"2"', "1.5", "x", "~"],
    "date": ['"2024-13-01"', "2024-11-15", '"24"'],
    "list": ["[]", "[Bad]", '["", "a"]', "[yes]", "[a,b]", "x", '"a"'],
    "": ['""', '"  "', "yes", "no", "~", "null", "12", "2024-11-15", '"\x07"', '"a\\"b"', "'q'", "[a]"],
}
LIST_KEYS = {"roles", "aliases", "known_as", "refers_to", "people", "sections", "paragraphs"}


@st.composite
def dataset_file(draw) -> str:
    """A dataset file: records in the common layout, clean (every value one a check takes), clean but
    for one value or key (anywhere, often in a record after the first of its layout), or not."""
    mode = draw(st.sampled_from(["clean", "one defect", "noisy"]))
    lines = draw(dataset_lines(mode != "noisy"))
    if mode == "one defect":
        keyed = [at for at, line in enumerate(lines) if re.match(r" *(- )?[a-z_]+: ", line)]
        if keyed:
            draw(with_defect(lines, keyed[len(keyed) // 2 :] if draw(st.booleans()) else keyed))
        event("one defect")
    end = "\n" if mode != "noisy" else draw(st.sampled_from(["\n", "\n", "", "\n\n"]))
    return "\n".join(lines) + end


@st.composite
def with_defect(draw, lines: list[str], candidates: list[int]) -> None:
    """Give one of the `candidates` lines (each `key: value`) a value its check refuses, or a key
    the record may not have."""
    at = draw(st.sampled_from(candidates))
    key, _value = lines[at].split(": ", 1)
    name = key.strip(" -")
    if draw(st.integers(0, 4)) == 0:  # the key instead: unknown, or one the record has already
        lines[at] = key.replace(name, draw(st.sampled_from(["colour", "id", "name"]))) + ": x"
    else:
        defects = DEFECTS.get("list" if name in LIST_KEYS else name, DEFECTS[""])
        lines[at] = key + ": " + draw(st.sampled_from(defects))


@st.composite
def a_defect_among_records_alike(draw) -> str:
    """Records laid out alike, the one in the middle with a defect: the records after the first of a
    layout are read by its plan (see quick_read), so this is where a plan must find what YAML does."""
    name = draw(st.sampled_from([*sorted(RECORDS), "article"]))
    fields, indent = (SECTION, 4) if name == "article" else (RECORDS[name], draw(st.sampled_from([2, 4])))
    like = draw(layout(fields, True))
    records = [draw(record_lines(fields, indent, True, like, always=True)) for _ in range(3)]
    keyed = [at for at, line in enumerate(records[1]) if re.match(r" *(- )?[a-z_]+: ", line)]
    if keyed:
        draw(with_defect(records[1], keyed))
    head = ["article:", '  title: "T"', '  publication: "P"', '  date: "2024"', "  sections:"]
    lines = head if name == "article" else [f"{name}:"]
    return "\n".join(lines + [line for record in records for line in record]) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a_defect_among_records_alike())
def test_a_defect_in_a_record_read_by_a_plan_is_found_as_yaml_finds_it(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path = tmp_path_factory.mktemp("quick") / "x.yaml"
    path.write_bytes(text.encode("utf-8"))
    event("read quickly" if is_quick(text) else "left to YAML")
    quick, with_yaml = read_both(path)
    assert quick == with_yaml


@st.composite
def dataset_lines(draw, clean: bool) -> list[str]:
    lines = []
    if draw(st.booleans()):
        lines += ["article:", '  title: "T"', "  publication: " + draw(scalar("text", clean)),
                  "  date: " + draw(st.sampled_from(GOOD["date"] if clean else ['"2024-11-15"', "2024-11-15"])),
                  "  sections:"]
        like = draw(layout(SECTION, clean))
        for _ in range(draw(st.integers(int(clean), 5))):
            lines += draw(record_lines(SECTION, 4, clean, like))
    for name in draw(st.lists(st.sampled_from(sorted(RECORDS)), min_size=1, max_size=2, unique=clean)):
        lines.append(f"{name}:")
        indent = draw(st.sampled_from([2, 4] if clean else [2, 2, 2, 4, 0]))
        like = draw(layout(RECORDS[name], clean))
        for _ in range(draw(st.integers(int(clean), 6))):
            lines += draw(record_lines(RECORDS[name], indent, clean, like))
    # Comments, blank lines, stray spaces and characters, anywhere.
    for _ in range(draw(st.integers(0, 1 if clean else 3))):
        at = draw(st.integers(0, len(lines)))
        extras = ["", "# note", "      # indented note"]
        if not clean:
            extras += ["   ", "  #", "# \x07", "# a\rb: c"]
        lines.insert(at, draw(st.sampled_from(extras)))
    if lines and not clean and draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        cut = draw(st.integers(0, len(line)))
        lines[at] = line[:cut] + draw(st.sampled_from([" ", "  ", "\t", "-", ":", "#", '"', "x"])) + line[cut:]
    return lines


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dataset_file())
def test_generated_files_read_alike(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("quick") / "x.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    event("read quickly" if is_quick(text) else "left to YAML")
    quick, with_yaml = read_both(path)
    assert quick == with_yaml


# --- every file the loader tests read: the same tests, run with each quick read checked against YAML


def test_the_loader_tests_pass_with_every_quick_read_checked() -> None:
    tests = ["test_loader.py", "test_loader_properties.py", "test_loader_parallel.py", "test_broken_files.py",
             "test_yaml_error_positions.py", "test_cache.py"]
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).parent), "ANORA_TUI_TEST_QUICK_READ": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-p", "test_loader_quick_read",
         *(str(Path(__file__).parent / name) for name in tests)],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    checked = re.search(r"checked quick reads: (\d+)", result.stdout)
    # Most of their datasets use more of YAML (block scalars, for one) and are read with YAML alone.
    assert checked is not None and int(checked.group(1)) > 0, result.stdout[-3000:]


_checked = 0


def _checking_quick_read(text: str, reader: FileReader) -> bool:
    """quick_read, and when it reads the file, the same file read with YAML must give the same chunk."""
    global _checked
    quick = _original_quick_read(text, reader)
    if quick:
        with_yaml = FileReader()
        with_yaml.read_top_level(with_yaml.compose(text.encode("utf-8"), text))
        assert reader.chunk._plain() == with_yaml.chunk._plain(), "the quick read differs from YAML's"
        _checked += 1
    return quick


_original_quick_read = quick_read


def pytest_configure(config) -> None:  # a plugin hook: only when loaded with -p (see above)
    if os.environ.get("ANORA_TUI_TEST_QUICK_READ") == "1":
        file_reader.quick_read = _checking_quick_read


def pytest_terminal_summary(terminalreporter) -> None:
    if os.environ.get("ANORA_TUI_TEST_QUICK_READ") == "1":
        terminalreporter.write_line(f"checked quick reads: {_checked}")
