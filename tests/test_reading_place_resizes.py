"""The reading pane keeps the reader's place across resizes: the text at the top stays at the top
(where the section's end leaves room for it), every way and for every size change, and the page keys
still show the end of a section before going on to the next. Read back from the screen."""

from __future__ import annotations

import re

import pytest
from screen_reading import widget_lines, words
from ui_harness import resize, screen_lines, settle

from anora_tui.ui.app import AnoraApp

pytestmark = pytest.mark.usefixtures("quick_pilot")

SMALL, MIDDLE, LARGE = (80, 24), (120, 40), (200, 50)
SIZE_CHANGES = pytest.mark.parametrize(
    "first, second",
    [(SMALL, MIDDLE), (SMALL, LARGE), (MIDDLE, SMALL), (MIDDLE, LARGE), (LARGE, SMALL), (LARGE, MIDDLE)],
    ids=lambda size: "x".join(map(str, size)),
)


def reading_lines(app) -> list[str]:
    return widget_lines(app, app.reading)


def text_words(text: str) -> str:
    """The words of the text, the bars beside editor's notes left out (a re-wrap moves them)."""
    return words(text.replace("▌", " "))


def top_words(app, lines: int = 1) -> str:
    """The words of the pane's first text lines (blank lines skipped)."""
    return text_words(" ".join([line for line in reading_lines(app) if line.strip()][:lines]))


def assert_at_the_top(app, top: str) -> None:
    """The text of the line `top` is at the top of the pane; or, where the section's end leaves no
    room below it, on screen with the end of the section."""
    start = " ".join(top.split()[:3])
    shown = "\n".join(reading_lines(app))
    if app.reading.scroll_y < app.reading.max_scroll_y:
        assert start in top_words(app, 2), f"{start!r} is not at the top:\n{shown}"
    else:
        assert start in text_words(shown), f"{start!r} is not on screen:\n{shown}"


def longest_section(dataset):
    return max(dataset.sections, key=lambda s: sum(len(p) for p in s.paragraphs))


async def page_into(pilot, app, section_index: int, pages: int) -> None:
    """Open the section, then page down in it `pages` times (fewer if its end comes first)."""
    for _ in range(section_index):
        await pilot.press("l")
    await settle(pilot)
    for _ in range(pages):
        if app.reading.scroll_y >= app.reading.max_scroll_y:
            break
        await pilot.press("space")
        await settle(pilot)


async def test_the_reviewers_keys_keep_the_note_and_reach_the_sections_end(shipped_dataset):
    """80×24: `l`, Space puts the editor's note on "Nights of Cabira" at the top; at 120×40 it stays
    on screen, the section's end is reached before Space goes on, and back at 80×24 it is on top."""
    second, third = shipped_dataset.sections[1:3]
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=SMALL) as pilot:
        await page_into(pilot, app, 1, 1)
        assert app.reading.section_id == second.id
        assert top_words(app).startswith("Editor's note: the source says «Nights of Cabira»")
        await resize(pilot, *MIDDLE)
        shown = words(" ".join(reading_lines(app)))
        assert "Editor's note: the source says «Nights of Cabira»" in shown
        seen = shown
        while app.reading.section_id == second.id:
            await pilot.press("space")
            await settle(pilot)
            if app.reading.section_id == second.id:
                seen += " " + words(" ".join(reading_lines(app)))
        assert "truly petrifying." in seen and "— Alex Coco" in seen
        assert app.reading.section_id == third.id
        await pilot.press("h")  # back to the end of the section (PgUp arrives there; `h` at its top)
        await settle(pilot)
        await resize(pilot, *SMALL)
        assert app.reading.section_id == second.id


@SIZE_CHANGES
async def test_the_top_line_stays_at_the_top_and_comes_back(shipped_dataset, first, second):
    section = longest_section(shipped_dataset)
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=first) as pilot:
        await page_into(pilot, app, section.index, 2)
        before = reading_lines(app)
        top = top_words(app)
        assert top, before
        await resize(pilot, *second)
        assert app.reading.section_id == section.id
        assert_at_the_top(app, top)
        await resize(pilot, *first)
        assert reading_lines(app) == before


