"""One typographic rule for quoted source text: guillemets, never double quotes nested in double
quotes, and a note's correction as its own sentence: in the core helper and in every view."""

from __future__ import annotations

import pytest
from screen_reading import THREE_SIZES, widget_words
from ui_harness import navigate, open_reader, press_until, settle

from anora_tui.core.navigation import Location
from anora_tui.core.text import note_wording, quoted

pytestmark = pytest.mark.usefixtures("quick_pilot")

NOTE_ID = "pursue-anora"  # says: Baker decided to pursue “Anora” as his next venture


def test_quoted_uses_guillemets_around_the_source_text():
    assert quoted("Baker decided to pursue “Anora”") == "«Baker decided to pursue “Anora”»"


def test_a_note_is_the_quoted_source_then_the_correction_as_a_sentence():
    wording, (start, end) = note_wording("ultimately destroyed by a blowtorch", "In Once Upon a Time, it was fire.")
    assert wording == "the source says «ultimately destroyed by a blowtorch». In Once Upon a Time, it was fire."
    assert wording[start:end] == "ultimately destroyed by a blowtorch"
    assert "»; " not in wording
    capital, _ = note_wording("x", "what is right.", capital=True)
    assert capital == "The source says «x». What is right."


def _note(dataset):
    return next(note for note in dataset.notes if "“Anora”" in note.says)


@THREE_SIZES
async def test_the_people_pane_and_the_reading_pane_quote_a_note_alike(shipped_dataset, size):
    note = _note(shipped_dataset)
    expected = f"«{note.says}». {note.correction.split()[0]}"
    async with open_reader(shipped_dataset, size, Location("person", "mikey-madison")) as (app, pilot):
        links = app.people.query_one("#person-links")
        index = next(
            i for i in range(links.option_count)
            if links.location_at(i) is not None and "source says" in links.get_option_at_index(i).prompt.plain
            and note.says in links.get_option_at_index(i).prompt.plain
        )
        links.highlighted = index
        links.scroll_to_highlight(top=True)
        await settle(pilot)
        shown = widget_words(app, links)
        assert expected in shown
        assert f"“{note.says}”" not in shown and "»;" not in shown

        await navigate(pilot, app, Location("section", note.section, note.paragraph))

        def reading_words() -> str:
            return widget_words(app, app.reading).replace("▌ ", "")  # the note's bar starts each line

        # The paragraph's notes come in text order under it: read on down to this one.
        await press_until(pilot, lambda: f"the source says {expected}" in reading_words())
        shown = reading_words()
        assert f"Editor's note: the source says {expected}" in shown
        assert "»; " not in shown
