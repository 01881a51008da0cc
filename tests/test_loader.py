"""The loader: the example dataset's contents, and one test per kind of bad input."""

from __future__ import annotations

import re

from collections import Counter
from pathlib import Path

import pytest
import yaml

from anora_tui.core.loading.loader import (
    DEFAULT_MAX_FILE_BYTES,
    DataError,
    DataErrors,
    load_dataset,
)
from anora_tui.core.loading.file_reader import FileReader
from anora_tui.core.loading.yaml_nodes import ComposingLoader
from anora_tui.core.text import clean_text

EXAMPLE = Path(__file__).parent / "data" / "example"


def problems(directory: Path) -> list[str]:
    """Every problem load_dataset reports for the directory, as `FILE:LINE:COL: message` lines."""
    with pytest.raises(DataErrors) as caught:
        load_dataset(directory)
    return [str(error) for error in caught.value.errors]


def only_problem(directory: Path) -> str:
    found = problems(directory)
    assert len(found) == 1, found
    return found[0]


def where(directory: Path, name: str, text: str, needle: str) -> str:
    """`FILE:LINE:COL` of the first `needle` in a file's text (1-based, as the loader reports)."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{directory / name}:{line}:{column}"


def example_text(name: str) -> str:
    return (EXAMPLE / name).read_text(encoding="utf-8")


def with_change(name: str, old: str, new: str) -> str:
    """An example file's text with one exact passage replaced."""
    text = example_text(name)
    assert text.count(old) == 1, f"{old!r} is not unique in {name}"
    return text.replace(old, new)


@pytest.fixture
def change(make_data_dir):
    """change(file, old, new) -> (directory, text): the example with one passage of one file replaced."""

    def make(name: str, old: str, new: str) -> tuple[Path, str]:
        text = with_change(name, old, new)
        return make_data_dir({name: text}), text

    return make


def assert_only_problem(directory: Path, name: str, text: str, needle: str, message: str) -> None:
    """The directory's one problem is `message`, placed at the first `needle` in file `name`."""
    assert only_problem(directory) == f"{where(directory, name, text, needle)}: {message}"


# --- the example dataset ------------------------------------------------------------------------


def test_example_counts(example_dataset):
    assert example_dataset.counts() == {
        "sections": 3,
        "paragraphs": 8,
        "people": 5,
        "characters": 2,
        "scenes": 3,
        "events": 5,
        "quotes": 7,
        "notes": 2,
    }


def test_example_article(example_dataset):
    article = example_dataset.article
    assert article.date == "2023-01-15"
    assert (article.film_title, article.film_runtime_minutes) == ("Salt Hour", 12)
    assert [s.id for s in article.sections] == ["origins", "the-shoot", "afterwards"]
    assert [s.index for s in article.sections] == [0, 1, 2]
    assert example_dataset.paragraph("the-shoot", 2).startswith("The fog scene")


def test_example_quotes_by_speaker_in_article_order(example_dataset):
    assert [q.id for q in example_dataset.quotes_by("ines-haldane")] == ["kept-talking", "ferry-was-real"]
    assert [q.form for q in example_dataset.quotes_by("mara-quill")] == [
        "direct",  # the default when `form` is left out
        "direct",
        "reported",
        "first-person",
    ]
    assert example_dataset.quotes_by("otto-brandt") == ()


def test_example_mentions_count_names_and_notes(example_dataset):
    quill = example_dataset.mentions_of("mara-quill")
    assert {(m.section, m.paragraph): (m.count, m.via_note) for m in quill} == {
        ("origins", 1): (2, False),  # "Mara Quill", "Quill"
        ("origins", 2): (1, False),
        ("the-shoot", 2): (1, True),  # the note: it was Quill, not Brandt
    }
    reyes = example_dataset.mentions_of("tomas-reyes")
    assert [(m.section, m.paragraph, m.via_note) for m in reyes] == [
        ("the-shoot", 1, False),
        ("afterwards", 1, True),
    ]
    assert example_dataset.mention_count("otto-brandt") == 2
    assert [(m.section, m.paragraph, m.count) for m in example_dataset.mentions_of("skipper")] == [("afterwards", 1, 1)]


def test_known_as_names_find_but_never_count_as_mentions(example_dataset, change):
    reyes = example_dataset.people_by_id["tomas-reyes"]
    assert reyes.known_as == ("Tommy Reyes",) and reyes.aliases == ("Reyes",)
    assert reyes.characters == ("pell",)  # the field after it is untouched
    # A paragraph that says "Tommy Reyes" counts once, for "Reyes" (an alias), never for "Tommy".
    directory, _ = change("article.yaml", "Salt Hour is a twelve-minute short",
                          "Tommy says Salt Hour is a twelve-minute short")
    tommy = load_dataset(directory)
    assert tommy.mentions_of("tomas-reyes") == example_dataset.mentions_of("tomas-reyes")


