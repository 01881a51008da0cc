"""The reading pane on its own: what it shows, its keys and clicks, and the messages it posts."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.style import Style
from textual.widgets import Footer
from ui_harness import (
    NARROW,
    WIDE,
    find_on_screen,
    screen_text,
    settle,
)

from anora_tui.core.loading.loader import load_dataset
from anora_tui.core.model import Article, Dataset, Note, Person, Quote, Section
from anora_tui.core.navigation import Location
from anora_tui.core.places import quote_location, section_links
from anora_tui.paths import styles_dir
from anora_tui.ui.messages import Navigate, ParagraphsInView
from anora_tui.ui.panes.reading import ReadingPane
from anora_tui.ui.panes.reading_blocks import Block

pytestmark = pytest.mark.usefixtures("quick_pilot")


class ReadingHost(App):
    """Mounts the pane alone and records what it asks of the App."""

    CSS_PATH = sorted(styles_dir().glob("*.tcss"))

    def __init__(self, dataset: Dataset) -> None:
        super().__init__()
        self.dataset = dataset
        self.navigated: list[Location] = []
        self.views: list[tuple[str, tuple[int, ...]]] = []

    def compose(self) -> ComposeResult:
        yield ReadingPane(self.dataset, id="reading")
        yield Footer()

    def on_mount(self) -> None:
        self.pane.open_section(self.dataset.sections[0].id)
        self.pane.focus()

    @property
    def pane(self) -> ReadingPane:
        return self.query_one(ReadingPane)

    def on_navigate(self, message: Navigate) -> None:
        self.navigated.append(message.location)

    def on_paragraphs_in_view(self, message: ParagraphsInView) -> None:
        self.views.append((message.section_id, message.paragraphs))


def blocks(pane: ReadingPane, kind: str) -> list[Block]:
    return [block for block in pane.blocks if block.kind == kind]


def texts(pane: ReadingPane, kind: str) -> list[str]:
    return [block.content.plain for block in blocks(pane, kind)]


def paragraph_spans(pane: ReadingPane, number: int):
    return next(b for b in blocks(pane, "paragraph") if b.paragraph == number).content.spans


async def test_opens_only_the_section_asked_for(example_dataset: Dataset) -> None:
    app = ReadingHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        app.pane.open_section("the-shoot")
        await settle(pilot)
        shown = screen_text(app)
        assert "Three nights on the pier" in shown
        assert "The shoot took three nights" in shown
        assert "Salt Hour is a twelve-minute short" not in shown
        section = example_dataset.sections_by_id["the-shoot"]
        assert texts(app.pane, "paragraph") == list(section.paragraphs)
        assert texts(app.pane, "title") == [section.title]


async def test_markdown_and_markup_in_paragraphs_stay_literal(make_data_dir) -> None:
    literal = "# Not a heading <div>x</div> * x * [bold]y[/bold] `code`"
    data_dir = make_data_dir(
        {
            "article.yaml": f"""
            article:
              title: T
              publication: P
              date: "2020"
              sections:
                - id: only
                  title: "[b]Title[/b]"
                  paragraphs:
                    - "{literal}"
            """,
            "quotes.yaml": "quotes: []",
            "notes.yaml": "notes: []",
            "events.yaml": "events: []",
            "scenes.yaml": "scenes: []",
        }
    )
    app = ReadingHost(load_dataset(data_dir))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert literal in shown
        assert "[b]Title[/b]" in shown


async def test_names_are_marked_and_carry_the_person(example_dataset: Dataset) -> None:
    app = ReadingHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        named = {
            (span.start, span.end): span.style.meta.get("person")
            for span in paragraph_spans(app.pane, 1)
            if not isinstance(span.style, str) and span.style.meta.get("person")
        }
        text = example_dataset.paragraph("origins", 1)
        start = text.index("Mara Quill")
        assert named[(start, start + len("Mara Quill"))] == "mara-quill"
        assert set(named.values()) == {"mara-quill"}


async def test_brackets_step_through_names_and_enter_opens_the_person(example_dataset: Dataset) -> None:
    app = ReadingHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        app.pane.open_section("the-shoot")
        await settle(pilot)
        links = section_links(example_dataset, example_dataset.sections_by_id["the-shoot"])
        await pilot.press("enter")  # nothing selected yet: nothing happens
        assert app.navigated == []
        await pilot.press("right_square_bracket")
        assert app.pane.selected == links[0]
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert app.pane.selected == links[2]
        await pilot.press("left_square_bracket")
        assert app.pane.selected == links[1]
        await pilot.press("enter")
        await settle(pilot)
        assert app.navigated == [Location("person", links[1].person_id)]
        assert links[0].person_id == "tomas-reyes" and links[1].person_id == "ines-haldane"


async def test_selected_name_is_drawn_selected_and_escape_clears_it(example_dataset: Dataset) -> None:
    app = ReadingHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        selected_style = app.pane.get_visual_style("reading--name-selected", partial=True)
        link = app.pane.selected
        assert link.paragraph == 1
        assert any(
            (span.start, span.end, span.style) == (link.start, link.end, selected_style)
            for span in paragraph_spans(app.pane, 1)
        )
        assert app.pane.back_out() is True
        assert app.pane.selected is None
        assert app.pane.back_out() is False


async def test_stepping_names_walks_past_the_screen_scrolling_along(example_dataset: Dataset) -> None:
    app = ReadingHost(example_dataset)
    async with app.run_test(size=(40, 8)) as pilot:
        await settle(pilot)
        links = app.pane.links
        for _ in links:
            await pilot.press("right_square_bracket")
            await settle(pilot)
            assert app.pane.selected.paragraph in app.pane.in_view
        assert app.pane.selected == links[-1]
        await pilot.press("right_square_bracket")  # the end: stays put
        assert app.pane.selected == links[-1]


async def test_clicking_a_name_opens_the_person(example_dataset: Dataset) -> None:
    app = ReadingHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        x, y = find_on_screen(app, "Mara Quill")
        await pilot.click(offset=(x + 2, y))
        await settle(pilot)
        assert app.navigated == [Location("person", "mara-quill")]
        x, y = find_on_screen(app, "twelve-minute")  # plain text: nothing to follow
        await pilot.click(offset=(x, y))
        await settle(pilot)
        assert app.navigated == [Location("person", "mara-quill")]


async def test_quotes_are_styled_and_credited(example_dataset: Dataset) -> None:
    app = ReadingHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        quote_style = app.pane.get_visual_style("reading--quote", partial=True)
        text = example_dataset.paragraph("origins", 1)
        start = text.index("I wanted to make")
        assert any(s.start == start and s.style == quote_style for s in paragraph_spans(app.pane, 1))
        credits = texts(app.pane, "credit")
        assert credits == [
            "— Mara Quill",
            "— Mara Quill (reported)",
            "— Mara Quill (retold in the first person)",
        ]


async def test_editor_notes_sit_under_their_paragraph(example_dataset: Dataset) -> None:
    app = ReadingHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        app.pane.open_section("the-shoot")
        await settle(pilot)
        kinds = [(block.kind, block.paragraph) for block in app.pane.blocks]
        assert kinds.index(("note", 2)) == kinds.index(("paragraph", 2)) + 1
        assert texts(app.pane, "note") == [(
            "Editor's note: the source says «Brandt told the crew to wait». It was Quill, not Brandt,"
            " who told the crew to wait; Brandt was never on set."
        )]
        assert "Editor's note: the source says «Brandt told the crew to wait»" in screen_text(app)


def two_voices() -> Dataset:
    """One paragraph quoting two people (one of them twice, one reported) with two editor's notes."""
    paragraph = "“We lost the light,” Ada said. Ben says it was the rain. “It came twice,” Ada said. Cy agreed."
    people = [Person("ada", "Ada", "crew", ("director",), "Director."), Person("ben", "Ben", "cast", ("actor",), "Actor.")]
    quotes = [
        Quote("light", "ada", "We lost the light", "s", 1),
        Quote("rain", "ben", "it was the rain", "s", 1, form="reported"),
        Quote("twice", "ada", "It came twice", "s", 1),
    ]
    notes = [
        Note("not-rain", "s", 1, "it was the rain", "It was fog.", ("ben",)),
        Note("not-cy", "s", 1, "Cy agreed", "Nobody called Cy was there."),
    ]
    article = Article("T", "P", "2024", (Section("s", "One", (paragraph,), 0),))
    return Dataset.build(article, people, (), (), (), quotes, notes)


