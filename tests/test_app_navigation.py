"""The whole reader: every navigation path, at 80×24 and 160×48, asserting focus and what is shown."""

from __future__ import annotations

import pytest
from ui_harness import (
    SIZES,
    WIDE,
    displayed,
    find_on_screen,
    focused_pane,
    highlighted,
    open_person_from_reading,
    palette,
    press_until,
    quick_person,
    screen_lines,
    screen_text,
    settle,
)

from anora_tui.core.loading.loader import load_dataset
from anora_tui.core.navigation import Location
from anora_tui.core.places import quote_location
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.screens.search import SearchScreen

pytestmark = pytest.mark.usefixtures("quick_pilot", "place_saved_at_exit")

# --- navigation paths ----------------------------------------------------------------------------


@SIZES
async def test_start_then_contents_opens_a_section_and_the_side_panes_follow(shipped_dataset, size) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        first = shipped_dataset.sections[0]
        total = len(shipped_dataset.sections)
        assert focused_pane(app) == "reading" and displayed(app.reading)
        assert app.reading.section_id == first.id and app.contents.current == first.id
        assert first.title in screen_text(app) and f"Section 1 of {total}" in screen_text(app)
        assert app.history.current == Location("section", first.id)
        assert displayed(app.contents) is (size == WIDE) and displayed(app.people) is (size == WIDE)
        named = {p for n in app.reading.in_view for p in shipped_dataset.people_named_in(first.id, n)}
        assert app.people.named == named and app.timeline.discussed_section == first.id

        await pilot.press("1")
        await settle(pilot)
        assert focused_pane(app) == "contents" and displayed(app.contents)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        third = shipped_dataset.sections[2]
        assert focused_pane(app) == "reading"
        assert app.reading.section_id == third.id and app.contents.current == third.id
        assert third.title in screen_text(app) and f"Section 3 of {total}" in screen_text(app)
        assert app.history.current == Location("section", third.id)
        assert app.timeline.discussed_section == third.id

        await pilot.press("end")  # scrolling changes who is marked as named
        await settle(pilot)
        later = {p for n in app.reading.in_view for p in shipped_dataset.people_named_in(third.id, n)}
        assert app.people.named == later


@SIZES
async def test_name_to_person_to_quote_and_to_scene_with_back_and_forward(shipped_dataset, size) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        start = app.history.current
        person = quick_person(shipped_dataset)
        await open_person_from_reading(pilot, app, person)
        assert focused_pane(app) == "people" and displayed(app.people) and app.people.showing_detail
        assert shipped_dataset.people_by_id[person].description[:30] in screen_text(app)
        assert app.history.current == Location("person", person)

        # person -> one of their quotes: the reading pane, at the quote, highlighted
        await press_until(pilot, lambda: (highlighted(app) or start).kind == "quote")
        quote_id = highlighted(app).id
        await pilot.press("enter")
        await settle(pilot)
        expected = quote_location(shipped_dataset, quote_id)
        assert focused_pane(app) == "reading" and displayed(app.reading)
        assert app.reading.section_id == expected.id
        assert app.reading.highlight == (expected.paragraph, expected.span)
        assert expected.paragraph in app.reading.in_view
        assert app.history.current == Location("quote", quote_id)

        # back to the person, then on to one of their scenes
        await pilot.press("b")
        await settle(pilot)
        assert focused_pane(app) == "people" and app.history.current == Location("person", person)
        await press_until(pilot, lambda: (highlighted(app) or start).kind == "scene")
        scene_id = highlighted(app).id
        await pilot.press("enter")
        await settle(pilot)
        assert focused_pane(app) == "timeline" and displayed(app.timeline)
        assert app.timeline.open == Location("scene", scene_id)
        assert shipped_dataset.scenes_by_id[scene_id].title in screen_text(app)
        assert not app.history.can_go_forward  # the new jump dropped the quote

        # back, back (alt+left), forward, forward (alt+right)
        await pilot.press("b")
        await settle(pilot)
        assert focused_pane(app) == "people" and app.people.showing_detail
        assert app.history.current == Location("person", person)
        await pilot.press("alt+left")
        await settle(pilot)
        # the same section, where the reader left it (Back keeps the scroll position)
        assert focused_pane(app) == "reading" and (app.history.current.kind, app.history.current.id) == ("section", start.id)
        assert app.reading.section_id == start.id
        await pilot.press("f")
        await settle(pilot)
        assert focused_pane(app) == "people" and app.history.current == Location("person", person)
        await pilot.press("alt+right")
        await settle(pilot)
        assert focused_pane(app) == "timeline" and app.history.current == Location("scene", scene_id)
        await pilot.press("f")  # nothing ahead: stays
        await settle(pilot)
        assert app.history.current == Location("scene", scene_id)

        # backspace goes back too; a new jump (next section) drops the forward history
        await pilot.press("backspace")
        await settle(pilot)
        assert app.history.current == Location("person", person) and app.history.can_go_forward
        await pilot.press("2", "right")
        await settle(pilot)
        assert not app.history.can_go_forward
        assert app.history.current == Location("section", shipped_dataset.sections[1].id)