@SIZE_CHANGES
async def test_after_a_resize_paging_shows_every_line_of_the_section(shipped_dataset, first, second):
    """From the middle of a section, after a resize, Space goes page by page to the section's last
    line before it opens the next one."""
    section = longest_section(shipped_dataset)
    last_words = words(section.paragraphs[-1]).split()[-3:]
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=first) as pilot:
        await page_into(pilot, app, section.index, 1)
        await resize(pilot, *second)
        seen = words(" ".join(reading_lines(app)))
        tops = [app.reading.scroll_y]
        while app.reading.section_id == section.id:
            await pilot.press("space")
            await settle(pilot)
            if app.reading.section_id == section.id:
                seen += " " + words(" ".join(reading_lines(app)))
                tops.append(app.reading.scroll_y)
        assert " ".join(last_words) in seen
        assert tops == sorted(tops)  # never back up
        height = app.reading.scrollable_content_region.height
        assert all(b - a <= height for a, b in zip(tops, tops[1:]))  # no line skipped


@SIZE_CHANGES
async def test_back_after_a_resize_returns_to_the_same_text(shipped_dataset, first, second):
    """The place Back returns to does not depend on the width it was left at."""
    section = longest_section(shipped_dataset)
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=first) as pilot:
        await page_into(pilot, app, section.index, 3)
        await pilot.press("down", "down", "down")  # the top line in the middle of a paragraph
        await settle(pilot)
        top = top_words(app)
        await pilot.press("3", "enter")  # open someone in the people pane
        await settle(pilot)
        await resize(pilot, *second)
        await pilot.press("b")
        await settle(pilot)
        assert app.reading.section_id == section.id
        assert_at_the_top(app, top)


# --- the reported steps: 120×40, Space into a section, then 200×50, 80×24 and back -----------------

TOUR_SIZES = [(MIDDLE, LARGE, SMALL, MIDDLE), (SMALL, LARGE, SMALL, LARGE, SMALL), (LARGE, SMALL, LARGE, MIDDLE, LARGE)]
TOURS = pytest.mark.parametrize("tour", TOUR_SIZES, ids=lambda tour: "-".join("x".join(map(str, size)) for size in tour))


def shown_percent(app) -> str:
    """The figure in the pane's border, read from the screen ("7%")."""
    border = reading_border(app)
    found = re.search(r"· (\d+%)", border)
    assert found, border
    return found.group(1)


def reading_border(app) -> str:
    region = app.reading.region
    return screen_lines(app)[region.bottom - 1][region.x : region.right]


def assert_strictly_at_the_top(app, top: str, size) -> None:
    """The text of the line `top` is on the pane's first line of text (or its second, where a re-wrap
    put the word before it on the line above), whether or not the section's end leaves room below."""
    start = " ".join(top.split()[:3])
    shown = "\n".join(reading_lines(app))
    assert start in top_words(app, 2), f"at {size}, {start!r} is not at the top:\n{shown}"


async def page_in_at(pilot, app, section, pages: int) -> None:
    """Open the section from the contents' keys (`l` from the first), then page down in it."""
    await page_into(pilot, app, section.index, pages)
    assert app.reading.section_id == section.id


@pytest.mark.parametrize(
    "which, tour",
    [("first", (MIDDLE, LARGE, SMALL, MIDDLE)), ("first", (SMALL, LARGE, SMALL, LARGE, SMALL)),
     *(("longest", tour) for tour in TOUR_SIZES)],
    ids=lambda value: value if isinstance(value, str) else "-".join("x".join(map(str, size)) for size in value),
)
async def test_the_top_line_and_the_figure_stay_through_every_resize(shipped_dataset, which, tour):
    """The reported steps: in a section, a page or two down, the figure in the border said 7% at
    120×40 and 0% at 200×50 (where the whole section fits, so it was shown from its title). The line
    at the top stays at the top at every size, the figure stays what it was, and the first size
    shows exactly what it showed before."""
    section = shipped_dataset.sections[0] if which == "first" else longest_section(shipped_dataset)
    first, *others = tour
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=first) as pilot:
        await page_in_at(pilot, app, section, 1 if which == "first" else 2)
        assert app.reading.scroll_y > 0, "paged into the section"
        await assert_kept_through(pilot, app, section, first, others)