def test_known_as_must_be_a_list_of_strings(change):
    directory, text = change("people.yaml", "    known_as: [Tommy Reyes]", "    known_as: Tommy Reyes")
    [problem] = problems(directory)
    assert problem.startswith(where(directory, "people.yaml", text, "Tommy Reyes")) and "known_as" in problem


def test_example_scenes_events_and_characters(example_dataset):
    assert [s.id for s in example_dataset.scenes_with("ines-haldane")] == ["fog", "last-line"]
    assert [s.order for s in example_dataset.scenes] == [0, 1, 2]
    assert [e.id for e in example_dataset.events] == [
        "brandt-films", "script-written", "the-shoot", "premiere", "skipper-adopted"
    ]
    assert [e.precision for e in example_dataset.events] == ["approximate", "month", "year", "month", "day"]
    assert [p.kind for p in example_dataset.people] == ["crew", "cast", "cast", "cited", "other"]
    assert example_dataset.people_by_id["tomas-reyes"].characters == ("pell",)
    assert example_dataset.people_by_id["mara-quill"].characters == ()
    ticket, fog, last = example_dataset.scenes
    assert (ticket.position.approximate, fog.position.approximate) == (False, True)
    assert fog.production.days_planned == 1 and fog.production.camera == ("handheld", "one lens")
    assert last.production.location == ""  # `production` left out
    assert example_dataset.notes_in("afterwards", 1)[0].refers_to == ("tomas-reyes",)


def test_the_shipped_dataset_loads_every_record():
    """Every record of every file in data/, as plain YAML reads them, is in the model: none dropped."""
    directory = Path(__file__).parent.parent / "data"
    in_files = Counter()
    for path in directory.glob("*.yaml"):
        for key, value in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            if key == "article":
                in_files["sections"] += len(value["sections"])
                in_files["paragraphs"] += sum(len(section["paragraphs"]) for section in value["sections"])
            else:
                in_files[key] += len(value)
    counts = load_dataset(directory).counts()
    assert counts == dict(in_files)
    assert all(counts.values()), counts  # the article has something of every kind


# --- the error type -----------------------------------------------------------------------------


def test_data_error_reads_file_line_column_message():
    error = DataError("data/quotes.yaml", 3, 5, "unknown field 'speeker'")
    assert str(error) == "data/quotes.yaml:3:5: unknown field 'speeker'"


def test_errors_are_sorted_by_file_and_position():
    errors = DataErrors([DataError("b", 1, 1, "x"), DataError("a", 9, 2, "y"), DataError("a", 2, 7, "z")])
    assert [str(e) for e in errors.errors] == ["a:2:7: z", "a:9:2: y", "b:1:1: x"]


# --- the directory and its files ----------------------------------------------------------------


def test_missing_directory(tmp_path):
    missing = tmp_path / "nowhere"
    assert only_problem(missing) == f"{missing}: data directory does not exist"


def test_directory_without_yaml_files(tmp_path):
    (tmp_path / "notes.txt").write_text("not yaml")
    (tmp_path / ".hidden.yaml").write_text("people: []\n")
    assert only_problem(tmp_path) == f"{tmp_path}: no *.yaml files in the data directory"


@pytest.mark.parametrize("contents", ["", "\n\n", "# only a comment\n"])
def test_empty_file(make_data_dir, contents):
    directory = make_data_dir({"extra.yaml": contents})
    assert only_problem(directory).startswith(f"{directory / 'extra.yaml'}:1:1: empty file")


def test_not_utf8(make_data_dir):
    directory = make_data_dir({"extra.yaml": "people:\n  - id: café\n".encode("latin-1")})
    message = "not UTF-8: byte 0xe9 at byte offset 19"
    assert only_problem(directory) == f"{directory / 'extra.yaml'}:2:12: {message}"


def test_byte_order_mark_and_windows_line_ends_are_fine(make_data_dir):
    people = example_text("people.yaml").replace("\n", "\r\n").encode("utf-8")
    directory = make_data_dir({"people.yaml": b"\xef\xbb\xbf" + people})
    assert load_dataset(directory).people_by_id["otto-brandt"].name == "Otto Brandt"


def test_yaml_syntax_error(make_data_dir):
    directory = make_data_dir({"extra.yaml": "people: [\n  - x\n"})
    message = only_problem(directory)
    assert message.startswith(f"{directory / 'extra.yaml'}:2:3: YAML syntax error: ")
    assert "did not find expected node content" in message


