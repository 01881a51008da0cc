"""Why each paragraph is among a person's mentions, said truthfully and the same everywhere: the
mentions list, the map's summary, the People list's counts and the help legend (one table,
core/mention_reasons.py), and every paragraph an editor's note corrects about them flagged."""

from __future__ import annotations

import pytest
from screen_reading import THREE_SIZES, widget_words
from ui_harness import open_reader, screen_text, settle, wait_for

from anora_tui.core.mention_reasons import MENTION_WORDING, MentionKind, mention_reason, mention_summary
from anora_tui.core.navigation import Location
from anora_tui.core.search import ParagraphIndex, parse_query
from anora_tui.ui.messages import Navigate
from anora_tui.ui.panes.person_detail import build_rows
from anora_tui.ui.widgets.link_list import Link

pytestmark = pytest.mark.usefixtures("quick_pilot")


def reasons(dataset, person_id):
    """(section number, paragraph, kind, the words pointed at) for each mention of the person."""
    found = []
    for mention in dataset.mentions_of(person_id):
        reason = mention_reason(dataset, person_id, mention)
        text = dataset.paragraph(mention.section, mention.paragraph)
        words = text[reason.span[0] : reason.span[1]] if reason.span else None
        found.append((dataset.sections_by_id[mention.section].index + 1, mention.paragraph, reason.kind, words))
    return found


def flagged(dataset, person_id):
    return [row for row in reasons(dataset, person_id) if row[2] is not MentionKind.NAMED]


def test_a_paragraph_naming_only_the_character_says_so(shipped_dataset):
    # §12 ¶1 says "Igor", never Borisov; its note is about who stops the kiss, not about a name.
    assert (12, 1, MentionKind.AS_CHARACTER, "Igor") in reasons(shipped_dataset, "yuri-borisov")


def test_paragraphs_that_never_name_her_are_only_in_a_note(shipped_dataset):
    madison = flagged(shipped_dataset, "mikey-madison")
    assert (4, 2, MentionKind.NOTE_ONLY, "visiting nightclubs") in madison  # "She remembers devoting…"
    assert (4, 3, MentionKind.NOTE_ONLY, "Approximately three to four months ago, the individual") in madison
    assert (4, 5, MentionKind.AS_CHARACTER, "Ani") in madison


def test_every_note_about_a_person_flags_their_mention(shipped_dataset):
    """The class behind Coco's slip: a note's `refers_to` marks a slip about someone, whether or not
    the paragraph names them; every such paragraph is flagged in their mentions."""
    dataset = shipped_dataset
    assert (8, 3, MentionKind.NAMED_WITH_NOTE, "Coco") in reasons(dataset, "alex-coco")
    for note in dataset.notes:
        for person_id in note.refers_to:
            mention = next(m for m in dataset.mentions_of(person_id)
                           if (m.section, m.paragraph) == (note.section, note.paragraph))
            assert mention_reason(dataset, person_id, mention).kind is not MentionKind.NAMED, note.id
    noted = {(pid, n.section, n.paragraph) for n in dataset.notes for pid in n.refers_to}
    for person in dataset.people:  # and nothing else is flagged
        for mention in dataset.mentions_of(person.id):
            if (person.id, mention.section, mention.paragraph) not in noted:
                assert mention_reason(dataset, person.id, mention).kind is MentionKind.NAMED


@pytest.mark.parametrize(("person_id", "section", "paragraph", "slip"), [
    ("alex-coco", 8, 3, "Coco, the costume designer"),
    ("sean-baker", 3, 2, "Baker attended the premiere"),  # the day Scream opened, not its premiere
    ("sean-baker", 4, 1, "carve the script alongside Madison"),  # he wrote it himself
    ("mikey-madison", 4, 1, "carve the script alongside Madison"),
    ("sean-baker", 8, 2, "Sean’s initial film"),  # his first film about wealth, not his first film
])
def test_a_slip_about_someone_named_in_the_paragraph_is_flagged(shipped_dataset, person_id, section, paragraph, slip):
    """The data marks whom a slip is about with the note's `refers_to`: each such note in the shipped
    data has it, so no slip about a person reads as fact in their mentions."""
    dataset = shipped_dataset
    section_id = dataset.sections[section - 1].id
    note = next(n for n in dataset.notes_in(section_id, paragraph) if slip in n.says)
    assert person_id in note.refers_to
    mention = next(m for m in dataset.mentions_of(person_id) if (m.section, m.paragraph) == (section_id, paragraph))
    assert mention_reason(dataset, person_id, mention).kind is MentionKind.NAMED_WITH_NOTE


