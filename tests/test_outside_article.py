"""What the dataset knows from outside the article (`outside_article`) and the film's own production:
read from the YAML, kept by the cache, and shown set apart wherever the record is shown."""

from __future__ import annotations

import pytest
from screen_reading import THREE_SIZES
from ui_harness import navigate, open_reader, screen_text, settle

from anora_tui.core.loading.cache import load_cached
from anora_tui.core.loading.loader import DataErrors, load_dataset
from anora_tui.core.model import Production
from anora_tui.core.navigation import Location
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.content import OUTSIDE_ARTICLE_LABEL
from anora_tui.ui.widgets.link_list import LinkList

pytestmark = pytest.mark.usefixtures("quick_pilot")



# --- the format ---------------------------------------------------------------------------------


def test_the_example_dataset_reads_every_outside_article_and_the_films_production(example_dataset) -> None:
    article = example_dataset.article
    assert article.film_production.camera == ("16mm film",)
    assert article.film_production.days_shot == 3
    assert article.film_outside_article.startswith("The festival cut")
    assert example_dataset.people_by_id["otto-brandt"].outside_article == "Born in 1931."
    assert example_dataset.characters_by_id["wren"].outside_article.startswith("Her surname")
    assert example_dataset.scenes_by_id["fog"].outside_article.startswith("The fog was")
    assert example_dataset.events_by_id["premiere"].outside_article.startswith("The festival's")
    # Optional everywhere: a record without it has an empty one.
    assert example_dataset.people_by_id["mara-quill"].outside_article == ""
    assert example_dataset.scenes_by_id["last-line"].outside_article == ""


def test_a_film_without_a_production_has_an_empty_one(make_data_dir) -> None:
    directory = make_data_dir(
        {
            "article.yaml": """\
                article:
                  title: T
                  publication: P
                  date: "2024"
                  film: {title: F}
                  sections:
                    - id: origins
                      title: S
                      paragraphs: [x]
                    - id: the-shoot
                      title: S
                      paragraphs: [x]
                    - id: afterwards
                      title: S
                      paragraphs: [x]
                """,
            "quotes.yaml": "quotes: []\n",
            "notes.yaml": "notes: []\n",
        }
    )
    article = load_dataset(directory).article
    assert (article.film_production, article.film_outside_article) == (Production(), "")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("people.yaml", "    outside_article: Born in 1931.", "    outside_article: 1931", "'outside_article' must be a string"),
        ("article.yaml", "      camera: [16mm film]", "      camra: [16mm film]", "did you mean 'camera'"),
        ("article.yaml", "      days_shot: 3", "      days_shot: three", "'days_shot'"),
    ],
)
def test_bad_new_fields_are_reported_with_their_place(make_data_dir, example_data_dir, file, old, new, message) -> None:
    text = (example_data_dir / file).read_text(encoding="utf-8")
    assert old in text
    directory = make_data_dir({file: text.replace(old, new)})
    with pytest.raises(DataErrors) as raised:
        load_dataset(directory)
    problems = [str(error) for error in raised.value.errors]
    assert len(problems) == 1 and message in problems[0] and file in problems[0], problems


def test_the_cache_keeps_outside_article_and_the_films_production(example_data_dir, shipped_dataset) -> None:
    from anora_tui.paths import default_data_dir

    for directory, dataset in ((example_data_dir, None), (default_data_dir(), shipped_dataset)):
        loaded = load_cached(directory)
        load_cached(directory)  # the second time from the cache file
        cached = load_cached(directory)
        expected = dataset or load_dataset(directory)
        assert cached == expected == loaded
        assert cached.article.film_production == expected.article.film_production
        assert [p.outside_article for p in cached.people] == [p.outside_article for p in expected.people]


# --- on screen ----------------------------------------------------------------------------------


def link_rows(links: LinkList) -> list[str]:
    return [option.prompt.plain for option in links.options]


def words_on_screen(app: AnoraApp, widget) -> str:
    """The words the terminal shows inside the widget, line breaks and padding made single spaces."""
    return " ".join(screen_text(app, widget).split())


def spans_styled(prompt, text: str) -> set[str]:
    """The component-class styles of the spans that cover `text` in a prompt (a list row's Content,
    drawn with a hanging indent)."""
    prompt = getattr(prompt, "content", prompt)
    start = prompt.plain.index(text)
    return {str(span.style) for span in prompt.spans if span.start <= start < span.end}


@THREE_SIZES
async def test_a_persons_outside_facts_are_labelled_and_styled_apart(shipped_dataset, size) -> None:
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await navigate(pilot, app, Location("person", "yuri-borisov"))
        links = app.query_one("#person-links", LinkList)
        prompts = [option.prompt for option in links.options]
        about = next(i for i, p in enumerate(prompts) if p.plain.strip().startswith("Russian actor who plays Igor"))
        outside = prompts[about + 1]
        assert outside.plain.strip() == OUTSIDE_ARTICLE_LABEL + shipped_dataset.people_by_id["yuri-borisov"].outside_article
        assert spans_styled(outside, "Yura") == {".person-detail--outside"}
        assert ".person-detail--outside" not in {str(span.style) for span in prompts[about].content.spans}
        links.highlighted = about + 1
        links.scroll_to_highlight()
        await settle(pilot)
        assert OUTSIDE_ARTICLE_LABEL.strip() in words_on_screen(app, links)