def test_raw_control_character_in_file(make_data_dir):
    directory = make_data_dir({"extra.yaml": "people:\n  - id: ok\x1b[31m\n"})
    message = only_problem(directory)
    assert message.startswith(f"{directory / 'extra.yaml'}:2:11: ")
    assert "U+001B" in message


def test_two_documents_in_one_file(make_data_dir):
    directory = make_data_dir({"extra.yaml": "people: []\n---\nquotes: []\n"})
    message = only_problem(directory)
    assert message.startswith(f"{directory / 'extra.yaml'}:2:1: YAML syntax error: ")
    assert "single document" in message


@pytest.mark.parametrize(
    ("contents", "found"),
    [("- people\n- quotes\n", "a list"), ("just words\n", "a string"), ("42\n", "a number")],
)
def test_top_level_not_a_mapping(make_data_dir, contents, found):
    """Named by its type, never quoted: a file that is not a dataset at all may be a secret."""
    directory = make_data_dir({"extra.yaml": contents})
    assert only_problem(directory) == (
        f"{directory / 'extra.yaml'}:1:1: the top level must be a mapping of collections "
        f"(article, people, characters, scenes, events, quotes, notes), not {found}"
    )


@pytest.mark.parametrize(
    ("contents", "needle", "message"),
    [
        ("people: []\nquote: []\n", "quote:", "unknown collection 'quote' (did you mean 'quotes'?)"),
        ("people:\n  id: someone\n", "id:", "'people' must be a list, not a mapping"),
        ("quotes:\n  - just a line\n", "just", "each quote must be a mapping, not the text 'just a line'"),
    ],
)
def test_bad_collection(make_data_dir, contents, needle, message):
    assert_only_problem(make_data_dir({"extra.yaml": contents}), "extra.yaml", contents, needle, message)


# --- the article ---------------------------------------------------------------------------------


def test_article_missing(make_data_dir):
    directory = make_data_dir({"article.yaml": None})
    found = problems(directory)
    assert f"{directory}: no file has an 'article': the dataset needs exactly one" in found


def test_article_given_twice(make_data_dir):
    second = (
        "article:\n  title: T\n  publication: P\n  date: '2020'\n"
        "  sections: [{id: s, title: S, paragraphs: [p]}]\n"
    )
    directory = make_data_dir({"zz-second.yaml": second})
    message = f"'article' given twice (first in {directory / 'article.yaml'}:4:1)"
    assert only_problem(directory) == f"{directory / 'zz-second.yaml'}:1:1: {message}"


# --- fields --------------------------------------------------------------------------------------


def test_missing_required_field(change):
    directory, text = change("quotes.yaml", "    speaker: tomas-reyes\n", "")
    message = "quote is missing required field 'speaker'"
    assert_only_problem(directory, "quotes.yaml", text, "id: half-the-acting", message)


def test_missing_field_of_a_nested_mapping(change):
    directory, text = change("scenes.yaml", "      description: the final minute\n", "")
    message = "'position' is missing required field 'description'"
    assert_only_problem(directory, "scenes.yaml", text, "start_minute: 11", message)


def test_unknown_field_suggests_the_closest(change):
    directory, text = change("quotes.yaml", "    speaker: tomas-reyes\n", "    speeker: tomas-reyes\n")
    record = where(directory, "quotes.yaml", text, "id: half")
    field = where(directory, "quotes.yaml", text, "speeker")
    assert problems(directory) == [
        f"{record}: quote is missing required field 'speaker'",
        f"{field}: unknown field 'speeker' (did you mean 'speaker'?)",
    ]


def test_unknown_field_without_a_close_match_lists_the_fields(change):
    directory, text = change("characters.yaml", "    name: Wren\n", "    name: Wren\n    zzz: 1\n")
    message = "unknown field 'zzz' (known: id, name, played_by, description, aliases, outside_article)"
    assert_only_problem(directory, "characters.yaml", text, "zzz", message)


def test_duplicate_key(change):
    directory, text = change("characters.yaml", "    name: Wren\n", "    name: Wren\n    name: Robin\n")
    first_line = where(directory, "characters.yaml", text, "name: Wren").split(":")[-2]
    message = f"duplicate key 'name' (first at line {first_line})"
    assert_only_problem(directory, "characters.yaml", text, "name: Robin", message)