async def test_a_paragraph_with_several_voices_and_notes() -> None:
    dataset = two_voices()
    app = ReadingHost(dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert [block.kind for block in app.pane.blocks] == ["title", "paragraph", "credit", "note", "note"]
        assert texts(app.pane, "credit") == ["— Ada, Ben (reported)"]  # each speaker once, in order
        assert texts(app.pane, "note") == [
            "Editor's note: the source says «it was the rain». It was fog.",
            "Editor's note: the source says «Cy agreed». Nobody called Cy was there.",
        ]
        paragraph = dataset.paragraph("s", 1)
        says = app.pane.get_visual_style("reading--says", partial=True)
        quote = app.pane.get_visual_style("reading--quote", partial=True)
        spans = {(span.start, span.end, span.style) for span in paragraph_spans(app.pane, 1)}
        for text in ("it was the rain", "Cy agreed"):
            start = paragraph.index(text)
            assert (start, start + len(text), says) in spans, text
        for text in ("We lost the light", "It came twice"):
            start = paragraph.index(text)
            assert (start, start + len(text), quote) in spans, text
        shown = screen_text(app)
        assert "— Ada, Ben (reported)" in shown and "Nobody called Cy was there." in shown


async def test_a_sentence_the_writer_interrupts_is_styled_as_the_speakers_words_around_the_tag() -> None:
    paragraph = "Lighting that palace, Daniels says, was a nightmare. It rained."
    people = [Person("drew", "Drew Daniels", "crew", ("cinematographer",), "Cinematographer.")]
    quotes = [Quote("palace", "drew", "Lighting that palace … was a nightmare.", "s", 1, form="reported")]
    article = Article("T", "P", "2024", (Section("s", "One", (paragraph,), 0),))
    app = ReadingHost(Dataset.build(article, people, (), (), (), quotes, ()))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        quote = app.pane.get_visual_style("reading--quote", partial=True)
        styled = [paragraph[span.start : span.end] for span in paragraph_spans(app.pane, 1) if span.style == quote]
        assert styled == ["Lighting that palace", "was a nightmare."]  # not ", Daniels says,"
        assert texts(app.pane, "credit") == ["— Drew Daniels (reported)"]


async def test_progress_shows_section_and_share_of_the_article(example_dataset: Dataset) -> None:
    app = ReadingHost(example_dataset)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "Section 1 of 3 · 0%" in app.pane.border_subtitle  # 3 of 8 paragraphs on screen, none read
        app.pane.open_section("afterwards")
        await settle(pilot)
        assert "Section 3 of 3 · 100%" in app.pane.border_subtitle
        assert "Section 3 of 3 · 100%" in screen_text(app)


async def test_scrolling_reports_the_paragraphs_in_view(example_dataset: Dataset) -> None:
    app = ReadingHost(example_dataset)
    async with app.run_test(size=(40, 10)) as pilot:
        await settle(pilot)
        assert app.views[-1][0] == "origins" and app.views[-1][1][0] == 1
        await pilot.press("end")
        await settle(pilot)
        assert app.views[-1] == ("origins", app.pane.in_view)
        assert app.pane.in_view[-1] == 3 and 1 not in app.pane.in_view
        reported = len(app.views)
        await pilot.press("end")  # no change, no message
        await settle(pilot)
        assert len(app.views) == reported
        await pilot.press("home")
        await settle(pilot)
        assert app.views[-1][1][0] == 1


async def test_open_section_at_a_quote_scrolls_to_it_and_highlights_it(example_dataset: Dataset) -> None:
    app = ReadingHost(example_dataset)
    async with app.run_test(size=(40, 10)) as pilot:
        location = quote_location(example_dataset, "counting-ferries")
        length = len(example_dataset.quotes_by_id["counting-ferries"].text)
        assert location == Location("section", "origins", 3, (0, length))
        app.pane.open_section(location.id, location.paragraph, location.span)
        await settle(pilot)
        assert 3 in app.pane.in_view
        highlight = Style.from_styles(app.pane.get_component_styles("reading--highlight"))
        assert any((s.start, s.end, s.style) == (0, length, highlight) for s in paragraph_spans(app.pane, 3))
        assert app.pane.back_out() is True  # Escape drops the highlight
        assert not any(s.style == highlight for s in paragraph_spans(app.pane, 3))


async def test_left_and_right_ask_for_the_neighbouring_sections(example_dataset: Dataset) -> None:
    app = ReadingHost(example_dataset)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("left")  # the first section: nowhere to go
        await pilot.press("right", "l")  # this host never opens them: each key moves on from the last asked
        await settle(pilot)
        assert app.navigated == [Location("section", "the-shoot"), Location("section", "afterwards")]
        app.pane.open_section("afterwards")
        await pilot.press("right")  # the last section: nowhere to go
        await pilot.press("h", "right")
        await settle(pilot)
        assert app.navigated[2:] == [Location("section", "the-shoot"), Location("section", "afterwards")]


async def test_arrows_and_jk_scroll(example_dataset: Dataset) -> None:
    app = ReadingHost(example_dataset)
    async with app.run_test(size=(40, 10)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "down")
        assert app.pane.scroll_target_y == 3
        await pilot.press("k", "up")
        assert app.pane.scroll_target_y == 1
        page = app.pane.scrollable_content_region.height
        assert 1 + page < app.pane.max_scroll_y  # room for a whole page
        await pilot.press("pagedown")
        assert app.pane.scroll_target_y == 1 + page
        await pilot.press("pageup")
        assert app.pane.scroll_target_y == 1


async def test_control_characters_in_a_dataset_built_in_code_never_reach_the_terminal() -> None:
    """The loader cleans what it reads; a dataset built in code is cleaned by `Dataset.build`."""
    text = "Bo said \x1b[31mred\x1b[0m and \x1b]0;title\x07 then \x9b2J [@click=app.quit]boom[/]."
    article = Article(
        title="T", publication="P", date="2020",
        sections=(Section("s", "Title \x1b[1mbold", (text,), 0),),
    )
    people = (Person("bo", "Bo", "cast", ("actor",), "d"),)
    dataset = Dataset.build(article, people, (), (), (), (), ())
    app = ReadingHost(dataset)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        lines = screen_text(app)
        assert "\x1b" not in lines and "\x07" not in lines and "\x9b" not in lines
        assert "[31mred" in lines and "[@click=app.quit]boom[/]" in lines
        x, y = find_on_screen(app, "boom")
        await pilot.click(offset=(x, y))
        await settle(pilot)
        assert app.is_running and app.navigated == []