async def test_a_characters_outside_facts_are_labelled_in_who_they_play(shipped_dataset) -> None:
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await navigate(pilot, app, Location("person", "mikey-madison"))
        plays = next(o.prompt for o in app.query_one("#person-links", LinkList).options if o.prompt.plain.startswith("Ani — "))
        assert (OUTSIDE_ARTICLE_LABEL + "Her full name in the film is Anora Mikheeva.") in plays.plain
        assert spans_styled(plays, "Mikheeva") == {".person-detail--outside"}


def detail_text(app: AnoraApp) -> str:
    """The facts at the top of a scene's or event's detail (what happens, when, what is known from
    elsewhere), one row a line."""
    return app.timeline.detail.facts


@THREE_SIZES
async def test_a_scene_shows_its_outside_facts_and_the_whole_films_production(shipped_dataset, size) -> None:
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await navigate(pilot, app, Location("scene", "final-car-scene"))
        scene = shipped_dataset.scenes_by_id["final-car-scene"]
        label = OUTSIDE_ARTICLE_LABEL + scene.outside_article
        assert label in detail_text(app)
        outside = next(o.prompt for o in app.timeline.detail.links.options if o.prompt.plain == label)
        assert spans_styled(outside, OUTSIDE_ARTICLE_LABEL) == {".timeline-detail--outside"}  # italic, set apart
        rows = link_rows(app.timeline.detail.links)
        whole = rows.index("The whole film")
        assert rows.index("How it was shot") < whole
        film_rows = " ".join(rows[whole:])
        assert "35mm film, not digital" in film_rows and "Lomo" in film_rows and "helicopter" in film_rows
        assert OUTSIDE_ARTICLE_LABEL + shipped_dataset.article.film_outside_article in film_rows


async def test_a_scene_the_article_says_nothing_of_still_shows_the_whole_film(shipped_dataset) -> None:
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await navigate(pilot, app, Location("scene", "lap-dance"))
        rows = link_rows(app.timeline.detail.links)
        shot = rows.index("How it was shot")
        assert rows[shot + 1].strip() == "The article does not say."
        assert "The whole film" in rows
        assert OUTSIDE_ARTICLE_LABEL not in detail_text(app)  # the lap dance has no outside facts


@THREE_SIZES
async def test_an_events_outside_facts_follow_its_summary(shipped_dataset, size) -> None:
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await navigate(pilot, app, Location("event", "cannes-2021"))
        text = detail_text(app)
        event = shipped_dataset.events_by_id["cannes-2021"]
        assert text.index(event.summary) < text.index(OUTSIDE_ARTICLE_LABEL + event.outside_article)
        assert "July" not in text[: text.index(OUTSIDE_ARTICLE_LABEL)]


async def test_without_a_film_production_no_whole_film_rows(example_dataset) -> None:
    from dataclasses import replace

    from anora_tui.core.model import Dataset

    bare = replace(example_dataset.article, film_production=Production(), film_outside_article="")
    dataset = Dataset.build(
        bare,
        example_dataset.people,
        example_dataset.characters,
        example_dataset.scenes,
        example_dataset.events,
        example_dataset.quotes,
        example_dataset.notes,
    )
    async with open_reader(dataset, (120, 40)) as (app, pilot):
        await navigate(pilot, app, Location("scene", "fog"))
        assert "The whole film" not in link_rows(app.timeline.detail.links)


async def test_outside_article_text_is_shown_literally(example_dataset) -> None:
    from dataclasses import replace

    from anora_tui.core.model import Dataset

    hostile = "[bold]not bold[/bold] [@click=app.quit]x[/] \x1b[31mred"
    people = tuple(replace(p, outside_article=hostile) if p.id == "otto-brandt" else p for p in example_dataset.people)
    scenes = tuple(replace(s, outside_article=hostile) if s.id == "fog" else s for s in example_dataset.scenes)
    article = replace(example_dataset.article, film_outside_article=hostile)
    dataset = Dataset.build(article, people, example_dataset.characters, scenes, example_dataset.events,
                            example_dataset.quotes, example_dataset.notes)
    shown = "[bold]not bold[/bold] [@click=app.quit]x[/] \ufffd[31mred"
    async with open_reader(dataset, (120, 40)) as (app, pilot):
        await navigate(pilot, app, Location("person", "otto-brandt"))
        assert any(o.prompt.plain.strip() == OUTSIDE_ARTICLE_LABEL + shown
                   for o in app.query_one("#person-links", LinkList).options)
        await navigate(pilot, app, Location("scene", "fog"))
        assert OUTSIDE_ARTICLE_LABEL + shown in detail_text(app)
        assert OUTSIDE_ARTICLE_LABEL + shown in link_rows(app.timeline.detail.links)
        assert app.is_running