@pytest.mark.parametrize(
    ("value", "reading"),
    [
        ("no", "'no' as a boolean"),
        ("2024-01-01", "'2024-01-01' as a date"),
        ("1.10", "'1.10' as a number"),
        ("~", "'~' as null"),
        ("42", "'42' as a number"),
    ],
)
def test_unquoted_value_in_a_text_field(change, value, reading):
    directory, text = change("characters.yaml", "    name: Wren\n", f"    name: {value}\n")
    message = f"'name' must be a string; quote it (YAML reads {reading})"
    assert_only_problem(directory, "characters.yaml", text, value + "\n", message)


def test_quoted_values_are_strings(change):
    directory, _text = change("characters.yaml", "    name: Wren\n", "    name: 'no'\n")
    assert load_dataset(directory).characters_by_id["wren"].name == "no"


def test_empty_value_in_a_text_field(change):
    directory, text = change("characters.yaml", "    name: Wren\n", "    name:\n")
    message = "'name' must be a string; quote it (YAML reads an empty value as null)"
    assert_only_problem(directory, "characters.yaml", text, "\n    played_by: ines", message)


@pytest.mark.parametrize("blank", ['""', "'   '"])
def test_blank_text(change, blank):
    directory, text = change("characters.yaml", "    name: Wren\n", f"    name: {blank}\n")
    assert_only_problem(directory, "characters.yaml", text, blank, "'name' must not be empty")


@pytest.mark.parametrize(
    ("file", "old", "new", "needle", "message"),
    [
        ("quotes.yaml", "speaker: tomas-reyes", "speaker: [tomas-reyes]", "[tomas-reyes]",
         "'speaker' must be a string, not a list"),
        ("quotes.yaml", "paragraph: 3\n    form: first", "paragraph: '3'\n    form: first", "'3'",
         "'paragraph' must be a whole number ≥ 1, not the text '3'"),
        ("quotes.yaml", "paragraph: 3\n    form: first", "paragraph: 0\n    form: first", "0\n",
         "'paragraph' must be a whole number ≥ 1, not the number 0"),
        ("quotes.yaml", "paragraph: 3\n    form: first", f"paragraph: {'9' * 5000}\n    form: first", "999",
         f"'paragraph' must be a whole number ≥ 1, not the number {'9' * 59}…"),
        ("people.yaml", "roles: [filmmaker]", "roles: filmmaker", "filmmaker\n",
         "'roles' must be a list, not the text 'filmmaker'"),
        ("people.yaml", "roles: [filmmaker]", "roles: []", "[]", "'roles' must not be empty"),
        ("people.yaml", "roles: [filmmaker]", "roles: [filmmaker, 7]", "7]",
         "an item of 'roles' must be a string; quote it (YAML reads '7' as a number)"),
        ("scenes.yaml", "start_minute: 11", "start_minute: -1", "-1",
         "'start_minute' must be a number ≥ 0, like 12 or 2.5, not the number -1"),
        ("scenes.yaml", "approximate: false", "approximate: 'no'", "'no'",
         "'approximate' must be true or false, not the text 'no'"),
        ("scenes.yaml", "    production:\n      location: Garrow pier ticket office\n      days_shot: 1\n",
         "    production: [Garrow]\n", "[Garrow]", "'production' must be a mapping, not a list"),
        ("characters.yaml", "    name: Wren\n", "    name: Wren\n    [a, b]: c\n", "[a, b]",
         "a key must be a plain word, not a list"),
    ],
)
def test_wrong_type(change, file, old, new, needle, message):
    directory, text = change(file, old, new)
    assert_only_problem(directory, file, text, needle, message)


@pytest.mark.parametrize(
    ("file", "old", "new", "needle", "message"),
    [
        ("people.yaml", "kind: cited", "kind: citd", "citd",
         "bad kind 'citd' (did you mean 'cited'?); use one of: cast, crew, cited, other"),
        ("quotes.yaml", "form: reported", "form: indirect", "indirect",
         "bad form 'indirect' (did you mean 'direct'?); use one of: direct, first-person, reported"),
        ("events.yaml", "precision: approximate", "precision: roughly", "roughly",
         "bad precision 'roughly'; use one of: day, month, year, approximate"),
        ("events.yaml", 'date: "2021-03"', 'date: "2022-13"', '"2022-13"',
         "bad date '2022-13' in 'date': use YYYY-MM-DD, YYYY-MM or YYYY"),
        ("events.yaml", 'date: "2021-03"', 'date: "Oct 2022"', '"Oct 2022"',
         "bad date 'Oct 2022' in 'date': use YYYY-MM-DD, YYYY-MM or YYYY"),
        ("notes.yaml", "id: not-brandt", "id: Not Brandt", "Not Brandt",
         "bad id 'Not Brandt': use lowercase letters, digits and '-', starting with a letter"),
        ("quotes.yaml", "id: kept-talking", "id: 2-kept", "2-kept",
         "bad id '2-kept': use lowercase letters, digits and '-', starting with a letter"),
    ],
)
def test_bad_value(change, file, old, new, needle, message):
    directory, text = change(file, old, new)
    assert_only_problem(directory, file, text, needle, message)


