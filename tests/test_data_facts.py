"""The shipped dataset's corrected facts, pinned one by one (the fact-check of data/ against the article).

Each test names a fact the data once got wrong or stated without support. `test_dataset.py` pins the
facts that were right from the start.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from dataset_lookups import paragraph_containing, quote_containing

from anora_tui.core.model import Dataset, Event, Note
from anora_tui.core.excerpts import excerpt_span
from anora_tui.core.timeline_layout import layout_events
from anora_tui.paths import default_data_dir


def note_on(dataset: Dataset, words: str) -> Note:
    """The one note whose `says` contains `words`."""
    matches = [note for note in dataset.notes if words in note.says]
    assert len(matches) == 1, f"{len(matches)} notes say {words!r}"
    return matches[0]


def assert_noted_where_said(dataset: Dataset, words: str) -> Note:
    note = note_on(dataset, words)
    assert (note.section, note.paragraph) == paragraph_containing(dataset, words)
    return note


# --- wrong facts ------------------------------------------------------------------------------


def test_baker_called_for_decriminalization_not_legalization(shipped_dataset: Dataset) -> None:
    event = shipped_dataset.events_by_id["cannes-2024-press-conference"]
    assert not re.search(r"legali[sz]", event.summary, re.IGNORECASE)
    note = assert_noted_where_said(shipped_dataset, "advocated for the legalization of all sex work")
    assert re.search(r"decriminali[sz]ed", note.correction)
    assert "sean-baker" in note.refers_to


def test_in_the_final_scene_ani_stops_not_igor(shipped_dataset: Dataset) -> None:
    summary = shipped_dataset.scenes_by_id["final-car-scene"].summary
    assert "stops her" not in summary and "holds her" not in summary
    note = assert_noted_where_said(shipped_dataset, "But he suddenly halts her midway")
    assert "Ani who stops" in note.correction


def test_the_home_invasion_keeps_only_its_own_camera_work(shipped_dataset: Dataset) -> None:
    production = shipped_dataset.scenes_by_id["home-invasion"].production
    shooting = " ".join((*production.camera, *production.notes))
    for film_wide in ("helicopter", "35mm", "Lomo", "1973", "1970s"):
        assert film_wide not in shooting, film_wide
    assert any("dolly" in line for line in production.camera)


def test_no_scene_claims_a_film_wide_fact(shipped_dataset: Dataset) -> None:
    for scene in shipped_dataset.scenes:
        shooting = " ".join((*scene.production.camera, *scene.production.notes))
        for film_wide in ("helicopter", "Lomo", "1973", "35mm film"):
            assert film_wide not in shooting, (scene.id, film_wide)


# --- claims the article does not support ----------------------------------------------------


def test_the_berlin_meeting_and_the_audition_are_undated_not_guessed(shipped_dataset: Dataset) -> None:
    """The article dates neither: they once carried a guessed year ("the year is a guess")."""
    ids = [event.id for event in shipped_dataset.events]
    for event_id in ("berlin-meeting", "eydelshteyn-audition"):
        event = shipped_dataset.events_by_id[event_id]
        assert (event.date, event.precision) == ("", ""), event_id
        assert event.date_note.startswith("The article gives no date")
        assert "guess" not in event.date_note and "February" not in event.date_note
    assert ids.index("berlin-meeting") < ids.index("eydelshteyn-audition")


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def article_words_around(note: str, needle: str, paragraphs: list[str]) -> list[str]:
    """The longest runs of `note`, around each place it has `needle`, that a paragraph has verbatim."""
    runs = []
    for found in re.finditer(re.escape(needle), note):
        for paragraph in paragraphs:
            start, end = found.span()
            if note[start:end] not in paragraph:
                continue
            while start > 0 and note[start - 1 : end] in paragraph:
                start -= 1
            while end < len(note) and note[start : end + 1] in paragraph:
                end += 1
            runs.append(note[start:end])
    return runs


def event_paragraphs(dataset: Dataset, event: Event) -> list[str]:
    return [text for section in event.sections for text in dataset.sections_by_id[section].paragraphs]


def test_an_event_is_dated_only_by_the_articles_own_words(shipped_dataset: Dataset) -> None:
    """No event has a date, or a precision, the article does not give. A dated event's `date_note`
    quotes the words of one of its sections that date it, as precisely as `precision` says: the year
    (but for the article's own date, from the page's stamp), the month's name for a month, and the
    day for a day. "2020" for the Zoom pitch, "2021-07" for Cannes 2021 (the article: "in 2021") or
    "2024-05-25" for the Palme d'Or (the article: "Palme d’Or-winning") have no such words."""
    dated = [event for event in shipped_dataset.events if event.dated]
    assert dated
    for event in dated:
        paragraphs = event_paragraphs(shipped_dataset, event)
        year, *rest = event.date.split("-")
        if event.date == shipped_dataset.article.date:
            runs = [run for month in MONTHS for run in article_words_around(event.date_note, month, paragraphs)]
        else:
            runs = [run for run in article_words_around(event.date_note, year, paragraphs) if len(run) >= 12]
        assert runs, (event.id, "no words of the article give its year")
        if event.precision in ("month", "day"):
            month = MONTHS[int(rest[0]) - 1]
            runs = [run for run in runs if month in run]
            assert runs, (event.id, f"the article's words do not give the month, {month}")
        if event.precision == "day":
            assert any(re.search(rf"\b{int(rest[1])}\b", run) for run in runs), (event.id, "no day")


