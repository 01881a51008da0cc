"""The JSON Schema editors use (`anora-tui schema`, docs/schema/dataset.schema.json): generated from
the loader's format table, shipped as generated, satisfied by every shipped dataset, and failed by the
broken files a schema can see (`check` stays the authority for the rest)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from test_broken_files import SURPRISES, person

from anora_tui.core.authoring.draft import make_draft, template_draft
from anora_tui.core.authoring.draft_files import SCHEMA_LINE, draft_files
from anora_tui.core.authoring.examples import commented_examples
from anora_tui.core.authoring.schema import dataset_schema, schema_text
from anora_tui.core.loading.format import ARTICLE, LIST_COLLECTIONS
from anora_tui.core.loading.loader import DataErrors, load_dataset

ROOT = Path(__file__).parent.parent
SHIPPED_SCHEMA = ROOT / "docs" / "schema" / "dataset.schema.json"
DATASETS = [ROOT / "data", *sorted(p for p in (ROOT / "tests" / "data").iterdir() if p.is_dir())]
SCHEMA_COMMENT = "# yaml-language-server: $schema="


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SHIPPED_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def schema_problems(validator, text: str) -> list[str]:
    return [error.message for error in validator.iter_errors(yaml.safe_load(text))]


def test_the_shipped_schema_is_the_one_the_format_table_makes():
    assert SHIPPED_SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "docs/schema/dataset.schema.json is out of date: run `anora-tui schema > docs/schema/dataset.schema.json`"
    )


def test_the_schema_command_prints_it():
    printed = subprocess.run(
        [sys.executable, "-m", "anora_tui", "schema"], capture_output=True, text=True, encoding="utf-8", check=True
    )
    assert printed.stdout == schema_text() and printed.stderr == ""


def test_every_field_of_the_format_table_is_in_the_schema_and_described():
    definitions = dataset_schema()["definitions"]
    record_types = [ARTICLE, *LIST_COLLECTIONS.values()]
    seen = set()
    while record_types:
        record_type = record_types.pop()
        definition = definitions[record_type.noun.strip("'")]
        assert definition["description"] and set(definition["properties"]) == set(record_type.specs)
        assert set(definition["required"]) == {name for _, name in record_type.required}
        for name, field in record_type.specs.items():
            assert definition["properties"][name]["description"], (record_type.noun, name)
            nested = getattr(field.check, "record_type", None) or getattr(getattr(field.check, "item", None), "record_type", None)
            if nested is not None and nested.noun.strip("'") not in seen:
                seen.add(nested.noun.strip("'"))
                record_types.append(nested)
    assert {"film", "section", "position", "production"} <= seen


@pytest.mark.parametrize("directory", DATASETS, ids=lambda p: p.name)
def test_every_shipped_file_starts_with_its_schema_line_and_satisfies_it(validator, directory):
    for path in sorted(directory.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        first = text.split("\n", 1)[0]
        assert first.startswith(SCHEMA_COMMENT), path
        assert (path.parent / first[len(SCHEMA_COMMENT) :]).resolve() == SHIPPED_SCHEMA.resolve(), path
        assert schema_problems(validator, text) == [], path


def test_a_draft_and_the_template_satisfy_the_schema(validator, shipped_dataset):
    text = "\n\n".join([shipped_dataset.article.title, *(p for s in shipped_dataset.sections for p in s.paragraphs)])
    for draft, source in ((make_draft(text), "article.txt"), (template_draft(), None)):
        for name, contents in draft_files(draft, source, commented_examples()).items():
            assert contents.startswith(SCHEMA_LINE + "\n")
            assert schema_problems(validator, contents) == [], name


QUOTE = "quotes:\n  - {id: q, speaker: mara-quill, text: Waiting is the whole plot., section: origins, paragraph: 1}\n"
EVENT = "events:\n  - {id: e, date: '2022-10', precision: month, title: T, summary: S}\n"
# Broken files that both the schema and `check` refuse: (file text, what the checker says).
BROKEN = {
    "unknown key": (QUOTE.replace("paragraph: 1", "paragraph: 1, speakr: x"), "unknown field 'speakr'"),
    "missing field": (QUOTE.replace(", speaker: mara-quill", ""), "missing required field 'speaker'"),
    "bad id": (QUOTE.replace("id: q,", "id: Bad Id,"), "bad id 'Bad Id'"),
    "bad form": (QUOTE.replace("paragraph: 1", "paragraph: 1, form: memo"), "bad form 'memo'"),
    "paragraph 0": (QUOTE.replace("paragraph: 1", "paragraph: 0"), "'paragraph' must be a whole number ≥ 1"),
    "paragraph as text": (QUOTE.replace("paragraph: 1", "paragraph: '1'"), "'paragraph' must be a whole number ≥ 1"),
    "bad date": (EVENT.replace("'2022-10'", "'2022-13'"), "bad date '2022-13'"),
    "date without precision": (EVENT.replace(", precision: month", ""), "has 'date' but not 'precision'"),
    "precision without date": (EVENT.replace("date: '2022-10', ", ""), "has 'precision' but not 'date'"),
    "unknown collection": ("peeple: []\n", "unknown collection 'peeple'"),
    "empty roles": (person(roles="[]"), "'roles' must not be empty"),
    "blank name": (person(name="'  '"), "'name' must not be empty"),
    "not a list": ("people: {}\n", "'people' must be a list"),
    **{f"unquoted {value}": (person(name=value), "must be a string; quote it") for value in SURPRISES},
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_files_fail_the_schema_as_they_fail_check(validator, make_data_dir, name):
    text, says = BROKEN[name]
    assert schema_problems(validator, text), f"the schema accepts: {text}"
    with pytest.raises(DataErrors) as raised:
        load_dataset(make_data_dir({"zz-broken.yaml": text}))
    assert says in str(raised.value)


def test_check_alone_sees_what_a_schema_cannot(validator, make_data_dir):
    # an unknown speaker and a quote that is not verbatim: well-formed, so only check refuses them
    text = QUOTE.replace("mara-quill", "nobody").replace("whole plot", "hole plot").replace("id: q", "id: q2")
    assert schema_problems(validator, text) == []
    with pytest.raises(DataErrors) as raised:
        load_dataset(make_data_dir({"zz-more.yaml": text}))
    assert "unknown person 'nobody'" in str(raised.value) and "does not appear verbatim" in str(raised.value)


def test_the_data_format_doc_names_every_key_of_the_format():
    doc = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    record_types = [ARTICLE, *LIST_COLLECTIONS.values()]
    names = set(LIST_COLLECTIONS)
    while record_types:
        record_type = record_types.pop()
        for name, field in record_type.specs.items():
            names.add(name)
            nested = getattr(field.check, "record_type", None) or getattr(getattr(field.check, "item", None), "record_type", None)
            if nested is not None:
                record_types.append(nested)
    assert [name for name in sorted(names) if f"`{name}`" not in doc] == []