# --- ids and references ------------------------------------------------------------------------


def test_duplicate_id_in_one_file(change):
    directory, text = change("quotes.yaml", "id: kept-talking", "id: half-the-acting")
    first = where(directory, "quotes.yaml", text, "half-the-acting")
    message = f"duplicate quote id 'half-the-acting' (first at {first})"
    assert_only_problem(directory, "quotes.yaml", text, "half-the-acting\n    speaker: ines", message)


def test_duplicate_id_across_files(make_data_dir):
    extra = "people:\n  - id: mara-quill\n    name: M\n    kind: crew\n    roles: [x]\n    description: d\n"
    directory = make_data_dir({"zz-people.yaml": extra})
    first = where(directory, "people.yaml", example_text("people.yaml"), "mara-quill")
    message = f"duplicate person id 'mara-quill' (first at {first})"
    assert only_problem(directory) == f"{directory / 'zz-people.yaml'}:2:9: {message}"


def test_a_badly_formed_id_is_reported_once_not_at_each_reference(make_data_dir):
    people = with_change("people.yaml", "id: otto-brandt", "id: Otto")
    events = with_change("events.yaml", "people: [mara-quill, otto-brandt]", "people: [mara-quill, Otto]")
    directory = make_data_dir({"people.yaml": people, "events.yaml": events})
    bad_id = where(directory, "people.yaml", people, "Otto")
    assert only_problem(directory).startswith(f"{bad_id}: bad id 'Otto'")


def test_duplicate_section_id(change):
    again = "    - id: origins\n      title: Again\n      paragraphs: [x]\n    - id: afterwards"
    directory, text = change("article.yaml", "    - id: afterwards", again)
    first = where(directory, "article.yaml", text, "origins")
    message = f"duplicate section id 'origins' (first at {first})"
    assert_only_problem(directory, "article.yaml", text, "origins\n      title: Again", message)


def test_the_same_id_in_different_collections_is_fine(change):
    directory, _text = change("scenes.yaml", "id: fog", "id: premiere")
    assert load_dataset(directory).scenes_by_id["premiere"].title == "The fog"


@pytest.mark.parametrize(
    ("file", "old", "new", "needle", "message"),
    [
        ("quotes.yaml", "speaker: tomas-reyes", "speaker: tomas-reys", "tomas-reys",
         "'speaker' refers to unknown person 'tomas-reys' (did you mean 'tomas-reyes'?)"),
        ("characters.yaml", "played_by: ines-haldane", "played_by: nobody", "nobody",
         "'played_by' refers to unknown person 'nobody'"),
        ("scenes.yaml", "people: [ines-haldane]", "people: [ines-haldane, nobody]", "nobody",
         "an item of 'people' refers to unknown person 'nobody'"),
        ("scenes.yaml", "characters: [wren]", "characters: [wrenn]", "wrenn",
         "an item of 'characters' refers to unknown character 'wrenn' (did you mean 'wren'?)"),
        ("scenes.yaml", "sections: [the-shoot, afterwards]", "sections: [the-shoot, after]", "after]",
         "an item of 'sections' refers to unknown section 'after' (did you mean 'afterwards'?)"),
        ("events.yaml", "people: [mara-quill, otto-brandt]", "people: [mara-quill, otto]", "otto]",
         "an item of 'people' refers to unknown person 'otto'"),
        ("events.yaml", "sections: [the-shoot, afterwards]", "sections: [the-shoot, afterward]", "afterward]",
         "an item of 'sections' refers to unknown section 'afterward' (did you mean 'afterwards'?)"),
        ("quotes.yaml", "section: afterwards", "section: coda", "coda",
         "'section' refers to unknown section 'coda'"),
        ("notes.yaml", "section: afterwards", "section: coda", "coda",
         "'section' refers to unknown section 'coda'"),
        ("notes.yaml", "refers_to: [tomas-reyes]", "refers_to: [reyes]", "reyes]",
         "an item of 'refers_to' refers to unknown person 'reyes' (did you mean 'tomas-reyes'?)"),
    ],
)
def test_dangling_reference(change, file, old, new, needle, message):
    directory, text = change(file, old, new)
    assert_only_problem(directory, file, text, needle, message)