def test_an_undated_event_says_so_and_gives_when_in_the_articles_words(shipped_dataset: Dataset) -> None:
    undated = [event for event in shipped_dataset.events if not event.dated]
    assert len(undated) >= 13
    for event in undated:
        assert event.precision == "", event.id
        assert event.date_note.startswith("The article"), event.id
        if event.when:
            assert any(event.when in text for text in event_paragraphs(shipped_dataset, event)), event.id
    assert shipped_dataset.events_by_id["abducted-wife-story"].when == "In time"


def test_the_timeline_keeps_the_events_in_the_files_order(shipped_dataset: Dataset) -> None:
    """The reader sorts events by year and keeps an undated one after the dated one before it: the
    events file's order (the order they happened) must come through, on the list and on the strip."""
    events_file = default_data_dir() / "events.yaml"
    file_order = [record["id"] for record in yaml.safe_load(events_file.read_text(encoding="utf-8"))["events"]]
    assert [event.id for event in shipped_dataset.events] == file_order
    starts = [placement.start for placement in layout_events(shipped_dataset.events).placements]
    assert starts == sorted(starts)


def test_cannes_2021_is_dated_to_the_year_the_month_is_outside(shipped_dataset: Dataset) -> None:
    event = shipped_dataset.events_by_id["cannes-2021"]
    assert (event.date, event.precision) == ("2021", "year")
    assert "July" in event.outside_article


def test_the_wedding_scene_claims_no_jet_or_suite(shipped_dataset: Dataset) -> None:
    scene = shipped_dataset.scenes_by_id["vegas-wedding"]
    told = " ".join((scene.title, scene.summary, *scene.production.camera, *scene.production.notes))
    assert "jet" not in told and "Vegas" not in told and "suite" not in told
    assert "wealth-on-a-budget" not in scene.sections


def test_the_first_ten_minutes_are_a_round_figure(shipped_dataset: Dataset) -> None:
    position = shipped_dataset.scenes_by_id["strip-club-opening"].position
    assert (position.start_minute, position.length_minutes, position.approximate) == (0, 10, True)


def test_the_ring_is_one_ring_everywhere(shipped_dataset: Dataset) -> None:
    texts = [character.description for character in shipped_dataset.characters]
    texts += [scene.summary for scene in shipped_dataset.scenes]
    texts += [person.description for person in shipped_dataset.people]
    assert not any("engagement ring" in text for text in texts)
    assert "wedding ring" in shipped_dataset.characters_by_id["igor"].description
    assert "wedding ring" in shipped_dataset.scenes_by_id["ivan-returns"].summary
    note = assert_noted_where_said(shipped_dataset, "her 4-carat engagement ring")
    assert "wedding ring" in note.correction


# --- slips that deserve a note ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("says", "in_correction", "refers_to"),
    [
        ("Russian actor Yuri Borisov", "Yura Borisov", "yuri-borisov"),
        ("previously owned by the Russian oligarch Galina Anisimova", "Vasily Anisimov", "galina-anisimova"),
        ("As I delve into the captivating world of Sean Baker", "As a captivated observer", None),
        ("the long-suffering Armenian servant", "enforcer", "karren-karagulian"),
        ("the dance moves were precisely planned", "choreographed", None),
        ("visiting nightclubs", "Strip clubs", "mikey-madison"),
        ("On January 14, 2022, Baker attended the premiere", "opened in US cinemas", None),
        ("Instead of featuring numerous energetic, consistently humorous sex scenes", "turns the sense around",
         "mark-eydelshteyn"),
    ],
)
def test_each_slip_has_a_note_at_its_paragraph(
    shipped_dataset: Dataset, says: str, in_correction: str, refers_to: str | None
) -> None:
    note = assert_noted_where_said(shipped_dataset, says)
    assert in_correction in note.correction
    if refers_to is not None:
        assert refers_to in note.refers_to


