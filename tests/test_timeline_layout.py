"""The timeline's pure geometry and wording: where scenes and events fall, axis ticks, time formats."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anora_tui.core.model import Article, Event, Production, Scene, StoryPosition, sort_events
from anora_tui.core.timeline_layout import (
    Tick,
    event_span,
    event_when,
    events_caption,
    film_caption,
    format_event_date,
    format_length,
    format_minute,
    format_position,
    format_quantity,
    layout_events,
    layout_scenes,
    minute_ticks,
    pack_labels,
    story_scale_note,
    year_ticks,
)


def scene(
    scene_id: str, start: float | None = None, length: float | None = None, approximate: bool = True
) -> Scene:
    return Scene(
        id=scene_id,
        title=scene_id,
        summary="",
        position=StoryPosition("somewhere", start, length, approximate),
        production=Production(),
        people=(),
        characters=(),
        sections=(),
    )


def event(event_id: str, date: str, precision: str) -> Event:
    return Event(event_id, date, precision, event_id, "", (), ())


def starts(layout) -> dict[str, float]:
    return {p.id: p.start for p in layout.placements}


# --- scenes ---------------------------------------------------------------------------------


def test_known_scenes_keep_their_minutes_and_vagueness():
    layout = layout_scenes([scene("opening", 0, 10, approximate=False), scene("invasion", 60, 28)], 139)
    opening, invasion = layout.placements
    assert (opening.start, opening.length, opening.approximate, opening.estimated) == (0, 10, False, False)
    assert (invasion.start, invasion.length, invasion.approximate, invasion.estimated) == (60, 28, True, False)
    assert (layout.low, layout.high) == (0.0, 139.0)


def test_scenes_without_minutes_share_the_gap_between_their_neighbours_in_story_order():
    scenes = [scene("a", 0, 10), scene("b"), scene("c"), scene("d"), scene("e"), scene("f", 60, 28)]
    layout = layout_scenes(scenes, 139)
    assert starts(layout) == {"a": 0, "b": 20, "c": 30, "d": 40, "e": 50, "f": 60}
    for placement in layout.placements[1:5]:
        assert placement.estimated and placement.approximate and placement.length == 0


def test_scenes_after_the_last_known_one_fill_up_to_the_runtime_and_the_last_ends_the_film():
    layout = layout_scenes([scene("invasion", 60, 28), scene("ending"), scene("car")], 139)
    assert starts(layout) == {"invasion": 60, "ending": 113.5, "car": 139}


def test_without_a_runtime_the_strip_ends_at_the_last_known_end():
    layout = layout_scenes([scene("a", 0, 10), scene("b"), scene("c", 30, 5)], None)
    assert layout.high == 35
    assert starts(layout)["b"] == 20


def test_without_a_runtime_trailing_scenes_get_room_after_the_last_known_end():
    layout = layout_scenes([scene("a", 0, 10), scene("b", 20, 10), scene("c"), scene("d")], None)
    # two known scenes over 30 minutes: each trailing scene gets a 15-minute slot
    assert layout.high == 60
    assert 30 < starts(layout)["c"] < starts(layout)["d"] == 60


def test_without_a_runtime_or_minutes_scenes_are_drawn_in_story_order_one_slot_each():
    layout = layout_scenes([scene("a"), scene("b", None, 17), scene("c")], None)
    assert (layout.high, layout.scale) == (3, "order")
    assert [(p.start, p.estimated) for p in layout.placements] == [(0, True), (1, True), (2, True)]
    assert all(0.5 < p.length < 1 for p in layout.placements)  # a gap between slots
    assert "not to scale" in story_scale_note(layout)


def test_without_a_runtime_or_minutes_scenes_with_every_length_are_laid_end_to_end():
    # a three-scene film was drawn as 0:00–0:03, its 17-minute scene running off the axis
    layout = layout_scenes([scene("a", None, 5), scene("b", None, 17), scene("c", None, 3)], None)
    assert (layout.high, layout.scale) == (25, "lengths")
    assert [(p.start, p.length) for p in layout.placements] == [(0, 5), (5, 17), (22, 3)]
    assert "lengths" in story_scale_note(layout)


def test_without_a_runtime_a_trailing_scene_with_a_length_gets_room_for_all_of_it():
    layout = layout_scenes([scene("a", 0, 10), scene("b", 20, 10), scene("c", None, 17)], None)
    c = layout.placements[2]
    assert (c.start, c.length, layout.high, layout.scale) == (30, 17, 47, "minutes")


def test_with_a_runtime_the_scale_is_the_runtime_and_needs_no_note():
    layout = layout_scenes([scene("a", 0, 10)], 90)
    assert layout.scale == "runtime" and story_scale_note(layout) == ""


def test_a_trailing_scene_with_a_length_ends_on_the_runtime_instead_of_running_past_it():
    layout = layout_scenes([scene("a", 0, 10), scene("b", None, 20)], 100)
    assert (layout.placements[1].start, layout.high) == (80, 100)


def test_a_scene_running_past_the_runtime_stretches_the_strip():
    assert layout_scenes([scene("long", 100, 50)], 139).high == 150


def test_a_known_length_without_a_start_is_kept_and_centred_in_its_gap():
    placement = layout_scenes([scene("a", 0, 10), scene("b", None, 4), scene("c", 30, 5)], 40).placements[1]
    assert (placement.start, placement.length, placement.estimated) == (18, 4, True)


def test_scenes_out_of_time_order_never_get_a_negative_gap():
    # the next known scene starts before the previous one ends (a flashback): the one between sits at the end
    layout = layout_scenes([scene("a", 50, 20), scene("b"), scene("c", 10, 5)], 100)
    assert starts(layout)["b"] == 70


def test_no_scenes_make_an_empty_strip():
    layout = layout_scenes([], None)
    assert (layout.high, layout.placements) == (0.0, ())


minutes = st.one_of(st.none(), st.floats(min_value=0, max_value=300, allow_nan=False))


@given(
    st.lists(st.tuples(minutes, minutes), max_size=12),
    st.one_of(st.none(), st.integers(min_value=1, max_value=300)),
)
def test_every_scene_is_placed_on_the_strip_and_estimated_runs_keep_story_order(positions, runtime):
    scenes = [scene(f"s{i}", start, length) for i, (start, length) in enumerate(positions)]
    layout = layout_scenes(scenes, runtime)
    assert [p.id for p in layout.placements] == [s.id for s in scenes]
    previous_estimated = None
    for placement, (start, length) in zip(layout.placements, positions):
        assert 0 <= placement.start <= placement.start + placement.length <= layout.high + 1e-9
        assert placement.estimated == (start is None) or (runtime is None and all(s is None for s, _ in positions))
        if start is None:
            if previous_estimated is not None:
                assert placement.start >= previous_estimated
            previous_estimated = placement.start
        else:
            assert placement.start + placement.length <= layout.high
            previous_estimated = None


# --- story wording --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minute", "text"), [(0, "0:00"), (10, "0:10"), (88, "1:28"), (139, "2:19"), (59.6, "1:00")]
)
def test_format_minute(minute, text):
    assert format_minute(minute) == text


@pytest.mark.parametrize(
    ("position", "text"),
    [
        (StoryPosition("the first ten minutes", 0, 10, approximate=False), "0:00–0:10"),
        (StoryPosition("about an hour in", 60, 28), "≈ 1:00–1:28"),
        (StoryPosition("the final minute", 11), "≈ 0:11"),
        (StoryPosition("near the end"), "near the end"),
    ],
)
def test_format_position(position, text):
    assert format_position(position) == text


def test_format_length_and_quantities():
    assert format_length(StoryPosition("", 60, 28)) == "28 min"
    assert format_length(StoryPosition("", 0, 2.5)) == "2.5 min"
    assert format_length(StoryPosition("", 11)) == ""
    assert [format_quantity(n, "day") for n in (1, 3, 0.5)] == ["1 day", "3 days", "0.5 days"]


# --- events ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "precision", "text"),
    [
        ("2022-01-14", "day", "14 Jan 2022"),
        ("2021-07", "month", "Jul 2021"),
        ("2008", "year", "2008"),
        ("2001", "approximate", "c. 2001"),
        ("2021-07", "approximate", "c. Jul 2021"),
    ],
)
def test_format_event_date(date, precision, text):
    assert format_event_date(date, precision) == text


def test_event_span_by_precision():
    assert event_span("2022-01-01", "day") == (2022.0, 0.0)
    start, length = event_span("2022-07-02", "day")  # day 183 of 365
    assert start == pytest.approx(2022 + 182 / 365) and length == 0
    assert event_span("2021-07", "month") == pytest.approx((2021.5, 1 / 12))
    assert event_span("2000", "year") == (2000.0, 1.0)
    assert event_span("2001", "approximate") == (2001.0, 1.0)


def test_events_span_whole_years_from_the_first_to_the_end_of_the_last():
    layout = layout_events(
        [
            event("debut", "2000", "year"),
            event("wedding", "2001", "approximate"),
            event("scream", "2022-01-14", "day"),
        ]
    )
    assert (layout.low, layout.high) == (2000.0, 2023.0)
    assert [p.approximate for p in layout.placements] == [False, True, False]
    assert layout_events([]).placements == ()


@pytest.mark.parametrize(
    ("events", "end"),
    [
        ([("2022", "year")], 2023),
        ([("2022-03", "month"), ("2022-10-05", "day")], 2023),
        ([("2022-12", "month")], 2023),  # twelve twelfths make a whole year
        ([("2022-01-01", "day")], 2023),  # a point needs the rest of its year
        ([("2022-06", "month"), ("2023", "approximate")], 2024),
    ],
)
def test_events_in_one_year_make_a_one_year_strip(events, end):
    layout = layout_events([event(f"e{i}", date, precision) for i, (date, precision) in enumerate(events)])
    assert (layout.low, layout.high) == (2022.0, end)


# --- axes -----------------------------------------------------------------------------------


def test_minute_ticks_pick_the_finest_step_whose_labels_fit():
    assert minute_ticks(139, 40) == tuple(Tick(m, format_minute(m)) for m in (0, 30, 60, 90, 120))
    assert [t.value for t in minute_ticks(139, 160)] == list(range(0, 139, 10))
    assert minute_ticks(139, 0) == () and minute_ticks(0, 40) == ()


def test_year_ticks_are_round_years():
    assert [t.label for t in year_ticks(2000, 2025, 40)] == ["2000", "2005", "2010", "2015", "2020", "2025"]
    assert [t.value for t in year_ticks(2009, 2023, 80)] == list(range(2010, 2024, 2))


def test_a_short_production_axis_is_ticked_in_months_with_the_year_on_january():
    assert [t.label for t in year_ticks(2022, 2023, 80)] == [
        "2022", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "2023"
    ]
    assert [t.label for t in year_ticks(2022, 2023, 30)] == ["2022", "Apr", "Jul", "Oct", "2023"]
    assert [t.label for t in year_ticks(2021, 2023, 30)] == ["2021", "Jul", "2022", "Jul", "2023"]
    assert year_ticks(2022, 2023, 30)[1].value == pytest.approx(2022.25)
    assert [t.label for t in year_ticks(2021, 2023, 20)] == ["2021", "2022", "2023"]  # months do not fit


def test_ticks_fall_back_to_the_first_label_when_nothing_fits():
    assert minute_ticks(100_000, 10) == (Tick(0, "0:00"),)


def test_pack_labels_pulls_the_last_label_in_and_skips_crowded_ones():
    assert pack_labels(12, [(0, "0:00"), (3, "0:30"), (10, "1:00")]) == "0:00    1:00"
    assert pack_labels(3, [(0, "2000")]) == "   "


@given(
    st.integers(min_value=0, max_value=60),
    st.lists(st.tuples(st.integers(0, 60), st.text(min_size=1, max_size=6))),
)
def test_pack_labels_always_fills_exactly_the_width(width, labels):
    assert len(pack_labels(width, sorted(labels))) == width


def test_the_layout_module_imports_neither_textual_nor_rich():
    probe = (
        "import sys, anora_tui.core.timeline_layout; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- captions -------------------------------------------------------------------------------


def test_film_caption_names_the_film_its_runtime_and_where_the_runtime_comes_from():
    article = Article("A", "P", "2024", (), "Salt Hour", 12, "The article calls it a twelve-minute short.")
    caption = film_caption(article, layout_scenes([scene("a", 0, 2)], 12))
    assert caption == "Salt Hour · 12 min · The article calls it a twelve-minute short."


def test_film_caption_without_a_runtime_says_what_the_strip_is_drawn_to():
    article = Article("A", "P", "2024", (), "Quarry Light")
    caption = film_caption(article, layout_scenes([scene("a"), scene("b")], None))
    assert caption == "Quarry Light · no runtime or minutes given: scenes in story order, not to scale"
    assert film_caption(Article("A", "P", "2024", (), film_runtime_minutes=90), layout_scenes([], 90)) == "90 min · no scenes"


def test_film_caption_without_scenes_says_so_not_how_they_would_be_drawn():
    assert film_caption(Article("A", "P", "2024", (), "Quarry Light"), layout_scenes([], None)) == "Quarry Light · no scenes"


def test_events_caption_counts_the_events_their_years_and_the_undated():
    one = [event("a", "2022-03", "month")]
    assert events_caption(layout_events(one), one) == "1 event in 2022"
    two = [event("a", "2000", "year"), event("b", "2024-01-05", "day")]
    assert events_caption(layout_events(two), two) == "2 events, 2000–2024"
    assert events_caption(layout_events([]), []) == "no production events"
    mixed = [event("a", "2022-03", "month"), undated("u", "during the shoot")]
    assert events_caption(layout_events(mixed), mixed) == "2 events in 2022 (1 undated: placed by their order)"
    none = [undated("u"), undated("v")]
    assert events_caption(layout_events(none), none) == "2 events (all undated: placed by their order)"


def undated(event_id: str, when: str = "") -> Event:
    return Event(event_id, "", "", event_id, "", (), (), when=when)


def test_undated_events_are_placed_by_their_order_between_the_dated_ones():
    events = [undated("u0"), event("a", "2022-03", "month"), undated("u1"), undated("u2"), event("b", "2022-09", "month"), undated("u3")]
    layout = layout_events(events)
    where = {p.id: p for p in layout.placements}
    assert (layout.low, layout.high, layout.scale) == (2022, 2023, "years")
    assert 2022 < where["u0"].start < where["a"].start
    a_end = where["a"].start + where["a"].length
    assert a_end < where["u1"].start < where["u2"].start < where["b"].start
    assert where["b"].start + where["b"].length < where["u3"].start < 2023
    assert all(where[u].estimated and where[u].length == 0 for u in ("u0", "u1", "u2", "u3"))
    assert not where["a"].estimated


def test_with_no_dated_event_the_strip_is_in_order():
    layout = layout_events([undated("u0"), undated("u1")])
    assert (layout.scale, layout.high, [p.start for p in layout.placements]) == ("order", 2, [0, 1])


def test_an_undated_event_reads_as_its_words_or_undated():
    assert event_when(undated("u", "during the shoot")) == "during the shoot"
    assert event_when(undated("u")) == "undated"
    assert event_when(event("a", "2022-01-14", "day")) == "14 Jan 2022"


def test_undated_events_keep_their_place_after_the_dated_event_before_them():
    events = [undated("first"), event("late", "2024", "year"), undated("after-late"), event("early", "2001", "year"), undated("after-early")]
    assert [e.id for e in sort_events(events)] == ["early", "after-early", "first", "late", "after-late"]