def test_the_summary_counts_what_the_text_search_finds(shipped_dataset):
    """`@yura` in the text scope finds 5 paragraphs: the People list said "named in 6"."""
    dataset = shipped_dataset
    assert mention_summary(dataset.mentions_of("yuri-borisov")) == "named in 5 paragraphs, 1 more in a note"
    index = ParagraphIndex(dataset)
    for person in dataset.people:
        named = {(m.section, m.paragraph) for m in dataset.mentions_of(person.id) if m.spans}
        found = index.search(parse_query("@" + person.id))
        positions = {index.position_of(*place) for place in named}
        assert all(found.bits >> p & 1 for p in positions), person.id  # the search finds every one
        quoted = {(q.section, q.paragraph) for q in dataset.quotes_by(person.id)}
        assert bin(found.bits).count("1") == len(named | quoted), person.id  # and only those, or quoted


def test_the_example_wrong_name_is_not_said_to_name_her(example_dataset):
    # "Brandt told the crew to wait" is about Quill: the paragraph does not name her.
    assert [row[2] for row in flagged(example_dataset, "mara-quill")] == [MentionKind.NOTE_ONLY]


def test_the_list_rows_use_the_table_wording(shipped_dataset):
    rows = build_rows(shipped_dataset, shipped_dataset.people_by_id["mikey-madison"], 60).rows
    labels = [row.label.plain for row in rows if isinstance(row, Link) and row.location.kind == "section"]
    for kind in (MentionKind.NOTE_ONLY, MentionKind.AS_CHARACTER):
        assert sum(f"({MENTION_WORDING[kind]})" in label for label in labels) >= 1
    assert not any("by mistake" in label for label in labels)


async def open_person(pilot, app, person_id):
    app.post_message(Navigate(Location("person", person_id)))
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)


@THREE_SIZES
async def test_borisov_mentions_on_screen(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await open_person(pilot, app, "yuri-borisov")
        links = app.query_one("#person-links")
        await pilot.press("end")  # the last mention, at the foot of the page
        await wait_for(pilot, lambda: "§12 [The drive home]" in widget_words(app, links))
        text = widget_words(app, links)
        assert "by mistake" not in text
        assert "(named as a character they play, with an editor's note)" in text
        assert "Igor" in text.split("§12 [The drive home]", 1)[1]


async def test_coco_slip_is_flagged_on_screen(shipped_dataset):
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await open_person(pilot, app, "alex-coco")
        text = widget_words(app, app.query_one("#person-links"))
        after = text.split("Coco, the costume designer", 1)[1]
        assert "(named in the text, with an editor's note)" in after[:120]  # on the same row


async def test_people_rows_follow_one_rule(shipped_dataset):
    """No "0 quotes" on some rows and not on others: the quotes only when there are any."""
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await pilot.press("3")
        await settle(pilot)
        pane = app.query_one("#people-list")
        labels = [pane.get_option_at_index(i).prompt for i in range(pane.option_count)]
        plain = [getattr(label, "plain", str(label)) for label in labels]
        assert not any("0 quotes" in label for label in plain)
        borisov = next(label for label in plain if "Yuri Borisov" in label)
        assert "named in 5 paragraphs, 1 more in a note" in borisov
        await pilot.press("end")
        await settle(pilot)
        assert "0 quotes" not in screen_text(app)


async def test_the_help_legend_uses_the_same_wording(shipped_dataset):
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await pilot.press("question_mark")
        await settle(pilot)
        legend = " ".join(str(app.screen.query_one("#help-symbols").render()).split())
        for kind, wording in MENTION_WORDING.items():
            assert (f"({wording})" if kind is not MentionKind.NAMED else wording) in legend
        assert "named only through" not in legend and "by mistake" not in legend