def test_the_first_yuri_is_the_one_noted(shipped_dataset: Dataset) -> None:
    first = next(
        (section.id, number)
        for section in shipped_dataset.sections
        for number, text in enumerate(section.paragraphs, start=1)
        if "Yuri" in text
    )
    assert first == paragraph_containing(shipped_dataset, "Russian actor Yuri Borisov")


def test_the_cabiria_note_points_at_the_right_paragraph(shipped_dataset: Dataset) -> None:
    note = note_on(shipped_dataset, "Nights of Cabira")
    assert "last paragraph" not in note.correction
    assert "sixth paragraph of “The drive home”" in note.correction
    ending = shipped_dataset.sections_by_id["the-ending"]
    assert "Nights of Cabiria" in ending.paragraphs[5]
    assert shipped_dataset.sections[-1].id == "publication"


# --- quote records ----------------------------------------------------------------------------


def test_no_quote_holds_the_writers_tag(shipped_dataset: Dataset) -> None:
    tag = re.compile(r",\s*(Daniels|Baker|Madison|Quan|Coco|Eydelshteyn|Borisov|Phelps|he|she) "
                     r"(says|said|remarks|recalls|explains|notes|adds)\b")
    for quote in shipped_dataset.quotes:
        assert not tag.search(quote.text), quote.id


def test_lighting_that_palace_is_one_quote_of_daniels_without_the_tag(shipped_dataset: Dataset) -> None:
    section, number = paragraph_containing(shipped_dataset, "Lighting that palace, Daniels says, was a nightmare.")
    quotes = shipped_dataset.quotes_in(section, number)
    assert [(quote.text, quote.speaker, quote.form) for quote in quotes] == [
        ("Lighting that palace … was a nightmare.", "drew-daniels", "reported"),
    ]


@pytest.mark.parametrize(
    "words", ["he didn’t want Ani to fall silent", "the sequences were amusing and enjoyable to film"]
)
def test_madisons_quotes_with_a_stray_closing_mark_are_direct(shipped_dataset: Dataset, words: str) -> None:
    quote = quote_containing(shipped_dataset, words)
    assert (quote.speaker, quote.form) == ("mikey-madison", "direct")


def test_a_quote_followed_by_a_closing_mark_is_direct(shipped_dataset: Dataset) -> None:
    """The form follows the page: words ending where a closing quotation mark stands were quoted."""
    for quote in shipped_dataset.quotes:
        section = shipped_dataset.sections_by_id[quote.section]
        paragraph = section.paragraphs[quote.paragraph - 1]
        after = paragraph[excerpt_span(paragraph, quote.text)[1]:]
        if re.match(r"[,.!?]?[”’]", after):
            assert quote.form == "direct", quote.id


def test_only_the_last_sentence_of_bakers_indie_path_is_his(shipped_dataset: Dataset) -> None:
    section, number = paragraph_containing(shipped_dataset, "As a passionate gamer, I’ve always chosen the indie path")
    quotes = shipped_dataset.quotes_in(section, number)
    assert [(quote.text, quote.speaker, quote.form) for quote in quotes] == [
        ("Truth be told, it never truly did.", "sean-baker", "first-person")
    ]
    assert "writer's account" in note_on(shipped_dataset, "As a passionate gamer").correction


def test_madisons_months_in_clubs_stop_before_the_narration(shipped_dataset: Dataset) -> None:
    quote = quote_containing(shipped_dataset, "devoting several months to visiting nightclubs")
    assert quote.text.endswith("observing dancers up close.")
    assert "physically strenuous" not in quote.text
    assert_noted_where_said(shipped_dataset, "The work was physically strenuous")


@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("Sean made it clear that he would never depict individuals", "samantha-quan"),
        ("began taking pole dancing classes", "mikey-madison"),
    ],
)
def test_the_unattributed_passages_are_reported_quotes_with_a_note(
    shipped_dataset: Dataset, words: str, speaker: str
) -> None:
    quote = quote_containing(shipped_dataset, words)
    assert (quote.speaker, quote.form) == (speaker, "reported")
    notes = shipped_dataset.notes_in(quote.section, quote.paragraph)
    assert any(speaker in note.refers_to for note in notes)


