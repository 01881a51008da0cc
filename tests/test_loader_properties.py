"""Property tests over the loader: whatever a data file holds (arbitrary bytes, YAML-shaped documents,
the example with any value swapped for another), loading either gives a valid model or raises
`DataErrors` whose every problem names a file of the dataset (or the directory) at line ≥ 1 and column
≥ 1, on one harmless line. Never any other exception.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from anora_tui.core.loading.loader import DataErrors, load_dataset
from anora_tui.core.model import Dataset
from anora_tui.core.text import clean_text

EXAMPLE = Path(__file__).parent / "data" / "example"
EXAMPLE_FILES = sorted(path.name for path in EXAMPLE.glob("*.yaml"))
# Few examples each: the machine running CI has two cores, and every example loads a whole dataset.
MODEST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

COLLECTIONS = ["article", "people", "characters", "scenes", "events", "quotes", "notes"]
FIELDS = [
    "id", "name", "kind", "roles", "description", "aliases", "played_by", "title", "summary", "position",
    "production", "sections", "paragraphs", "paragraph", "section", "speaker", "text", "form", "says",
    "correction", "refers_to", "date", "precision", "date_note", "people", "characters", "start_minute",
    "length_minutes", "approximate", "publication", "film", "runtime_minutes", "location", "camera",
]
IDS = ["origins", "the-shoot", "mara-quill", "tomas-reyes", "pell", "wren", "fog", "premiere"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),  # NaN and infinities included
    st.dates(min_value=datetime.date(1, 1, 1)),
    st.text(max_size=30),  # control characters included: safe_dump writes them as escapes
    st.sampled_from(IDS + FIELDS + ["no", "~", "1.10", "2024-01-01", "direct", "cast", "month"]),
)
keys = st.one_of(st.sampled_from(FIELDS + COLLECTIONS), st.text(max_size=8), st.integers(), st.none())
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=5),
    ),
    max_leaves=25,
)
documents = st.one_of(st.dictionaries(st.sampled_from(COLLECTIONS), values, max_size=4), values)
yaml_like_text = st.text(alphabet="abcid:-[]{}&*!|>'\"#%@`,?~ \n\t\ufeff\u00e9\x85", max_size=300)


@pytest.fixture(scope="module")
def dataset_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example dataset; each example rewrites files in it (and `restore` puts them back)."""
    directory = tmp_path_factory.mktemp("properties") / "data"
    shutil.copytree(EXAMPLE, directory)
    return directory


def restore(directory: Path) -> None:
    for path in directory.iterdir():
        if path.name not in EXAMPLE_FILES:
            path.unlink()
    for name in EXAMPLE_FILES:
        shutil.copyfile(EXAMPLE / name, directory / name)


def load_or_report(directory: Path) -> None:
    """The property: a valid model, or well-formed problems. Any other exception fails the test."""
    names = {path.name for path in directory.iterdir()}
    try:
        dataset = load_dataset(directory)
    except DataErrors as problems:
        event("problems reported")
        assert problems.errors
        for problem in problems.errors:
            # A position in a file, or none for the directory as a whole ("no file has an 'article'")
            in_a_file = problem.line >= 1 and problem.column >= 1
            assert in_a_file or (problem.line == problem.column == 0 and problem.file == str(directory)), problem
            assert problem.file == str(directory) or (
                Path(problem.file).parent == directory and Path(problem.file).name in names
            ), problem
            line = str(problem)
            assert problem.message and "\n" not in line and clean_text(line) == line, line
    else:
        event("loaded")
        check_model(dataset)


def check_model(dataset: Dataset) -> None:
    """Everything the reader will ask of a dataset works, and every string in it is clean."""
    assert dataset.sections and sum(dataset.counts().values()) > 0
    for section in dataset.sections:
        for number, paragraph in enumerate(section.paragraphs, start=1):
            assert clean_text(paragraph) == paragraph and paragraph.strip()
            dataset.people_named_in(section.id, number)
            for quote in dataset.quotes_in(section.id, number):
                assert quote.text in paragraph
            for note in dataset.notes_in(section.id, number):
                assert note.says in paragraph
    for person in dataset.people:
        assert clean_text(person.name) == person.name
        dataset.mentions_of(person.id), dataset.quotes_by(person.id), dataset.scenes_with(person.id)


@MODEST
@given(contents=st.binary(max_size=2000) | yaml_like_text.map(lambda text: text.encode("utf-8")))
def test_arbitrary_bytes_load_or_report(dataset_dir, contents):
    (dataset_dir / "extra.yaml").write_bytes(contents)
    try:
        load_or_report(dataset_dir)
    finally:
        restore(dataset_dir)


@MODEST
@given(document=documents, replaced=st.sampled_from(["extra.yaml", *EXAMPLE_FILES]))
def test_arbitrary_yaml_documents_load_or_report(dataset_dir, document, replaced):
    (dataset_dir / replaced).write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    try:
        load_or_report(dataset_dir)
    finally:
        restore(dataset_dir)


def paths_in(value: object, prefix: tuple = ()) -> list[tuple]:
    """Every place in a parsed document a value could be swapped: the paths to each node."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths_in(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths_in(child, (*prefix, index))
    return found


@MODEST
@given(data=st.data())
def test_the_example_with_any_value_swapped_loads_or_reports(dataset_dir, data):
    name = data.draw(st.sampled_from(EXAMPLE_FILES))
    document = yaml.safe_load((EXAMPLE / name).read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(paths_in(document)[1:]))
    *parents, last = path
    container = document
    for step in parents:
        container = container[step]
    container[last] = data.draw(st.one_of(st.text(min_size=1, max_size=30), values))  # text fits most fields
    (dataset_dir / name).write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    try:
        load_or_report(dataset_dir)
    finally:
        restore(dataset_dir)


def test_the_unchanged_example_loads(dataset_dir):
    restore(dataset_dir)
    check_model(load_dataset(dataset_dir))