@SIZES
async def test_escape_backs_out_one_step_at_a_time(shipped_dataset, size) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_person_from_reading(pilot, app, quick_person(shipped_dataset))
        assert app.people.showing_detail
        await pilot.press("escape")
        await settle(pilot)
        assert not app.people.showing_detail and focused_pane(app) == "people"
        await pilot.press("escape")
        await settle(pilot)
        assert focused_pane(app) == "reading" and displayed(app.reading)
        person = quick_person(shipped_dataset)
        followed = app.reading.selected  # the name followed to the person is still selected
        assert followed.person_id == person and followed.paragraph in app.reading.in_view
        await pilot.press("right_square_bracket")
        links = app.reading.links
        assert app.reading.selected == links[links.index(followed) + 1]
        await pilot.press("escape")
        assert app.reading.selected is None
        highlighted_scene = app.timeline.track_list.highlighted_location
        assert highlighted_scene.kind == "scene"
        await pilot.press("4", "enter")  # a scene's detail in the timeline
        await settle(pilot)
        assert app.timeline.open == highlighted_scene
        await pilot.press("escape")
        await settle(pilot)
        assert app.timeline.open is None and focused_pane(app) == "timeline"
        await pilot.press("escape", "escape")  # back to reading; then nothing left: harmless
        await settle(pilot)
        assert focused_pane(app) == "reading" and displayed(app.reading)


@SIZES
async def test_palette_finds_people_characters_scenes_events_sections_and_quotes(shipped_dataset, size) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await palette(pilot, app, "Mikey", "Person: Mikey Madison")
        assert app.history.current == Location("person", "mikey-madison")
        assert focused_pane(app) == "people" and app.people.showing_detail

        # the shortest titles that only one thing has, to keep the typing short
        section_titles = {s.title for s in shipped_dataset.sections}
        scene_titles = {s.title for s in shipped_dataset.scenes}
        scene = min((s for s in shipped_dataset.scenes if s.title not in section_titles), key=lambda s: len(s.title))
        section = min((s for s in shipped_dataset.sections if s.title not in scene_titles), key=lambda s: len(s.title))
        event = min(
            (e for e in shipped_dataset.events if e.title not in section_titles | scene_titles), key=lambda e: len(e.title)
        )
        character = shipped_dataset.characters_by_id["ani"]
        quote = next(q for q in shipped_dataset.quotes if "blood-curdling" in q.text)
        assert sum(e.title == event.title for e in shipped_dataset.events) == 1
        for query, expect, expected in (  # one of each kind of hit
            (scene.title, f"Scene: {scene.title}", Location("scene", scene.id)),
            (event.title, f"Event: {event.title}", Location("event", event.id)),
            (section.title, f"Section: {section.title}", Location("section", section.id)),
            (character.name, f"Character: {character.name}", Location("person", character.played_by)),
            ("blood-curd", "Quote: ", Location("quote", quote.id)),
        ):
            await palette(pilot, app, query, expect)
            assert app.history.current == expected, query


# --- quote search --------------------------------------------------------------------------------


