"""Where things fall on the timeline pane's strips, and how their times read. Pure Python.

The story track lays scenes over the film's minutes; the production track lays events over years.
Scenes the article gives no minutes for are *estimated*: spread evenly, in story order, over the gap
between their placed neighbours, as one-cell points.
"""

from __future__ import annotations

import math
from datetime import date as Date
from typing import Callable, Iterable, NamedTuple, Sequence

from .model import Article, Event, Scene, StoryPosition

MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MINUTE_TICK_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 240)
YEAR_TICK_STEPS = (1, 2, 5, 10, 20, 50, 100)
ORDER_SLOT_FILL = 0.85  # of its slot, a scene (or event) placed only by its order is drawn over
ORDER_TICK_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
MONTH_TICK_STEPS = (1, 2, 3, 6)  # months that divide a year, so every year's January is a tick
MONTH_TICKS_UP_TO_YEARS = 3


class Placement(NamedTuple):
    """One record's place on a strip, in the strip's units (minutes or years)."""

    id: str
    start: float
    length: float  # 0: a point (drawn as one cell)
    approximate: bool  # the article is vague about it
    estimated: bool = False  # the article gives no number: placed by story order


class StripLayout(NamedTuple):
    """Placements over a strip running from `low` to `high` units."""

    low: float
    high: float
    placements: tuple[Placement, ...]
    # What the strip's units are: "runtime" or "minutes" (the film's minutes, to its runtime or as far
    # as the article times its scenes), "lengths" (minutes: the scenes' lengths end to end), "order"
    # (one slot per scene, in story order: no minute axis) or "years".
    scale: str = "runtime"

    @property
    def span(self) -> float:
        return self.high - self.low


class Tick(NamedTuple):
    """A labelled mark on the strip's axis."""

    value: float  # in strip units
    label: str


# --- story track ----------------------------------------------------------------------------


def layout_scenes(scenes: Sequence[Scene], runtime_minutes: float | None) -> StripLayout:
    """Place every scene on a strip, in story order.

    With a runtime or any scene's start minute, the strip is the film's minutes: it runs to the
    runtime, or (runtime unknown) to the last scene's end with room for the scenes after the last
    one placed; nothing ever runs past the strip's end. With neither, the scenes are laid end to end
    from their lengths when every one is known, and otherwise drawn in story order, one equal slot
    each, with no minute axis (`scale` says which).
    """
    positions = [scene.position for scene in scenes]
    if runtime_minutes is None and all(p.start_minute is None for p in positions):
        return _layout_without_minutes(scenes)
    known_ends = [_end(p) for p in positions if p.start_minute is not None]
    high = float(max([runtime_minutes or 0.0, *known_ends]))
    trailing = positions[len(positions) - _trailing_unknown_count(positions) :]
    if runtime_minutes is None and trailing:
        slot = high / (len(positions) - len(trailing)) if high > 0 else 1.0
        high += sum(slot if p.length_minutes is None else p.length_minutes for p in trailing)

    estimated = _spread_unknown(positions, high)
    placements = tuple(
        Placement(
            id=scene.id,
            start=estimated[i] if position.start_minute is None else position.start_minute,
            length=position.length_minutes or 0.0,
            approximate=position.approximate or position.start_minute is None,
            estimated=position.start_minute is None,
        )
        for i, (scene, position) in enumerate(zip(scenes, positions))
    )
    high = max([high, *(p.start + p.length for p in placements)])
    return StripLayout(0.0, high, placements, "runtime" if runtime_minutes is not None else "minutes")


def _layout_without_minutes(scenes: Sequence[Scene]) -> StripLayout:
    lengths = [scene.position.length_minutes for scene in scenes]
    by_length = bool(scenes) and None not in lengths and sum(lengths) > 0  # type: ignore[arg-type]
    placements = []
    start = 0.0
    for scene, length in zip(scenes, lengths):
        slot = length if by_length else 1.0
        drawn = slot if by_length else ORDER_SLOT_FILL  # in order, a gap shows where one slot ends
        placements.append(Placement(scene.id, start, drawn, approximate=True, estimated=True))
        start += slot
    return StripLayout(0.0, start, tuple(placements), "lengths" if by_length else "order")


def _end(position: StoryPosition) -> float:
    return (position.start_minute or 0.0) + (position.length_minutes or 0.0)


def _trailing_unknown_count(positions: Sequence[StoryPosition]) -> int:
    count = 0
    for position in reversed(positions):
        if position.start_minute is not None:
            break
        count += 1
    return count


def _spread_unknown(positions: Sequence[StoryPosition], high: float) -> dict[int, float]:
    """Start minutes for the scenes without one: each run of them shares what its known lengths
    leave of the gap between the end of the placed scene before it (or 0) and the start of the
    placed scene after it (or the strip's end, where the run's last scene ends)."""
    result: dict[int, float] = {}
    run: list[int] = []
    lower = 0.0
    for index, position in enumerate([*positions, None]):
        if position is not None and position.start_minute is None:
            run.append(index)
            continue
        upper = high if position is None else position.start_minute
        lengths = [positions[i].length_minutes or 0.0 for i in run]
        free = max(0.0, upper - lower - sum(lengths))
        # A run that closes the film ends on its last minute: the last scene is the film's end.
        slots = len(run) if position is None else len(run) + 1
        before = 0.0  # the lengths of the run's scenes so far
        for k, run_index in enumerate(run):
            result[run_index] = lower + (k + 1) * free / slots + before
            before += lengths[k]
        run = []
        if position is not None:
            lower = _end(position)
    return result


