"""A credit line under a paragraph names each speaker once, with every form of their words there
("— Samantha Quan (quoted and reported)", never "Samantha Quan, Samantha Quan (reported)")."""

from __future__ import annotations

import pytest
from screen_reading import THREE_SIZES
from ui_harness import open_reader, screen_text, settle

from anora_tui.core.model import Quote
from anora_tui.core.navigation import Location
from anora_tui.core.quoting import speaker_credits
from anora_tui.ui.messages import Navigate

pytestmark = pytest.mark.usefixtures("quick_pilot")


def quote(speaker: str, form: str) -> Quote:
    return Quote(f"{speaker}-{form}", speaker, "words", "s", 1, form=form)


def test_each_speaker_once_with_every_form():
    quotes = [quote("quan", "direct"), quote("baker", "reported"), quote("quan", "reported"),
              quote("baker", "first-person"), quote("coco", "direct"), quote("coco", "direct")]
    assert speaker_credits(quotes) == [
        ("quan", "quoted and reported"),
        ("baker", "reported and retold in the first person"),
        ("coco", ""),
    ]
    assert speaker_credits([quote("a", "reported"), quote("a", "direct"), quote("a", "first-person")]) == [
        ("a", "quoted, reported and retold in the first person")  # in one order, whatever the text's
    ]
    assert speaker_credits([quote("a", "first-person")]) == [("a", "retold in the first person")]


def test_no_credit_in_the_article_repeats_a_speaker(shipped_dataset):
    seen = 0
    for section in shipped_dataset.sections:
        for number in range(1, len(section.paragraphs) + 1):
            quotes = shipped_dataset.quotes_in(section.id, number)
            credits = speaker_credits(quotes)
            assert len({speaker for speaker, _ in credits}) == len(credits)
            assert {speaker for speaker, _ in credits} == {q.speaker for q in quotes}
            seen += any(" and " in label for _, label in credits)
    assert seen == 4  # §5 ¶7, §7 ¶4, §11 ¶3, §12 ¶6


@THREE_SIZES
@pytest.mark.parametrize(("section", "paragraph", "credit"), [
    ("sex-and-sex-work", 3, "— Samantha Quan (quoted and reported)"),
    ("the-audition", 4, "— Samantha Quan (quoted and reported)"),
    ("the-ending", 6, "— Sean Baker (quoted and reported)"),
])
async def test_the_reading_pane_credits_each_speaker_once(shipped_dataset, size, section, paragraph, credit):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        app.post_message(Navigate(Location("section", section, paragraph)))
        await settle(pilot)
        await pilot.press("2")  # the reading pane (at 80 columns, the only pane shown)
        await settle(pilot)
        for _ in range(6):  # a credit sits under its paragraph: scroll it into view if need be
            if credit in screen_text(app):
                break
            await pilot.press("down")
            await settle(pilot)
        text = screen_text(app)
        assert credit in text
        name = credit.split(" (")[0].removeprefix("— ")
        assert f"{name}, {name}" not in text and f"{name} (reported), {name}" not in text