@TOURS
async def test_in_every_section_a_page_and_two_lines_in_stay_through_every_resize(shipped_dataset, tour):
    """Every section the first size can page in (Space, then ↓ twice: the top line anywhere in a
    paragraph or a note), whether a wider pane leaves room below the place or not (where the
    section's end leaves none, the pane goes on past it, over blank lines)."""
    first, *others = tour
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=first) as pilot:
        await settle(pilot)
        checked = 0
        for section in shipped_dataset.sections:
            app.reading.open_section(section.id)  # from its top, as the contents open it
            await settle(pilot)
            if app.reading.max_scroll_y <= 2:
                continue
            await pilot.press("space", "down", "down")
            await settle(pilot)
            assert app.reading.section_id == section.id and app.reading.scroll_y > 0
            await assert_kept_through(pilot, app, section, first, others)
            checked += 1
        assert checked >= 2, "sections long enough to page in"


async def assert_kept_through(pilot, app, section, first, others) -> None:
    """Through the resizes to `others` (the last of them `first`), the top line stays at the top and
    the figure stays; back at the first size, what is shown is what was."""
    before, top, figure = reading_lines(app), top_words(app), shown_percent(app)
    assert figure != "0%" or section.index == 0 and top_words(app).startswith("["), figure
    for size in others:
        await resize(pilot, *size)
        assert app.reading.section_id == section.id
        assert_strictly_at_the_top(app, top, size)
        assert shown_percent(app) == figure, f"{section.id} at {size}: {reading_border(app)}"
        if size == first:
            assert reading_lines(app) == before, section.id


@pytest.mark.parametrize("there, back", [(SMALL, LARGE), (LARGE, SMALL), (MIDDLE, LARGE)],
                         ids=["80-200-80", "200-80-200", "120-200-120"])
async def test_repeated_resizes_come_back_to_the_same_first_paragraph(shipped_dataset, there, back):
    section = longest_section(shipped_dataset)
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=there) as pilot:
        await page_in_at(pilot, app, section, 2)
        await pilot.press("down", "down")
        await settle(pilot)
        before, first_paragraph = reading_lines(app), app.reading.in_view[0]
        for _ in range(3):
            await resize(pilot, *back)
            assert app.reading.in_view[0] == first_paragraph
            await resize(pilot, *there)
            assert app.reading.in_view[0] == first_paragraph
            assert reading_lines(app) == before


@TOURS
async def test_a_selected_name_stays_on_screen_through_resizes(shipped_dataset, tour):
    """The name `]` selected (the one Enter opens) is on screen after every resize, and the first size
    shows what it showed before."""
    first, *others = tour
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=first) as pilot:
        await settle(pilot)
        reading = app.reading
        await pilot.press("right_square_bracket")
        await settle(pilot)
        # the last name on screen: the one a narrower pane pushes below its bottom
        while reading.links_on_screen() and reading.selected != reading.links_on_screen()[-1]:
            await pilot.press("right_square_bracket")
            await settle(pilot)
        selected = reading.selected
        assert selected is not None
        name = shipped_dataset.sections[0].paragraphs[selected.paragraph - 1][selected.start : selected.end]
        before = reading_lines(app)
        for size in others:
            await resize(pilot, *size)
            assert reading.selected == selected
            assert selected in reading.links_on_screen(), f"at {size}"
            assert name.split()[-1] in text_words(" ".join(reading_lines(app))), f"at {size}"
            if size == first:
                assert reading_lines(app) == before


async def test_the_blank_lines_past_the_end_go_as_the_reader_scrolls_back(shipped_dataset):
    """At the end of a section at 80×24, 200×50 keeps the top line at the top over blank lines past
    the section's end; ↑ then moves a line at a time, and after Home, End shows the section's end at
    the bottom of the pane again, with no blank lines below it."""
    section = longest_section(shipped_dataset)
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=SMALL) as pilot:
        await page_into(pilot, app, section.index, 0)
        await pilot.press("end")
        await settle(pilot)
        top = top_words(app)
        await resize(pilot, *LARGE)
        assert_strictly_at_the_top(app, top, LARGE)
        lines = reading_lines(app)
        assert not lines[-2].strip() and not lines[-3].strip(), "blank lines past the end"
        before = list(lines)
        await pilot.press("up")
        await settle(pilot)
        assert reading_lines(app)[1:] == before[:-1], "one line up"
        await pilot.press("home")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        shown = reading_lines(app)
        if app.reading.max_scroll_y > 0:  # the section is longer than the pane: its end is at the bottom
            last = max(i for i, line in enumerate(shown) if line.strip())
            assert last == len(shown) - 2, "\n".join(shown)  # under it, only the blank line ending a section