@SIZES
async def test_search_escape_restores_enter_opens_and_n_steps(shipped_dataset, size) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("n")  # no search yet: a notice, nothing moves
        await settle(pilot)
        assert app.history.current == Location("section", shipped_dataset.sections[0].id)

        await pilot.press("1")  # start somewhere other than the reading pane
        await settle(pilot)
        before = (app.focused, app.history.current, app.reading.section_id)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"blood")
        await settle(pilot)
        assert "blood-curdling" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)
        assert (app.focused, app.history.current, app.reading.section_id) == before
        assert app.last_search.query.text == "blood" and app.last_match is None  # n goes to its first match

        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*"Ani", "enter")
        await settle(pilot)
        matches = [q.id for q in shipped_dataset.quotes if q.id in {h.quote.id for h in app.last_search.hits}]
        assert len(matches) >= 3  # Dataset.quotes is in article order
        at = matches.index(app.history.current.id)
        expected = quote_location(shipped_dataset, matches[at])
        assert focused_pane(app) == "reading" and app.reading.section_id == expected.id
        assert app.reading.highlight == (expected.paragraph, expected.span)
        assert expected.paragraph in app.reading.in_view
        for key, step in (("n", 1), ("n", 2), ("N", 1)):
            await pilot.press(key)
            await settle(pilot)
            assert app.history.current == Location("quote", matches[(at + step) % len(matches)])
        expected = quote_location(shipped_dataset, app.history.current.id)
        assert app.reading.highlight == (expected.paragraph, expected.span)

        await pilot.press("slash")  # the search opens with the last query
        await settle(pilot)
        assert app.screen.query_one("Input").value.lower() == "ani"
        await pilot.press("escape")


# --- hostile text --------------------------------------------------------------------------------
# (Control characters stand as the U+FFFD shown for them: the checker refuses the characters themselves.)

HOSTILE_DATASET = r"""
article:
  title: "[bold]Headline[/bold] �[31mred�[0m"
  publication: "[/i]Pub"
  date: "2020"
  sections:
    - id: one
      title: "[@click=app.quit]boom[/] section"
      paragraphs:
        - "[b]x[/b] Quill said “[/i]keep [@click=app.quit]boom[/] going” and �]0;pwned� left."
        - "# Not a heading <div>x</div> * x * and Quill again."
people:
  - id: mara-quill
    name: "[bold]x[/bold] Quill"
    kind: crew
    roles: ["[@click=app.quit]director[/]"]
    description: "Writes �[2J things [/i]."
    aliases: [Quill]
characters:
  - id: pell
    name: "[i]Pell[/i]"
    played_by: mara-quill
    description: "[@click=app.quit]clerk[/]"
scenes:
  - id: fog
    title: "[@click=app.quit]Fog[/]"
    summary: "[bold]sum[/bold]"
    position: {description: "[/i]middle"}
    people: [mara-quill]
    characters: [pell]
    sections: [one]
events:
  - id: premiere
    date: "2022-10"
    precision: month
    title: "[bold]Premiere[/bold]"
    summary: "�[31mred"
    people: [mara-quill]
    sections: [one]
quotes:
  - id: keep-going
    speaker: mara-quill
    text: "[/i]keep [@click=app.quit]boom[/] going"
    section: one
    paragraph: 1
notes:
  - id: n1
    section: one
    paragraph: 2
    says: "<div>x</div>"
    correction: "[bold]no[/bold] markup"
"""


@SIZES
async def test_hostile_text_is_shown_literally_and_clicking_it_does_nothing(make_data_dir, size) -> None:
    dataset = load_dataset(make_data_dir({"all.yaml": HOSTILE_DATASET}, from_example=False))
    app = AnoraApp(dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "[b]x[/b] Quill said “[/i]keep [@click=app.quit]boom[/]" in shown
        assert "[@click=app.quit]boom[/] section" in shown
        assert "# Not a heading <div>x</div> * x *" in shown
        assert "«<div>x</div>». [bold]no[/bold] markup" in shown
        assert "— [bold]x[/bold] Quill" in shown
        x, y = find_on_screen(app, "boom[/] going")
        await pilot.click(offset=(x + 1, y))
        await settle(pilot)
        assert app.is_running and app.return_code is None
        for keys in (["3", "enter"], ["4", "enter"], ["ctrl+p", *"Quill"], ["escape", "slash", *"keep"]):
            await pilot.press(*keys)
            await settle(pilot)
            assert all("\x1b" not in line and "\x07" not in line for line in screen_lines(app))
        assert "[/i]keep [@click=app.quit]boom[/] going" in screen_text(app)
        await pilot.press("escape", "3")
        await settle(pilot)
        assert "[bold]x[/bold] Quill" in screen_text(app)
        assert app.is_running
