"""Where the reader can be, and the browser-like history of jumps between places. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

LocationKind = Literal["section", "person", "scene", "event", "quote"]


@dataclass(frozen=True, slots=True)
class Location:
    """A place to jump to.

    - ``section``: ``id`` is a section id; ``paragraph`` (1-based) and ``span`` (character offsets in
      that paragraph) optionally say what to bring into view and highlight; ``marks`` are more spans
      to mark there (the words a text search found).
    - ``person`` / ``scene`` / ``event``: the detail view of that record.
    - ``quote``: the quote's paragraph in the reading pane, with the quote highlighted.

    `scroll` and `cursor` say where the reader was in the place when they left it, so that Back
    returns there: for a section, `paragraph` is the one at the top of the pane and `scroll` how far
    into it the top is (0: the blank line above it, else 1 + characters into its text, then its
    credit and notes), so that it means the same at any width; for a detail, `cursor` is the highlighted row, `scroll` the
    row at the top of its list and `into` how many of that row's lines are above the top (a tall
    row can be partly scrolled past), and `text` what the reading pane beside it showed, as (section id,
    paragraph at the top, how far into it), so that Back from a jump into the text brings both back.
    They are not part of what the place is (two locations that differ only in them are equal).
    """

    kind: LocationKind
    id: str
    paragraph: int | None = None
    span: tuple[int, int] | None = None
    marks: tuple[tuple[int, int], ...] = ()
    scroll: int | None = field(default=None, compare=False)
    cursor: int | None = field(default=None, compare=False)
    text: tuple[str, int, int] | None = field(default=None, compare=False)
    into: int | None = field(default=None, compare=False)


class History:
    """Back and forward through visited locations, like a browser: a new visit drops the forward list."""

    def __init__(self, limit: int = 500) -> None:
        self._back: list[Location] = []
        self._forward: list[Location] = []
        self._current: Location | None = None
        self._limit = limit

    @property
    def current(self) -> Location | None:
        return self._current

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def visit(self, location: Location) -> None:
        if location == self._current:
            return
        if self._current is not None:
            self._back.append(self._current)
            del self._back[: -self._limit]
        self._current = location
        self._forward.clear()

    def back(self) -> Location | None:
        if not self._back:
            return None
        if self._current is not None:
            self._forward.append(self._current)
        self._current = self._back.pop()
        return self._current

    def forward(self) -> Location | None:
        if not self._forward:
            return None
        if self._current is not None:
            self._back.append(self._current)
        self._current = self._forward.pop()
        return self._current

    def replace_current(self, location: Location) -> None:
        """Put `location` in place of the current visit (the same place, as it is now: its scroll
        position), without touching the back and forward lists."""
        self._current = location

    def keep_only(self, still_there) -> None:
        """Forget the visits for which `still_there(location)` is false (e.g. places a changed dataset
        no longer has); the current place falls back to the nearest earlier one that remains."""
        self._back = [loc for loc in self._back if still_there(loc)]
        self._forward = [loc for loc in self._forward if still_there(loc)]
        if self._current is not None and not still_there(self._current):
            self._current = self._back.pop() if self._back else None

    def snapshot(self) -> dict:
        """Plain data for the state file."""
        return {
            "back": [location_to_plain(loc) for loc in self._back],
            "current": location_to_plain(self._current) if self._current else None,
            "forward": [location_to_plain(loc) for loc in self._forward],
        }

    @classmethod
    def restore(cls, data: object, limit: int = 500) -> "History":
        """Rebuild from `snapshot()` output; anything malformed yields an empty history."""
        history = cls(limit)
        try:
            history._back = [location_from_plain(x) for x in data["back"]][-limit:]  # type: ignore[index]
            current = data["current"]  # type: ignore[index]
            history._current = location_from_plain(current) if current else None
            history._forward = [location_from_plain(x) for x in data["forward"]][-limit:]  # type: ignore[index]
        except (KeyError, TypeError, ValueError):
            return cls(limit)
        return history


def location_to_plain(location: Location) -> dict:
    """Plain data for the state file."""
    plain = {
        "kind": location.kind,
        "id": location.id,
        "paragraph": location.paragraph,
        "span": list(location.span) if location.span else None,
        "marks": [list(mark) for mark in location.marks],
    }
    for name in ("scroll", "cursor", "into"):
        value = getattr(location, name)
        if value is not None:
            plain[name] = value
    if location.text is not None:
        plain["text"] = list(location.text)
    return plain


def location_from_plain(data: dict) -> Location:
    """The location `location_to_plain` wrote; ValueError, KeyError or TypeError if malformed."""
    kind = data["kind"]
    if kind not in ("section", "person", "scene", "event", "quote") or not isinstance(data["id"], str):
        raise ValueError(f"bad location {data!r}")
    paragraph = data.get("paragraph")
    span = data.get("span")
    if paragraph is not None and not _is_int(paragraph):
        raise ValueError("bad paragraph")
    if span is not None:
        span = _span(span)
    marks = data.get("marks") or []  # absent from files saved before marks were kept
    if not isinstance(marks, list):
        raise ValueError("bad marks")
    view = {name: data.get(name) for name in ("scroll", "cursor", "into")}  # `into`: absent from older files
    if any(value is not None and not (_is_int(value) and value >= 0) for value in view.values()):
        raise ValueError("bad scroll position")
    text = data.get("text")  # absent from files saved before it was kept
    if text is not None:
        section_id, top, into = text
        if not (isinstance(section_id, str) and _is_int(top) and _is_int(into) and top >= 0 and into >= 0):
            raise ValueError("bad text position")
        text = (section_id, top, into)
    return Location(kind, data["id"], paragraph, span, tuple(_span(mark) for mark in marks), **view, text=text)


def _span(data: object) -> tuple[int, int]:
    start, end = data  # type: ignore[misc]
    if not (_is_int(start) and _is_int(end)):
        raise ValueError("bad span")
    return (start, end)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