def test_a_missing_people_file_is_one_problem_that_says_so_not_one_per_reference(make_data_dir):
    directory = make_data_dir({"people.yaml": None})
    problem = only_problem(directory)
    assert "refers to unknown person" in problem
    assert "the dataset has no people at all (no file has a 'people:' list; is people.yaml missing?)" in problem
    references = len(re.findall(r"speaker: |played_by: |refers_to: ", "".join(
        (directory / name).read_text() for name in ("quotes.yaml", "characters.yaml", "notes.yaml"))))
    assert references > 3 and "; so do " in problem and "more references to people" in problem


def test_one_wrong_id_used_many_times_is_reported_each_time(make_data_dir):
    text = example_text("quotes.yaml").replace("speaker: mara-quill", "speaker: mara")
    assert len(problems(make_data_dir({"quotes.yaml": text}))) == 4


# --- excerpts ------------------------------------------------------------------------------------


def test_paragraph_out_of_range(change):
    directory, text = change("quotes.yaml", "afterwards\n    paragraph: 2", "afterwards\n    paragraph: 5")
    message = "paragraph 5 is out of range: section 'afterwards' has 2"
    assert_only_problem(directory, "quotes.yaml", text, "5\n", message)


def test_quote_not_verbatim_in_its_paragraph(change):
    directory, text = change("quotes.yaml", "The cold did half the acting", "The cold did all the acting")
    message = (
        "'text' does not appear verbatim in section 'the-shoot' paragraph 1 "
        "(the paragraph matches only up to 'The cold did ')"
    )
    assert_only_problem(directory, "quotes.yaml", text, "The cold", message)


def test_a_sentence_the_writer_interrupts_is_one_quote_with_an_elision(change, make_data_dir):
    # the paragraph has "“The cold did half the acting for us,” Reyes said."
    directory, _ = change("quotes.yaml", "The cold did half the acting for us", "The cold did … the acting for us")
    quote = next(q for q in load_dataset(directory).quotes if q.text.startswith("The cold did"))
    assert quote.text == "The cold did … the acting for us"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "The cold did … all the acting for us",
            "'text' (its part 'all the acting for us') does not appear verbatim in section 'the-shoot' paragraph 1",
        ),
        (
            "The cold did … the acting for them",
            "'text' (its part 'the acting for them') does not appear verbatim in section 'the-shoot' paragraph 1 "
            "(the paragraph matches only up to 'the acting for ')",
        ),
        (
            "the acting for us … The cold did",
            "'text': its part 'The cold did' stands before 'the acting for us' in section 'the-shoot' paragraph 1, "
            "not after it",
        ),
        (
            "The cold did … half the acting",
            "'text': nothing is left out between 'The cold did' and 'half the acting' in section 'the-shoot' "
            "paragraph 1 (write them as one part, without ' … ')",
        ),
    ],
    ids=["missing", "matching-in-part", "out-of-order", "nothing-between"],
)
def test_an_elided_quote_says_which_part_is_not_where_it_should_be(change, written, message):
    directory, text = change("quotes.yaml", "The cold did half the acting for us", written)
    assert only_problem(directory).startswith(f"{where(directory, 'quotes.yaml', text, written)}: {message}")


def test_quote_in_another_paragraph_says_which(change):
    directory, text = change("quotes.yaml", "the-shoot\n    paragraph: 3", "the-shoot\n    paragraph: 2")
    message = "'text' does not appear verbatim in section 'the-shoot' paragraph 2 (it is in paragraph 3)"
    assert_only_problem(directory, "quotes.yaml", text, "I just kept", message)


def test_a_quote_typed_with_plain_quotes_or_dashes_says_so(change):
    # the paragraph has "can’t" (typographic); the quote types "can't"
    directory, text = change("quotes.yaml", "when I can’t sleep.", "when I can't sleep.")
    message = (
        "'text' does not appear verbatim in section 'origins' paragraph 3 (the only difference is a "
        "typographic quote or dash: the paragraph has ’ where this has ')"
    )
    assert_only_problem(directory, "quotes.yaml", text, "I grew up", message)


def test_a_short_quote_that_differs_at_once_still_gets_a_hint(change):
    directory, text = change("quotes.yaml", "The cold did half the acting", "Cold did half the acting")
    assert only_problem(directory).endswith(
        "(the paragraph does not even have its first words: check the section and paragraph)"
    )


def test_note_says_not_verbatim(change):
    directory, text = change("notes.yaml", "says: The lead actor, 23,", "says: The lead actor, 32,")
    message = "'says' does not appear verbatim in section 'afterwards' paragraph 1"
    says = where(directory, "notes.yaml", text, "The lead")
    assert only_problem(directory).startswith(f"{says}: {message}")