def story_scale_note(layout: StripLayout) -> str:
    """What the story strip is drawn to, when it is not the film's runtime."""
    return _STORY_SCALE_NOTES.get(layout.scale, "")


_STORY_SCALE_NOTES = {
    "minutes": "no runtime given: the strip runs to the last scene's end",
    "lengths": "no runtime given: the scenes' lengths laid end to end",
    "order": "no runtime or minutes given: scenes in story order, not to scale",
}


def film_caption(article: Article, layout: StripLayout) -> str:
    """The story track's caption: the film's title, its runtime (or, without one, what the strip is
    drawn to instead) and the note on where the runtime comes from, each where the data has it; "no
    scenes" when there are none."""
    parts = [article.film_title] if article.film_title else []
    runtime = article.film_runtime_minutes
    if runtime is not None:
        parts.append(format_quantity(runtime, "min"))
    elif layout.placements and (note := story_scale_note(layout)):
        parts.append(note)
    if article.film_runtime_note:
        parts.append(article.film_runtime_note)
    if not layout.placements:
        parts.append("no scenes")  # as the production track says "no production events"
    return " · ".join(parts)


def format_minute(minute: float) -> str:
    """Minutes from the film's start as h:mm, e.g. 88 -> "1:28"."""
    whole = round(minute)
    return f"{whole // 60}:{whole % 60:02d}"


def format_position(position: StoryPosition) -> str:
    """"0:00–0:10", "≈ 1:00–1:28", "≈ 0:11" (start only), or the description when no minutes
    are known."""
    if position.start_minute is None:
        return position.description
    text = format_minute(position.start_minute)
    if position.length_minutes is not None:
        text += "–" + format_minute(position.start_minute + position.length_minutes)
    return f"≈ {text}" if position.approximate else text


def format_quantity(value: float, unit: str) -> str:
    """"28 min", "2.5 min", "1 day", "3 days": `unit` is singular; units other than "min" take an s."""
    number = f"{value:g}"
    plural = unit != "min" and value != 1
    return f"{number} {unit}{'s' if plural else ''}"


def format_length(position: StoryPosition) -> str:
    """"28 min", or "" when the article does not say how long it runs."""
    if position.length_minutes is None:
        return ""
    return format_quantity(position.length_minutes, "min")


# --- production track -----------------------------------------------------------------------


def event_span(date: str, precision: str) -> tuple[float, float]:
    """Where a date falls in (fractional) years, and how long the stretch it names is: a day is a
    point, a month a twelfth, a year (or anything approximate, at year resolution) a whole year."""
    parts = [int(part) for part in date.split("-")]
    year = parts[0]
    if len(parts) == 3:
        day = Date(*parts)
        start_of_year = Date(year, 1, 1)
        days_in_year = (Date(year + 1, 1, 1) - start_of_year).days
        return year + (day - start_of_year).days / days_in_year, 0.0
    if len(parts) == 2:
        return year + (parts[1] - 1) / 12, 1 / 12
    return float(year), 1.0


def layout_events(events: Sequence[Event]) -> StripLayout:
    """Place events on a strip of whole years, from the start of the first dated event's year to the
    end of the last one's (one year when they all fall in one). An undated event is placed by its
    order: spread, like a scene without minutes, over the gap between the dated events around it.
    With no dated event at all, every event gets one slot, in order (`scale` "order")."""
    spans = [event_span(event.date, event.precision) if event.dated else None for event in events]
    dated = [span for span in spans if span is not None]
    if not dated:
        placements = tuple(Placement(e.id, float(i), ORDER_SLOT_FILL, True, estimated=True) for i, e in enumerate(events))
        return StripLayout(0.0, float(len(placements)), placements, "order" if placements else "years")
    low = math.floor(min(start for start, _ in dated))
    # A stretch ends where it ends (rounded: twelve twelfths of a year must make a whole one); a
    # point needs the rest of its year.
    high = max(math.ceil(round(start + length, 9)) if length else math.floor(start) + 1 for start, length in dated)
    starts = _spread_by_order(spans, low, high)
    placements = tuple(
        Placement(event.id, starts[i], 0.0, approximate=True, estimated=True)
        if span is None
        else Placement(event.id, span[0], span[1], approximate=event.precision == "approximate")
        for i, (event, span) in enumerate(zip(events, spans))
    )
    return StripLayout(float(low), float(high), placements, "years")


