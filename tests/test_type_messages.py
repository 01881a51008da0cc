"""A value of the wrong type is named by what YAML read it as: `not the text '3'` for a quoted "3"
where a number belongs (not `not '3'`, which reads as if 3 were wrong), the number, the boolean, null,
the date, a list or a mapping, for every typed field."""

from __future__ import annotations

import pytest
from test_loader import assert_only_problem, with_change

PARAGRAPH = "paragraph: 3\n    form: first"
START = "      start_minute: 0\n"
APPROXIMATE = "      approximate: false\n"


@pytest.mark.parametrize(
    ("file", "old", "new", "needle", "message"),
    [
        # a whole number
        ("quotes.yaml", PARAGRAPH, 'paragraph: "3"\n    form: first', '"3"',
         "'paragraph' must be a whole number ≥ 1, not the text '3'"),
        ("quotes.yaml", PARAGRAPH, "paragraph: 2.5\n    form: first", "2.5",
         "'paragraph' must be a whole number ≥ 1, not the number 2.5"),
        ("quotes.yaml", PARAGRAPH, "paragraph: yes\n    form: first", "yes\n",
         "'paragraph' must be a whole number ≥ 1, not the boolean yes"),
        ("quotes.yaml", PARAGRAPH, "paragraph: ~\n    form: first", "~",
         "'paragraph' must be a whole number ≥ 1, not null (~)"),
        ("quotes.yaml", PARAGRAPH, "paragraph:\n    form: first", "\n    form: first",
         "'paragraph' must be a whole number ≥ 1, not an empty value"),
        ("quotes.yaml", PARAGRAPH, "paragraph: ''\n    form: first", "''",
         "'paragraph' must be a whole number ≥ 1, not the empty text ''"),
        ("quotes.yaml", PARAGRAPH, "paragraph: 2024-01-01\n    form: first", "2024-01-01",
         "'paragraph' must be a whole number ≥ 1, not the date 2024-01-01"),
        ("quotes.yaml", PARAGRAPH, "paragraph: [3]\n    form: first", "[3]",
         "'paragraph' must be a whole number ≥ 1, not a list"),
        ("article.yaml", "runtime_minutes: 12", "runtime_minutes: '12'", "'12'",
         "'runtime_minutes' must be a whole number ≥ 1, not the text '12'"),
        # a number
        ("scenes.yaml", START, '      start_minute: "0"\n', '"0"',
         "'start_minute' must be a number ≥ 0, like 12 or 2.5, not the text '0'"),
        ("scenes.yaml", START, "      start_minute: {at: 0}\n", "{at",
         "'start_minute' must be a number ≥ 0, like 12 or 2.5, not a mapping"),
        # a boolean
        ("scenes.yaml", APPROXIMATE, '      approximate: "false"\n', '"false"',
         "'approximate' must be true or false, not the text 'false'"),
        ("scenes.yaml", APPROXIMATE, "      approximate: 0\n", "0\n    production",
         "'approximate' must be true or false, not the number 0"),
        # a list
        ("people.yaml", "roles: [filmmaker]", "roles: 7", "7\n", "'roles' must be a list, not the number 7"),
        ("people.yaml", "roles: [filmmaker]", "roles: {a: b}", "{a", "'roles' must be a list, not a mapping"),
        # a mapping
        ("scenes.yaml", "      location: Garrow pier ticket office\n      days_shot: 1\n",
         "      location: Garrow pier ticket office\n      days_shot: 1\n    extra_production: 1\n",
         "extra_production", "unknown field 'extra_production' (did you mean 'production'?)"),
        ("scenes.yaml", "    position:\n      description: the final minute\n      start_minute: 11\n",
         "    position: the final minute\n", "the final minute\n",
         "'position' must be a mapping, not the text 'the final minute'"),
        ("quotes.yaml", "  - id: counting-ferries\n", "  - 12\n  - id: counting-ferries\n", "12",
         "each quote must be a mapping, not the number 12"),
    ],
)
def test_a_wrong_type_is_named_by_what_was_found(make_data_dir, file, old, new, needle, message):
    text = with_change(file, old, new)
    assert_only_problem(make_data_dir({file: text}), file, text, needle, message)


@pytest.mark.parametrize(
    ("value", "found"), [('"none"', "the text 'none'"), ("12", "the number 12"), ("{a: b}", "a mapping")]
)
def test_a_collection_that_is_not_a_list_is_named_by_what_was_found(make_data_dir, value, found):
    text = f"quotes: {value}\n"
    assert_only_problem(make_data_dir({"extra.yaml": text}), "extra.yaml", text, value,
                        f"'quotes' must be a list, not {found}")