def test_excerpts_are_checked_even_when_the_record_has_other_problems(change):
    old, new = "paragraph: 3\n    form: first-person", "paragraph: 4\n    form: memo"
    directory, text = change("quotes.yaml", old, new)
    paragraph = where(directory, "quotes.yaml", text, "4")
    form = where(directory, "quotes.yaml", text, "memo")
    assert problems(directory) == [
        f"{paragraph}: paragraph 4 is out of range: section 'origins' has 3",
        f"{form}: bad form 'memo'; use one of: direct, first-person, reported",
    ]


# --- what safe loading refuses -------------------------------------------------------------------


def test_python_object_tag_is_refused(change):
    tagged = "    name: !!python/object/apply:os.system [echo hi]\n"
    directory, text = change("characters.yaml", "    name: Wren\n", tagged)
    message = "tag '!!python/object/apply:os.system' is not allowed (safe loading only)"
    assert_only_problem(directory, "characters.yaml", text, "!!python", message)


def test_local_tag_is_refused(make_data_dir):
    contents = "people: !people []\n"
    message = "tag '!people' is not allowed (safe loading only)"
    assert_only_problem(make_data_dir({"extra.yaml": contents}), "extra.yaml", contents, "!people", message)


def test_aliases_are_refused(make_data_dir):
    text = with_change("characters.yaml", "played_by: tomas-reyes", "played_by: &who tomas-reyes")
    text = text.replace("played_by: ines-haldane", "played_by: *who")
    directory = make_data_dir({"characters.yaml": text})
    message = "anchors and aliases (&name, *name) are not allowed"
    assert_only_problem(directory, "characters.yaml", text, "&who", message)


def test_alias_bomb_is_refused_quickly(make_data_dir):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):  # each level 9 times the last: 9**10 strings if expanded
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    lines.append("people: *j")
    directory = make_data_dir({"bomb.yaml": "\n".join(lines) + "\n"})
    message = only_problem(directory)  # refused at the first anchor, before anything is expanded
    assert message == f"{directory / 'bomb.yaml'}:1:4: anchors and aliases (&name, *name) are not allowed"


def test_asterisks_and_ampersands_in_text_are_fine(change):
    description = "A passenger & *the* heroine, an R&B fan."
    directory, _text = change("characters.yaml", "A passenger who refuses to leave the pier.", description)
    assert load_dataset(directory).characters_by_id["wren"].description == description


def test_deep_nesting_is_an_error_not_a_crash(make_data_dir):
    directory = make_data_dir({"deep.yaml": "people: " + "[" * 5000 + "]" * 5000 + "\n"})
    message = only_problem(directory)
    assert message.startswith(f"{directory / 'deep.yaml'}:1:")
    assert "nesting" in message or "nested" in message


def test_recursion_in_the_yaml_library_is_reported(make_data_dir, monkeypatch):
    def recurse_too_deep(*args, **kwargs):
        raise RecursionError

    monkeypatch.setattr(yaml, "compose", recurse_too_deep)
    directory = make_data_dir({"article.yaml": "article: {}\n"}, from_example=False)
    assert only_problem(directory) == f"{directory / 'article.yaml'}:1:1: YAML nested too deeply"


def test_the_faster_composer_resolves_tags_like_pyyaml():
    """The composer leaves implicit tags to be worked out when asked: asked, they are PyYAML's."""
    document = (
        "a: [yes, No, ~, null, '', 1.5, 1e3, 0x1F, 1_000, 1:30, 2024-01-01, .inf, plain words, 'single',\n"
        "    \"double\", ! 42, !!str 7, !!int '8', =, '<<', -1, +2, 0o17, .5, 2024-1-1, ON, y, Yes, off,\n"
        "    tRue, '~', \"12\", ! yes, ! '', ! [1], ! {x: 1}, !!map {}, !!seq [], !!set {k}, !thing 3,\n"
        "    é, 0, 0.0, -.inf, .NaN, 2001-12-14t21:59:43.10-05:00, <<, '']\n"
        "b: {<<: {c: 1}, ? [k]: v, ~: 1, 1: 2, !!str 3: 4, ! yes: no}\n"
        "c: |\n  block\n"
        "d: >\n  folded\n"
        "e: ! |\n  1\n"
        "? - x\n"
        ":\n"
    )

    def tags(node, tag_of):
        if isinstance(node, yaml.ScalarNode):
            return [tag_of(node)]
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for kv in node.value for n in kv]
        return [tag_of(node), *(tag for child in children for tag in tags(child, tag_of))]

    faster = tags(yaml.compose(document, Loader=ComposingLoader), FileReader().tag_of)
    safe = tags(yaml.compose(document, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), lambda node: node.tag)
    assert faster == safe
    assert len(set(safe)) > 10  # the document has every kind of tag