def _spread_by_order(spans: Sequence[tuple[float, float] | None], low: float, high: float) -> dict[int, float]:
    """Places for the undated (None) among dated spans: each run of them evenly between the end of the
    dated one before it (or `low`) and the start of the one after it (or `high`)."""
    result: dict[int, float] = {}
    run: list[int] = []
    lower = low
    for index, span in enumerate([*spans, None]):
        if index < len(spans) and span is None:
            run.append(index)
            continue
        upper = high if index == len(spans) else span[0]
        upper = max(upper, lower)
        for k, run_index in enumerate(run):
            result[run_index] = lower + (k + 1) * (upper - lower) / (len(run) + 1)
        run = []
        if index < len(spans):
            lower = max(lower, span[0] + span[1])
    return result


def event_when(event: Event) -> str:
    """When an event happened, as the lists show it: its date ("14 Jan 2022", "c. 2001"), or for an
    undated one the article's words for it, or "undated"."""
    if event.dated:
        return format_event_date(event.date, event.precision)
    return event.when or "undated"


def events_caption(layout: StripLayout, events: Sequence[Event]) -> str:
    """The production track's caption: how many events, over which years, how many undated."""
    count = len(events)
    if not count:
        return "no production events"
    text = f"{count} event{'s' if count != 1 else ''}"
    undated = sum(not event.dated for event in events)
    if undated < count:
        first, last = int(layout.low), int(layout.high) - 1
        text += f" in {first}" if first == last else f", {first}–{last}"
    if undated:
        text += f" ({'all' if undated == count else undated} undated: placed by their order)"
    return text


def format_event_date(date: str, precision: str) -> str:
    """"14 Jan 2022" (day), "Jul 2021" (month), "2008" (year), "c. 2001" (approximate)."""
    parts = date.split("-")
    text = parts[0]
    if len(parts) >= 2:
        text = f"{MONTH_ABBREVIATIONS[int(parts[1]) - 1]} {text}"
    if len(parts) == 3:
        text = f"{int(parts[2])} {text}"
    return f"c. {text}" if precision == "approximate" else text


# --- axes -----------------------------------------------------------------------------------


def axis_ticks(layout: StripLayout, width: int) -> tuple[Tick, ...]:
    """The ticks of a strip's axis, in its own units (see `StripLayout.scale`)."""
    if layout.scale == "years":
        return year_ticks(layout.low, layout.high, width)
    if layout.scale == "order":
        return order_ticks(len(layout.placements), width)
    return minute_ticks(layout.span, width)


def order_ticks(count: int, width: int) -> tuple[Tick, ...]:
    """Scene numbers at the start of their slots (one slot per scene), spaced like `minute_ticks`."""
    if count <= 0 or width <= 0:
        return ()
    label_width = len(str(count))
    step = next((s for s in ORDER_TICK_STEPS if s / count * width >= label_width + 2), count)
    return tuple(Tick(float(index), str(index + 1)) for index in range(0, count, step))


def minute_ticks(total_minutes: float, width: int) -> tuple[Tick, ...]:
    """Evenly spaced h:mm ticks from 0, spaced so that labels keep at least two cells apart."""
    return _ticks(0.0, total_minutes, width, MINUTE_TICK_STEPS, format_minute)


def year_ticks(low: float, high: float, width: int) -> tuple[Tick, ...]:
    """Ticks at round years between `low` and `high`, spaced like `minute_ticks`; over a span of a
    few years, at months instead where they fit ("2022", "Apr", "Jul", …)."""
    if 0 < high - low <= MONTH_TICKS_UP_TO_YEARS and width > 0:
        ticks = _month_ticks(round(low * 12), round(high * 12), width)
        if ticks:
            return ticks
    return _ticks(low, high, width, YEAR_TICK_STEPS, lambda value: str(int(value)))


def _month_ticks(first_month: int, last_month: int, width: int) -> tuple[Tick, ...]:
    """Ticks at month starts (months counted from year 0), January labelled with its year; () if
    even the widest step crowds its labels."""
    months = last_month - first_month
    for step in MONTH_TICK_STEPS:
        if step / months * width >= 4 + 2:  # "2022" or "Apr", two cells apart
            start = -(-first_month // step) * step
            return tuple(
                Tick(month / 12, str(month // 12) if month % 12 == 0 else MONTH_ABBREVIATIONS[month % 12])
                for month in range(start, last_month + 1, step)
            )
    return ()


def _ticks(
    low: float, high: float, width: int, steps: Sequence[int], label: Callable[[float], str]
) -> tuple[Tick, ...]:
    span = high - low
    if span <= 0 or width <= 0:
        return ()
    label_width = max(len(label(low)), len(label(high)))
    for step in steps:
        if step / span * width >= label_width + 2:
            first = math.ceil(low / step) * step
            count = int((high - first) // step) + 1
            return tuple(Tick(first + i * step, label(first + i * step)) for i in range(count))
    return (Tick(low, label(low)),)


def pack_labels(width: int, labels: Iterable[tuple[int, str]]) -> str:
    """A line of `width` cells with each label starting at its cell (pulled left to fit the line);
    a label that would touch the one before it is left out."""
    line = [" "] * max(0, width)
    next_free = 0
    for cell, label in labels:
        start = min(cell, width - len(label))
        if start < next_free or start < 0:
            continue
        line[start : start + len(label)] = label
        next_free = start + len(label) + 1
    return "".join(line)
