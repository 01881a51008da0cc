"""The draft from plain text (core/authoring): YAML strings that read back as written, candidate names,
paragraphs and sections, quotes and their guessed speakers, and refusing bad input."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from anora_tui.core.authoring.draft import DraftError, make_draft, quote_spans, split_text
from anora_tui.core.authoring.files import check_target, read_article_text, write_files
from anora_tui.core.authoring.names import find_candidates, slug, unique
from anora_tui.core.authoring.yaml_text import WIDTH, comment_block, list_item, quoted, text_line

# --- YAML text --------------------------------------------------------------------------------


@given(st.text(), st.integers(min_value=0, max_value=12))
def test_every_string_reads_back_exactly_as_written(text, indent):
    assert yaml.safe_load(text_line(0, "key", text)) == {"key": text}
    nested = "outer:\n" + text_line(indent + 1, "key", text)
    assert yaml.safe_load(nested) == {"outer": {"key": text}}
    items = "items:\n" + list_item(2, text)
    assert yaml.safe_load(items) == {"items": [text]}


@given(st.lists(st.sampled_from(["word", "a", "longer-word", "“quoted”", "x\\y", 'say "so"', "é", "  "]), max_size=80))
def test_long_strings_are_wrapped_at_single_spaces_and_still_read_back(words):
    text = " ".join(words)
    written = "outer:\n" + text_line(2, "text", text)
    assert yaml.safe_load(written) == {"outer": {"text": text}}
    for line in written.splitlines():
        assert len(line) <= WIDTH + max((len(w) for w in words), default=0) + 4


def test_awkward_characters_are_escaped():
    for text in ("no", "2024-01-01", "1.10", "~", "42", "- item", "# hash", "a: b", "tab\there", "line\u2028break",
                 "\ufeffmark", "nel\x85", "\x1b[31m", "back\\slash", 'quote"mark'):
        assert yaml.safe_load("v: " + quoted(text)) == {"v": text}, text


def test_comment_blocks_wrap_and_never_break_the_line_early():
    block = comment_block("word " * 60 + "line\u2028break\nnew", indent=2)
    assert all(line.startswith("  # ") and len(line) <= WIDTH for line in block.splitlines())
    assert yaml.safe_load(block + "\nkey: 1\n") == {"key": 1}


# --- names ------------------------------------------------------------------------------------


def test_names_that_recur_are_candidates_with_the_surname_as_alias_where_it_recurs_alone():
    paragraphs = [
        "Mara Quill wrote it. Quill said so. The Garrow Pier was cold.",
        "Later Quill left. Tomás Reyes stayed; Tomás Reyes’s coat was wet. Otto Brandt came once.",
        "When Mara Quill returned, she slept. Allowing Quill a rest was hard. The Garrow Pier again.",
    ]
    found = {c.name: c for c in find_candidates(paragraphs)}
    assert set(found) == {"Mara Quill", "Tomás Reyes", "Garrow Pier"}
    assert found["Mara Quill"].alias == "Quill" and found["Mara Quill"].count == 2
    assert found["Tomás Reyes"].alias is None  # "Reyes" never on its own
    assert "Otto Brandt" not in found  # once, and "Brandt" never alone


def test_slugs_and_unique_ids():
    assert slug("Timothée Chalamet", "person") == "timothee-chalamet"
    assert slug("2046", "section") == "section-2046"
    assert slug("“”", "quote") == "quote"
    taken: set[str] = set()
    assert [unique("a", taken) for _ in range(3)] == ["a", "a-2", "a-3"]


# --- paragraphs, sections, quotes ---------------------------------------------------------------


def test_title_is_the_first_line_and_paragraphs_are_split_on_blank_lines_and_unwrapped():
    title, paragraphs = split_text("\ufeffThe Title\n\nOne line\nwrapped here.  \n \t\nTwo.\r\n\r\n\n\nThree.\n")
    assert title == "The Title"
    assert paragraphs == ["One line wrapped here.", "Two.", "Three."]
    title, paragraphs = split_text("Title\nFirst paragraph right under it.\n\nSecond.")
    assert paragraphs == ["First paragraph right under it.", "Second."]


@pytest.mark.parametrize("text", ["", "\n \n\t\n", "Only a title\n\n\n"])
def test_a_text_without_paragraphs_is_refused(text):
    with pytest.raises(DraftError):
        split_text(text)


def test_without_headings_paragraphs_are_grouped_into_sections_of_a_few():
    text = "Title\n\n" + "\n\n".join(f"Paragraph {n} says something." for n in range(1, 15))
    draft = make_draft(text)
    assert [len(s.paragraphs) for s in draft.sections] == [5, 5, 4]
    assert all(s.title.startswith("TODO") and s.title_guessed for s in draft.sections)
    assert [p for s in draft.sections for p in s.paragraphs] == split_text(text)[1]


def test_lines_that_look_like_headings_start_sections():
    text = (
        "Title\n\nAn opening paragraph.\n\nThe First Part\n\nIt begins here.\n\nAnd goes on.\n\n"
        "## Second part ##\n\nMore text.\n\nWhy a question?\n\nTwo Headings\n\nIn A Row\n\nText."
    )
    draft = make_draft(text)
    assert [(s.id, s.title, len(s.paragraphs)) for s in draft.sections] == [
        ("opening", "TODO: a title for the paragraphs before the first heading", 1),
        ("the-first-part", "The First Part", 2),
        ("second-part", "Second part", 3),  # a question is a paragraph
        ("in-a-row", "In A Row", 1),
    ]
    # "Two Headings" is followed by another heading: it stays a paragraph
    assert draft.sections[2].paragraphs[-1] == "Two Headings"


@pytest.mark.parametrize(("text", "editors"), [
    ("Title\n\nAn opening paragraph.\n\n## The shoot\n\nText.\n\n## Release\n\nMore.", False),
    ("Title\n\nOne paragraph.\n\nAnother one.", True),
])
def test_the_titles_are_the_editors_only_where_the_text_has_no_headings(text, editors):
    """The text's own headings are shown as they are: `headings: editor` (titles in [brackets]) only
    where every title is made up, not because a lede before the first heading needs one."""
    from anora_tui.core.authoring.draft_files import draft_files

    examples = {name: "" for name in ("people", "quotes", "characters", "scenes", "events", "notes")}
    article = yaml.safe_load(draft_files(make_draft(text), "film.txt", examples)["article.yaml"])["article"]
    assert (article.get("headings") == "editor") is editors


def test_quote_spans_cover_typographic_straight_and_unclosed_quotes():
    paragraph = 'He said “It works,” and then "so it does" and “this runs on'
    texts = [paragraph[a:b] for a, b in quote_spans(paragraph)]
    assert texts == ["It works", "so it does", "this runs on"]
    assert quote_spans("no quotes, it’s Sean’s apostrophes only") == []
    paragraph = "a quote from before,” she says. Then ‘you’ve got to see this!’ and “outer ‘inner’ words”."
    texts = [paragraph[a:b] for a, b in quote_spans(paragraph)]
    assert texts == ["a quote from before", "you’ve got to see this!", "outer ‘inner’ words"]


def test_speakers_are_guessed_from_says_nearby_else_the_nearest_name():
    text = (
        "Title\n\n"
        "Mara Quill wrote it, with Otto Brandt. “Nothing arrives,” Quill said. “Waiting is the plot,” says Brandt.\n\n"
        "Otto Brandt says: “The fog lifted.” Mara Quill agreed.\n\n"
        "According to Quill, “it was real.”\n\n"
        "“Nobody near,” somebody said.\n\n"
        "Mara Quill and Brandt again."
    )
    draft = make_draft(text)
    got = [(q.text, q.speaker, q.how) for q in draft.quotes]
    assert got[0] == ("Nothing arrives", "mara-quill", "from “Quill said” after it")
    assert got[1][:2] == ("Waiting is the plot", "otto-brandt") and "says Brandt" in got[1][2]
    assert got[2][:2] == ("The fog lifted.", "otto-brandt") and "before it" in got[2][2]
    assert got[3][:2] == ("it was real.", "mara-quill") and "According to Quill" in got[3][2]
    assert got[4][:2] == ("Nobody near", "mara-quill") and "last name before it" in got[4][2]


def test_a_name_used_once_in_full_and_once_by_its_surname_is_a_speaker():
    text = (
        "Title\n\n"
        "Adrien Brody plays the architect; Brady Corbet directs. Corbet says he wanted a monument.\n\n"
        "“I recognised my grandfather in him,” Brody says. Lol Crawley shot it.\n\n"
        "Crawley explains, “VistaVision gave us the scale.”"
    )
    draft = make_draft(text)
    people = {person.name: person for person in draft.people}
    assert people["Adrien Brody"].aliases == ["Brody"] and people["Lol Crawley"].aliases == ["Crawley"]
    assert [(q.text, q.speaker) for q in draft.quotes] == [
        ("I recognised my grandfather in him", "adrien-brody"),
        ("VistaVision gave us the scale.", "lol-crawley"),
    ]


def test_a_sentence_the_writers_tag_interrupts_is_one_quote_with_an_ellipsis_for_the_tag():
    text = (
        "Title\n\n"
        "Mona Fastvold wrote it. “It was a gamble,” Fastvold says, “but gambles are the job.” "
        "“We knew,” she admits. “Nobody else did.”"
    )
    draft = make_draft(text)
    assert [(q.text, q.speaker) for q in draft.quotes] == [
        ("It was a gamble … but gambles are the job.", "mona-fastvold"),
        ("We knew", "mona-fastvold"),  # a tag between two sentences: two quotes
        ("Nobody else did.", "mona-fastvold"),
    ]
    from anora_tui.core.excerpts import excerpt_spans

    paragraph = draft.sections[0].paragraphs[0]
    assert excerpt_spans(paragraph, draft.quotes[0].text)  # the reader places both parts


def test_a_place_or_a_title_is_never_guessed_as_a_speaker():
    """A name used as places and titles are ("in Mill Basin", ‘Red Rocket’) is drafted as a candidate
    to delete, and never guessed as the speaker of a quote near it (on the Anora article a tenth of
    the quotes went to "Red Rocket", "Mill Basin" or "Brighton Beach")."""
    text = (
        "Title\n\n"
        "Sean Baker made ‘Red Rocket’ first. “It was a test,” Baker says.\n\n"
        "After ‘Red Rocket’, they found a house in Mill Basin. “It was the right house.”\n\n"
        "The Mill Basin house again."
    )
    draft = make_draft(text)
    things = {p.name: p.thing for p in draft.people}
    assert things == {"Sean Baker": False, "Red Rocket": True, "Mill Basin": True}
    assert [q.speaker for q in draft.quotes] == ["sean-baker", "sean-baker"]
    assert "last name before it" in draft.quotes[1].how


def test_a_quote_with_no_name_anywhere_gets_a_placeholder_speaker():
    draft = make_draft("Title\n\n“Nobody here,” it said.")
    assert [q.speaker for q in draft.quotes] == ["unknown-speaker"]
    assert draft.people[-1].placeholder and draft.people[-1].id == "unknown-speaker"


# --- reading and writing files ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("contents", "says"),
    [
        (None, "cannot read it"),
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
        ("Title\n\nText".encode("utf-16"), "UTF-16 or UTF-32 text (it starts with that byte-order mark)"),
        ("Title\n\nText".encode("utf-16-le"), "not a text file (it has NUL bytes"),
        (b"\xff\xfe bad", "UTF-16 or UTF-32 text"),  # a byte-order mark, no NUL byte: not called binary
        (b"Title\n\nCaf\xe9", "article.txt:3:4: not UTF-8: byte 0xe9"),  # FILE:LINE:COL, as data files
    ],
)
def test_bad_article_files_are_refused_with_one_line(tmp_path, contents, says):
    path = tmp_path / "article.txt"
    if contents is not None:
        path.write_bytes(contents)
    with pytest.raises(DraftError) as raised:
        read_article_text(path)
    assert says in str(raised.value) and "\n" not in str(raised.value)


def test_a_directory_as_the_article_is_refused(tmp_path):
    with pytest.raises(DraftError, match="directory"):
        read_article_text(tmp_path)


def test_writing_refuses_a_non_empty_directory_unless_forced_and_never_half_writes(tmp_path):
    target = tmp_path / "draft"
    write_files(target, {"a.yaml": "a: 1\n", "b.yaml": "b: 2\n"})
    assert sorted(p.name for p in target.iterdir()) == ["a.yaml", "b.yaml"]
    with pytest.raises(DraftError, match="not empty.*--force"):
        write_files(target, {"a.yaml": "changed\n"})
    assert (target / "a.yaml").read_text() == "a: 1\n"
    write_files(target, {"a.yaml": "changed\n"}, force=True)
    assert (target / "a.yaml").read_text() == "changed\n" and (target / "b.yaml").exists()
    assert sorted(p.name for p in target.iterdir()) == ["a.yaml", "b.yaml"]  # no temp files left
    (tmp_path / "file").write_text("x")
    with pytest.raises(DraftError, match="not a directory"):
        check_target(tmp_path / "file", force=True)
    empty = tmp_path / "empty"
    empty.mkdir()
    write_files(empty, {"a.yaml": "a: 1\n"})
    assert (empty / "a.yaml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft", "empty", "file"]  # no temp directory


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    target = tmp_path / "draft"
    with pytest.raises(DraftError, match="cannot write"):
        write_files(target, {"a.yaml": "a\n", "sub/b.yaml": "b\n"})  # no such subdirectory
    assert list(tmp_path.iterdir()) == []
