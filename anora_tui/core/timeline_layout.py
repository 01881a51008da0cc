"""Where things fall on the timeline pane's strips, and how their times read. Pure Python.

The story track lays scenes over the film's minutes; the production track lays events over years.
Scenes the article gives no minutes for are *estimated*: spread evenly, in story order, over the gap
between their placed neighbours, as one-cell points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date as Date
from typing import Callable, Iterable, Sequence

from .model import Event, Scene, StoryPosition

MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MINUTE_TICK_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 240)
YEAR_TICK_STEPS = (1, 2, 5, 10, 20, 50, 100)


@dataclass(frozen=True, slots=True)
class Placement:
    """One record's place on a strip, in the strip's units (minutes or years)."""

    id: str
    start: float
    length: float  # 0: a point (drawn as one cell)
    approximate: bool  # the article is vague about it
    estimated: bool = False  # the article gives no number: placed by story order


@dataclass(frozen=True, slots=True)
class StripLayout:
    """Placements over a strip running from `low` to `high` units."""

    low: float
    high: float
    placements: tuple[Placement, ...]

    @property
    def span(self) -> float:
        return self.high - self.low


@dataclass(frozen=True, slots=True)
class Tick:
    value: float  # in strip units
    label: str


# --- story track ----------------------------------------------------------------------------


def layout_scenes(scenes: Sequence[Scene], runtime_minutes: float | None) -> StripLayout:
    """Place every scene on a strip of the film's minutes, in story order.

    The strip runs to the runtime, or (runtime unknown) to the last known scene end plus room for
    any estimated scenes after it; a scene that runs past the runtime stretches the strip.
    """
    positions = [scene.position for scene in scenes]
    known_ends = [_end(p) for p in positions if p.start_minute is not None]
    high = float(max([runtime_minutes or 0.0, *known_ends]))
    trailing = _trailing_unknown_count(positions)
    if runtime_minutes is None and trailing:
        slot = high / (len(positions) - trailing) if high > 0 else 1.0
        high += trailing * slot

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
    return StripLayout(0.0, high, placements)


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
    """Start minutes for the scenes without one: each run of them shares the gap between the end of
    the placed scene before it (or 0) and the start of the placed scene after it (or the strip's end,
    where the run's last scene is placed)."""
    result: dict[int, float] = {}
    run: list[int] = []
    lower = 0.0
    for index, position in enumerate([*positions, None]):
        if position is not None and position.start_minute is None:
            run.append(index)
            continue
        upper = high if position is None else position.start_minute
        upper = max(upper, lower)
        # A run that closes the film ends on its last minute: the last scene is the film's end.
        slots = len(run) if position is None else len(run) + 1
        for k, run_index in enumerate(run):
            result[run_index] = min(upper, lower + (k + 1) * (upper - lower) / slots)
        run = []
        if position is not None:
            lower = _end(position)
    return result


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


def layout_events(events: Iterable[Event]) -> StripLayout:
    """Place events on a strip of whole years, from the first event's year to the end of the last's."""
    placements = []
    for event in events:
        start, length = event_span(event.date, event.precision)
        placements.append(Placement(event.id, start, length, approximate=event.precision == "approximate"))
    if not placements:
        return StripLayout(0.0, 0.0, ())
    low = math.floor(min(p.start for p in placements))
    high = math.floor(max(p.start + p.length for p in placements)) + 1
    return StripLayout(float(low), float(high), tuple(placements))


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


def minute_ticks(total_minutes: float, width: int) -> tuple[Tick, ...]:
    """Evenly spaced h:mm ticks from 0, spaced so that labels keep at least two cells apart."""
    return _ticks(0.0, total_minutes, width, MINUTE_TICK_STEPS, format_minute)


def year_ticks(low: float, high: float, width: int) -> tuple[Tick, ...]:
    """Ticks at round years between `low` and `high`, spaced like `minute_ticks`."""
    return _ticks(low, high, width, YEAR_TICK_STEPS, lambda value: str(int(value)))


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