# --- what comes from outside the article ------------------------------------------------------


def article_fields(dataset: Dataset) -> dict[str, str]:
    """Every text the data gives as the article's account, by record: descriptions, summaries, date
    notes, roles and scene facts. None of it may hold what the editor knows from elsewhere."""
    texts: dict[str, str] = {}
    for person in dataset.people:
        texts[f"person {person.id}"] = " ".join((person.description, *person.roles))
    for character in dataset.characters:
        texts[f"character {character.id}"] = character.description
    for scene in dataset.scenes:
        production = scene.production
        told = (scene.title, scene.summary, scene.position.description, *production.camera, *production.notes)
        texts[f"scene {scene.id}"] = " ".join(told)
    for event in dataset.events:
        texts[f"event {event.id}"] = " ".join((event.title, event.summary, event.date_note))
    film = dataset.article.film_production
    texts["film"] = " ".join((*film.camera, *film.notes))
    return texts


def outside_texts(dataset: Dataset) -> list[str]:
    records = (*dataset.people, *dataset.characters, *dataset.scenes, *dataset.events)
    return [record.outside_article for record in records] + [dataset.article.film_outside_article]


# Facts from outside the article that the data once mixed into its own account of it.
OUTSIDE_FACTS = [
    "Mikheeva",
    "Yura",
    "1971",
    "July",
    "21 May",
    "25 May",
    "wrapped in March",
    "early 2023",
    "Vasily Anisimov",
    "Las Vegas",
    "top prize",
    "heiress",
    "socialite",
    "lifestyle entrepreneur",
    "decriminali",
    "opened in US cinemas",
    "2019",
]
NATIONALITIES = ["American actor", "American actress", "American socialite", "American lifestyle",
                 "British", "Italian", "Finnish"]


@pytest.mark.parametrize("fact", OUTSIDE_FACTS + NATIONALITIES)
def test_an_outside_fact_is_only_in_outside_article(shipped_dataset: Dataset, fact: str) -> None:
    for record, text in article_fields(shipped_dataset).items():
        assert fact not in text, record
    assert any(fact in text for text in outside_texts(shipped_dataset))


def test_the_credited_name_is_marked_as_outside_the_article(shipped_dataset: Dataset) -> None:
    borisov = shipped_dataset.people_by_id["yuri-borisov"]
    assert "Yura Borisov" in borisov.outside_article
    assert "Mikheeva" in shipped_dataset.characters_by_id["ani"].outside_article


def test_film_wide_facts_belong_to_the_film(shipped_dataset: Dataset) -> None:
    film = shipped_dataset.article.film_production
    told = " ".join((*film.camera, *film.notes))
    for fact in ("35mm", "Lomo", "as if it were 1973", "helicopter", "a Vegas suite and a private jet"):
        assert fact in told, fact
    # Once said from outside, unconfirmed: that Baker called the helicopter shot the pull-out that
    # closes the first act. The article does not say where the shot falls.
    assert "pull-out" not in shipped_dataset.article.film_outside_article
    assert "act" not in shipped_dataset.article.film_outside_article.split()


def test_the_home_invasion_keeps_what_is_its_own(shipped_dataset: Dataset) -> None:
    production = shipped_dataset.scenes_by_id["home-invasion"].production
    assert any("Hong Kong" in note for note in production.notes)
    assert production.location.startswith("a waterfront mansion in Mill Basin")


def test_the_corrections_of_summaries_are_marked_as_outside(shipped_dataset: Dataset) -> None:
    assert "Ani who stops" in shipped_dataset.scenes_by_id["final-car-scene"].outside_article
    assert "private jet to Las Vegas" in shipped_dataset.scenes_by_id["vegas-wedding"].outside_article
    cannes = shipped_dataset.events_by_id["cannes-2024-press-conference"]
    assert "decriminalization" in cannes.outside_article and "21 May" in cannes.outside_article
    assert "opened in US cinemas" in shipped_dataset.events_by_id["scream-screening"].outside_article


@pytest.mark.parametrize(
    "event_id",
    ["wedding-videos", "cannes-2021", "home-invasion-shoot", "final-scene-shoot",
     "cannes-2024-press-conference", "palme-dor"],
)
def test_a_date_from_outside_the_article_says_so(shipped_dataset: Dataset, event_id: str) -> None:
    """The date note says what the article gives; what settles the date is marked as outside it."""
    event = shipped_dataset.events_by_id[event_id]
    assert event.date_note.startswith("The article")
    assert event.outside_article


