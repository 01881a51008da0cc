"""Facts about the shipped dataset (data/) that a careless edit would break.

The loader already checks the format and that quoted text is verbatim; these tests pin down what the
data says: who said what, the figures the article gives, and that the whole article is there.
"""

from __future__ import annotations

import os
import re
from itertools import combinations
from pathlib import Path

import pytest
import yaml

from dataset_lookups import paragraph_containing, quote_containing

from anora_tui.core.model import DATE_PRECISIONS, Dataset
from anora_tui.paths import default_data_dir

SEED_VARIABLE = "ANORA_TUI_SEED"  # the source article's .txt file, or a folder holding it
# Where the source is beside a checkout (CI clones the repository next to shared/).
SEED_DIR = Path(__file__).parents[2] / "shared" / "seed"
# Page chrome at the end of the source, deliberately left out of article.yaml.
PAGE_CHROME = re.compile(r"^(Read More|\d{4}-\d{2}-\d{2} \d{2}:\d{2})$")
DATE_LENGTHS_BY_PRECISION = {
    "day": {len("2024-11-15")},
    "month": {len("2024-11")},
    "year": {len("2024")},
    "approximate": {len("2024"), len("2024-11")},  # an estimate names a year or a month, never a day
}


def test_collection_sizes(shipped_dataset: Dataset) -> None:
    assert 8 <= len(shipped_dataset.sections) <= 14
    assert len(shipped_dataset.people) >= 20
    assert len(shipped_dataset.scenes) >= 7
    assert len(shipped_dataset.events) >= 12
    assert len(shipped_dataset.quotes) >= 40
    assert len(shipped_dataset.notes) >= 5


def test_alex_coco_is_a_producer_not_the_costume_designer(shipped_dataset: Dataset) -> None:
    roles = shipped_dataset.people_by_id["alex-coco"].roles
    assert "producer" in roles
    assert not any("costume" in role for role in roles)


def test_the_four_main_characters_are_played_by_the_right_actors(shipped_dataset: Dataset) -> None:
    played_by = {character.name: character.played_by for character in shipped_dataset.characters}
    assert played_by == {
        "Ani": "mikey-madison",
        "Ivan": "mark-eydelshteyn",
        "Toros": "karren-karagulian",
        "Igor": "yuri-borisov",
    }
    assert shipped_dataset.people_by_id["mikey-madison"].characters == ("ani",)


def test_no_one_is_aliased_by_a_slip_or_the_film_title(shipped_dataset: Dataset) -> None:
    names = {name for person in shipped_dataset.people for name in (person.name, *person.aliases)}
    names |= {name for character in shipped_dataset.characters for name in (character.name, *character.aliases)}
    assert not names & {"Anora", "Daniel"}


@pytest.mark.parametrize(
    ("words", "speaker", "form"),
    [
        ("It was truly petrifying", "alex-coco", "direct"),
        ("I found myself yearning to be a silent observer", "drew-daniels", "first-person"),
        ("aiming to embody an Armenian gangster", "karren-karagulian", "first-person"),
        ("Truth be told, it never truly did.", "sean-baker", "first-person"),
        ("I addressed Samantha Quan", "sean-baker", "direct"),
        ("That’s just like Ivan!", "sean-baker", "direct"),
        ("Sean, you’ve got to take a look at this!", "samantha-quan", "direct"),
        ("he didn’t want Ani to fall silent", "mikey-madison", "direct"),
        ("my Bob De Niro", "sean-baker", "direct"),
    ],
)
def test_hard_quotes_are_attributed_to_their_true_speaker(
    shipped_dataset: Dataset, words: str, speaker: str, form: str
) -> None:
    quote = quote_containing(shipped_dataset, words)
    assert (quote.speaker, quote.form) == (speaker, form)


def test_the_gaming_world_narration_is_not_a_quote(shipped_dataset: Dataset) -> None:
    section_id, number = paragraph_containing(shipped_dataset, "In my gaming world")
    assert shipped_dataset.quotes_in(section_id, number) == ()
    assert shipped_dataset.notes_in(section_id, number)


