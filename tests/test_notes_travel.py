"""A slip inside a quote leaves the reader with its correction: the clipboard, Markdown, JSON, CSL-JSON
and `anora-tui quotes` carry every editorial note on the cited words, and only those."""

from __future__ import annotations

import json

import pytest

from anora_tui.cli.main import main

from anora_tui.core.quoting import (
    cite_paragraph,
    cite_quote,
    csl_item,
    json_fields,
    markdown_citation,
    notes_on_words,
    plain_citation,
)


def _overlaps(dataset, quote, note) -> bool:
    text = dataset.paragraph(quote.section, quote.paragraph)
    start, at = text.find(quote.text), text.find(note.says)
    return at < start + len(quote.text) and start < at + len(note.says)


def test_every_quote_carries_exactly_the_notes_on_its_words(shipped_dataset):
    carried = 0
    for quote in shipped_dataset.quotes:
        expected = {note.id for note in shipped_dataset.notes_in(quote.section, quote.paragraph)
                    if _overlaps(shipped_dataset, quote, note)}
        citation = cite_quote(shipped_dataset, quote)
        assert {note.id for note in citation.notes} == expected, quote.id
        carried += bool(expected)
    assert carried >= 6  # the source's slips inside quotes (Quan's "initial film", Karagulian's "actor", …)


@pytest.mark.parametrize(
    ("quote_id", "note_id"),
    [("quan-wealth-is-expensive", "baker-first-film-about-wealth"),
     ("karagulian-brad-pitt-type", "baker-not-an-actor"),
     ("madison-never-silent", "he-is-baker")],
)
def test_each_format_names_the_correction(shipped_dataset, quote_id, note_id):
    note = next(note for note in shipped_dataset.notes if note.id == note_id)
    citation = cite_quote(shipped_dataset, shipped_dataset.quotes_by_id[quote_id])
    first_words = " ".join(note.correction.split()[:4])
    plain = plain_citation(citation).splitlines()
    assert plain[1].startswith("— ") and plain[2].startswith(f"Editor's note: the source says «{note.says}». ")
    assert first_words in plain[2]
    markdown = markdown_citation(citation).splitlines()
    assert markdown[-1].startswith("> Editor's note: the source says «") and first_words in markdown[-1]
    assert json_fields(citation)["editor_notes"] == [
        {"id": note.id, "says": note.says, "correction": note.correction}
    ]
    assert f"Editor's note: the source says «{note.says}»" in csl_item(citation)["note"]


def test_a_quote_without_a_slip_has_no_note_anywhere(shipped_dataset):
    quote = next(q for q in shipped_dataset.quotes if not shipped_dataset.notes_in(q.section, q.paragraph))
    citation = cite_quote(shipped_dataset, quote)
    assert citation.notes == ()
    assert "Editor's note" not in plain_citation(citation) + markdown_citation(citation)
    assert json_fields(citation)["editor_notes"] == []


def test_a_copied_paragraph_carries_all_its_notes_in_text_order(shipped_dataset):
    section, paragraph = next(
        (s.id, n) for s in shipped_dataset.sections for n in range(1, len(s.paragraphs) + 1)
        if len(shipped_dataset.notes_in(s.id, n)) >= 2
    )
    citation = cite_paragraph(shipped_dataset, section, paragraph)
    text = shipped_dataset.paragraph(section, paragraph)
    assert set(citation.notes) == set(shipped_dataset.notes_in(section, paragraph))
    places = [text.find(note.says) for note in citation.notes]
    assert places == sorted(places)
    assert notes_on_words(shipped_dataset, section, paragraph, text) == citation.notes


def test_the_quotes_command_prints_the_note(capsys):
    assert main(["quotes", "--speaker", "karagulian"]) == 0
    line = capsys.readouterr().out.strip()
    assert ("· Editor's note: the source says «Sean, being the diligent actor he is». Sean Baker is the"
            " film's writer and director, not an actor: it was he who turned the producers down.") in line
    assert line.endswith("in as many words.")  # the note's last words: the line holds all of it
    assert main(["quotes", '"fall silent"', "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [note["id"] for note in records[0]["editor_notes"]] == ["he-is-baker"]


@pytest.mark.usefixtures("quick_pilot")
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_search_preview_shows_the_note_on_a_quote(shipped_dataset, size):
    from screen_reading import words
    from ui_harness import open_reader, settle, wait_for

    from anora_tui.ui.screens.search import SearchScreen
    from anora_tui.ui.widgets.text_pane import TextPane

    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        await pilot.press("ctrl+u", *'"initial film"')
        await settle(pilot)
        shown = words(str(app.screen.query_one("#search-preview", TextPane).content))
        assert "Sean’s initial film explores wealthy individuals" in shown
        assert ("Editor's note: the source says «Sean’s initial film explores wealthy individuals». "
                "Anora is not Baker's first film") in shown


@pytest.mark.usefixtures("quick_pilot")
@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_a_persons_quote_shows_the_note_on_its_words(shipped_dataset, size):
    from screen_reading import words
    from ui_harness import open_reader

    from anora_tui.core.navigation import Location

    quote = shipped_dataset.quotes_by_id["karagulian-brad-pitt-type"]
    async with open_reader(shipped_dataset, size, Location("person", "karren-karagulian")) as (app, pilot):
        links = app.people.detail.links
        row = next(i for i in range(links.option_count)
                   if links.location_at(i) == Location("quote", quote.id))
        shown = words(links.get_option_at_index(row).prompt.plain)
        assert words(quote.text) in shown
        assert "Editor's note: the source says «Sean, being the diligent actor he is». Sean Baker is the film's writer" in shown