def test_the_readmes_counts_are_the_datasets(shipped_dataset: Dataset) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    found = re.search(
        r"The shipped dataset holds (\d+) sections \((\d+) paragraphs\), (\d+) people, (\d+) characters,"
        r"\s+(\d+) scenes, (\d+) events,\s+(\d+) quotes and (\d+) editorial notes\.",
        readme,
    )
    assert found, "the README's sentence with the dataset's counts is missing"
    assert [int(n) for n in found.groups()] == list(shipped_dataset.counts().values())


def test_every_quote_whose_paragraph_does_not_name_its_speaker_has_a_note(shipped_dataset: Dataset) -> None:
    """A speaker's words in a paragraph that does not name them, whether the source gives them as its
    own first-person narration ("At approximately 30 years old, … I secured a position capturing and
    editing elaborate weddings") or behind a pronoun ("She declares that…", "He mentions that…",
    "But, he thought, …"), are theirs only by the editor's reading: a note on the paragraph says so."""
    for quote in shipped_dataset.quotes:
        named = {person for person, mention in shipped_dataset.mentions_in(quote.section, quote.paragraph)
                 if not mention.via_note}
        if quote.speaker not in named:
            notes = shipped_dataset.notes_in(quote.section, quote.paragraph)
            assert any(quote.speaker in note.refers_to for note in notes), quote.id


@pytest.mark.parametrize(
    ("says", "speaker"),
    [
        ("But, he thought, what if", "sean-baker"),
        ("She declares that she initially turned on her laptop", "samantha-quan"),
        ("He mentions that his connections span far and wide", "sean-baker"),
        ("earning him the joking title of “my Bob De Niro”", "sean-baker"),
        ("Sean, being the diligent actor he is", "sean-baker"),  # and whose "authenticity is my priority"
    ],
)
def test_whose_words_a_paragraph_leaves_unsaid_is_noted(shipped_dataset: Dataset, says: str, speaker: str) -> None:
    note = assert_noted_where_said(shipped_dataset, says)
    assert speaker in note.refers_to
    assert shipped_dataset.people_by_id[speaker].name in note.correction


def test_whose_priority_authenticity_is_is_noted(shipped_dataset: Dataset) -> None:
    """"But since authenticity is my priority, Sean … flatly rejected them all": the rewrite's "my" is
    Karagulian's, the refusal Baker's; the event reads the priority as Baker's, and a note says so."""
    assert "Baker, putting authenticity first" in shipped_dataset.events_by_id["producers-want-a-star"].summary
    correction = note_on(shipped_dataset, "Sean, being the diligent actor he is").correction
    assert "since authenticity is my priority" in correction and "taken to be his priority" in correction


def test_the_invented_narrator_is_noted_at_each_appearance(shipped_dataset: Dataset) -> None:
    for says in ("As I delve into the captivating world", "As a captivated observer, I’m drawn"):
        assert "first-person narrator" in assert_noted_where_said(shipped_dataset, says).correction


@pytest.mark.parametrize(
    ("quote_id", "text"),
    [
        ("quan-challenge-tropes", "As Anora intentionally recalls romantic comedy stereotypes … it’s done to "
                                  "challenge them and share narratives that he believes are underrepresented "
                                  "in Hollywood."),
        ("baker-what-if", "But … what if the wife was a sex worker and her husband wasn’t a mobster?"),
    ],
)
def test_a_sentence_a_tag_interrupts_is_one_quote(shipped_dataset: Dataset, quote_id: str, text: str) -> None:
    """"As Anora … recalls romantic comedy stereotypes, Quan explains that it’s done to challenge them":
    the tag splits one sentence, so both sides are the quote (and "them" keeps what it refers to)."""
    quote = shipped_dataset.quotes_by_id[quote_id]
    assert quote.text == text
    assert len(shipped_dataset.quotes_in(quote.section, quote.paragraph)) == 1


def test_toros_is_called_away_without_ivan(shipped_dataset: Dataset) -> None:
    """Ivan's family calls Toros away from the christening; Ivan himself is not in the scene."""
    assert shipped_dataset.scenes_by_id["toros-called-away"].characters == ("toros",)


def test_anna_anisimovas_roles_are_the_articles(shipped_dataset: Dataset) -> None:
    anna = shipped_dataset.people_by_id["anna-anisimova"]
    assert anna.roles == ("named as the former owner's daughter",)
    assert "model and heiress" in anna.outside_article