def test_home_invasion_runs_28_minutes_and_took_ten_days(shipped_dataset: Dataset) -> None:
    scene = shipped_dataset.scenes_by_id["home-invasion"]
    assert scene.position.length_minutes == 28
    assert scene.production.days_shot == 10


def test_final_scene_was_planned_for_one_day_and_took_three(shipped_dataset: Dataset) -> None:
    production = shipped_dataset.scenes_by_id["final-car-scene"].production
    assert (production.days_planned, production.days_shot) == (1, 3)


def test_scenes_are_in_story_order(shipped_dataset: Dataset) -> None:
    ids = [scene.id for scene in shipped_dataset.scenes]
    assert ids.index("strip-club-opening") == 0
    assert ids.index("home-invasion") < ids.index("final-car-scene") == len(ids) - 1


def test_scream_premiere_is_dated_to_the_day(shipped_dataset: Dataset) -> None:
    event = shipped_dataset.events_by_id["scream-screening"]
    assert (event.date, event.precision) == ("2022-01-14", "day")


def test_event_dates_are_as_long_as_their_precision_says(shipped_dataset: Dataset) -> None:
    assert set(DATE_LENGTHS_BY_PRECISION) == set(DATE_PRECISIONS)
    for event in shipped_dataset.events:
        if event.dated:  # an undated event has neither (the checker sees to that)
            assert len(event.date) in DATE_LENGTHS_BY_PRECISION[event.precision], event.id


def test_events_file_lists_events_in_date_order(shipped_dataset: Dataset) -> None:
    """Compared at the precision both dates share: "2022-01" is neither before nor after "2022-01-14"."""
    events_file = default_data_dir() / "events.yaml"
    file_order = [record["id"] for record in yaml.safe_load(events_file.read_text(encoding="utf-8"))["events"]]
    events = [shipped_dataset.events_by_id[event_id] for event_id in file_order]
    for earlier, later in combinations(events, 2):
        shared = min(len(earlier.date), len(later.date))
        assert earlier.date[:shared] <= later.date[:shared], (earlier.id, later.id)


def test_madison_is_mentioned_where_the_source_calls_her_anora(shipped_dataset: Dataset) -> None:
    where = paragraph_containing(shipped_dataset, "where Anora portrayed Amber")
    mentions = {(m.section, m.paragraph): m for m in shipped_dataset.mentions_of("mikey-madison")}
    assert mentions[where].via_note


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def source_article(title: str) -> Path:
    """The source text whose first line is the article's title: from $ANORA_TUI_SEED (a file, or a
    folder of .txt files) if set, else from ../shared/seed beside the checkout.

    Not found: a failure when it was named or under CI (where the check must run), else a skip that
    says how to run it."""
    named = os.environ.get(SEED_VARIABLE)
    candidates = Path(named) if named else SEED_DIR
    paths = sorted(candidates.glob("*.txt")) if candidates.is_dir() else [candidates]
    for path in paths:
        if path.is_file() and path.read_text(encoding="utf-8").split("\n", 1)[0].strip() == title:
            return path
    problem = f"no source article titled {title!r} in {named or SEED_DIR}"
    how = f"set {SEED_VARIABLE}=<the source .txt file, or its folder>"
    if named:
        pytest.fail(f"{problem} (named by {SEED_VARIABLE})")
    if in_ci():
        pytest.fail(f"{problem}: under CI the source check must run (shared/seed beside the clone, or {how})")
    pytest.skip(f"{problem}: {how} to run this check")


def test_every_paragraph_of_the_source_is_in_the_article_in_order(shipped_dataset: Dataset) -> None:
    source = source_article(shipped_dataset.article.title)
    lines = source.read_text(encoding="utf-8").split("\n")[1:]
    source_paragraphs = [
        line.rstrip() for line in lines if line.strip() and not PAGE_CHROME.match(line.strip())
    ]
    shipped_paragraphs = [text for section in shipped_dataset.sections for text in section.paragraphs]
    assert shipped_paragraphs == source_paragraphs