# --- size limit ----------------------------------------------------------------------------------


def test_default_size_limit_is_64_mib():
    assert DEFAULT_MAX_FILE_BYTES == 64 * 1024 * 1024


def test_oversized_file(make_data_dir, monkeypatch):
    directory = make_data_dir()
    monkeypatch.setenv("ANORA_TUI_MAX_FILE_BYTES", "1200")
    size = (directory / "scenes.yaml").stat().st_size
    found = problems(directory)
    assert (
        f"{directory / 'scenes.yaml'}:1:1: file is {size} bytes, over the 1200-byte limit "
        "(raise it with the environment variable ANORA_TUI_MAX_FILE_BYTES)"
    ) in found
    assert all("over the 1200-byte limit" in problem for problem in found)
    monkeypatch.setenv("ANORA_TUI_MAX_FILE_BYTES", str(10**6))
    assert load_dataset(directory).counts()["scenes"] == 3


def test_bad_size_limit_setting(example_data_dir, monkeypatch):
    monkeypatch.setenv("ANORA_TUI_MAX_FILE_BYTES", "64MB")
    message = "ANORA_TUI_MAX_FILE_BYTES='64MB' is not a whole number of bytes"
    assert only_problem(example_data_dir) == f"{example_data_dir}:1:1: {message}"


# --- all at once ---------------------------------------------------------------------------------


def test_every_problem_is_reported_sorted_by_file_and_line(make_data_dir):
    quotes = with_change("quotes.yaml", "speaker: tomas-reyes", "speeker: tomas-reyes")
    quotes = quotes.replace("form: reported", "form: indirect")
    people = with_change("people.yaml", "kind: cast\n    roles: [actor (Wren)]", "kind: st\n    roles: [x]")
    directory = make_data_dir({"quotes.yaml": quotes, "people.yaml": people, "extra.yaml": "scenes: {}\n"})
    found = problems(directory)
    expected = [
        ("extra.yaml", "'scenes' must be a list"),
        ("people.yaml", "bad kind 'st'"),
        ("quotes.yaml", "bad form 'indirect'"),
        ("quotes.yaml", "quote is missing required field 'speaker'"),
        ("quotes.yaml", "unknown field 'speeker'"),
    ]
    assert len(found) == len(expected), found
    for problem, (file, message) in zip(found, expected):
        assert problem.startswith(f"{directory / file}:") and message in problem, problem
    lines = [int(problem.split(":")[-3]) for problem in found[2:]]
    assert lines == sorted(lines)


def test_an_unreadable_file_does_not_cascade_into_reference_errors(make_data_dir):
    directory = make_data_dir({"people.yaml": "people: [\n"})
    assert "YAML syntax error" in only_problem(directory)


# --- sanitizing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("red \x1b[31malert\x1b[0m", "red \ufffd[31malert\ufffd[0m"),
        ("copy \x1b]52;c;ZXZpbA==\x07 me", "copy \ufffd]52;c;ZXZpbA==\ufffd me"),
        ("csi \x9b31m", "csi \ufffd31m"),
        ("nul\x00 del\x7f cr\r", "nul\ufffd del\ufffd cr\ufffd"),
        ("abc\u202edef \u2066x\u2069 \u200e\u200f\u061c", "abcdef x "),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_clean_text_returns_clean_text_unchanged():
    text = "Tomás said “no” — twice,\u00a0quietly.\n"
    assert clean_text(text) is text


def test_error_messages_show_data_text_safely(make_data_dir):
    directory = make_data_dir({"extra.yaml": 'people: []\n"bad\\e]52;c;x\\a": 1\n'})
    message = only_problem(directory)
    assert "\x1b" not in message and "\x07" not in message
    assert "U+001B ESCAPE (written as the escape \\e) at character 4 in the key 'bad\ufffd]52;c;x\ufffd'" in message


def test_excerpt_hints_name_every_typographic_difference_and_where_the_text_is():
    from anora_tui.core.loading.problems import excerpt_hint

    paragraphs = ("First — a dash and “quotes”.", "It’s here – too.")
    assert excerpt_hint('First - a dash and "quotes"', paragraphs, 1) == (
        " (the only difference is a typographic quote or dash: the paragraph has — where this has -, "
        '“ where this has ", ” where this has ")'
    )
    assert excerpt_hint("It's here - too", paragraphs, 1) == (
        " (it is in paragraph 2; the only difference is a typographic quote or dash: the paragraph has "
        "’ where this has ', – where this has -)"
    )
