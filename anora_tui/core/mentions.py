"""Finding people's names in the article: the `NameFinder`, every person's mentions (a scan of the
whole article), one paragraph's mentions alone, and `DatasetMentions`, the part of `Dataset` that
answers for them (made on first use, once, whichever thread asks first). Pure Python.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections import defaultdict
from functools import cached_property
from itertools import accumulate, count
from types import MappingProxyType
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, NamedTuple, Sequence

if TYPE_CHECKING:
    from .model import Article, Note, Person

_EMPTY: tuple = ()
_WORD = re.compile(r"\w+")
_MENTIONS_LOCK = threading.RLock()
MENTION_SCAN_QUICK = 2_000_000  # characters of paragraphs scanned for names while the reader starts


class Mention(NamedTuple):
    """Where a person is named: one paragraph, how many times, and where in it."""

    section: str
    paragraph: int  # 1-based
    count: int
    spans: tuple[tuple[int, int], ...]  # character offsets of each naming in the paragraph
    via_note: bool = False  # named only through an editorial note (the source names someone else)


class DatasetMentions:
    """Who is named where: the mentions part of `Dataset` (which derives from this class)."""

    # Mentions are computed on first use: a scan of every paragraph that quote search and the
    # `quotes` command never need, and that dominates loading a large archive. One paragraph's are
    # found on their own (`mentions_in`), so what is on screen never waits for the whole scan; the
    # whole scan (every person's mentions and counts) may be made ahead, from another thread
    # (`count_mentions`), while the reader is used.
    @cached_property
    def _mentions(self) -> Mapping[str, tuple[Mention, ...]]:
        with _MENTIONS_LOCK:  # one scan, whichever thread asks first
            made = self.__dict__.get("_mentions")
            if made is None:
                made = _stored_mentions(self.stored("mentions"))
            if made is None:
                made = MappingProxyType(_compute_mentions(self.article, self.people, self.notes, self._name_finder))
            return made

    @cached_property
    def _name_finder(self) -> "NameFinder":
        with _MENTIONS_LOCK:
            finder = self.__dict__.get("_name_finder")
            return finder if finder is not None else NameFinder(self.people)

    @cached_property
    def _paragraph_mentions(self) -> dict[tuple[str, int], tuple[tuple[str, Mention], ...]]:
        return {}  # (section, paragraph) -> (person id, mention), filled as paragraphs are asked for

    @cached_property
    def _person_order(self) -> Mapping[str, int]:
        return MappingProxyType(dict(zip(self.values_of("people", "id"), count())))  # type: ignore[attr-defined]

    @cached_property
    def paragraph_starts(self) -> tuple[int, ...]:
        """Where each section's paragraphs begin among the whole article's (section i's first is
        number `paragraph_starts[i]`, from 0), then how many paragraphs there are in all. Counted
        once: a million quotes' article has 260,000 sections."""
        return tuple(accumulate((len(section.paragraphs) for section in self.article.sections), initial=0))

    def mentions_of(self, person_id: str) -> tuple[Mention, ...]:
        """Every paragraph that names the person, in article order (scans the whole article once)."""
        return self._mentions.get(person_id, _EMPTY)

    def mention_count(self, person_id: str) -> int:
        return sum(m.count for m in self.mentions_of(person_id))

    @property
    def mentions_counted(self) -> bool:
        """Whether every person's mentions are known already (`mentions_of` answers at once): counted,
        or held by the load cache (then read now)."""
        if "_mentions" in self.__dict__:
            return True
        with _MENTIONS_LOCK:
            if "_mentions" not in self.__dict__:
                stored = _stored_mentions(self.stored("mentions"))
                if stored is None:
                    return False
                self.__dict__["_mentions"] = stored
        return True

    @cached_property
    def mentions_are_quick(self) -> bool:
        """Whether scanning the whole article for names is quick enough to do while starting (a
        few milliseconds: under MENTION_SCAN_QUICK characters of paragraphs), or needless (they
        are counted already, or the load cache holds them: its paragraphs are not read for this)."""
        if self.mentions_counted:
            return True
        total = 0
        for section in self.sections:
            total += sum(map(len, section.paragraphs))
            if total > MENTION_SCAN_QUICK:
                return False
        return True

    def count_mentions(self) -> None:
        """Find every person's mentions now (safe from another thread)."""
        self._mentions

    def mentions_in(self, section_id: str, paragraph: int) -> tuple[tuple[str, Mention], ...]:
        """(person id, mention) for each person named in one paragraph, in dataset order: found in
        that paragraph alone, without scanning the rest of the article."""
        key = (section_id, paragraph)
        found = self._paragraph_mentions.get(key)
        if found is None:
            found = self._paragraph_mentions[key] = self._find_in_paragraph(section_id, paragraph)
        return found

    @cached_property
    def _mentions_by_paragraph(self) -> dict[tuple[str, int], tuple[tuple[str, Mention], ...]]:
        """Every paragraph's (person id, mention), from every person's mentions (once they are known)."""
        by_paragraph: dict[tuple[str, int], list[tuple[str, Mention]]] = defaultdict(list)
        for person_id, mentions in self._mentions.items():
            for mention in mentions:
                by_paragraph[(mention.section, mention.paragraph)].append((person_id, mention))
        order = self._person_order
        return {
            key: tuple(sorted(found, key=lambda item: order.get(item[0], len(order))))
            for key, found in by_paragraph.items()
        }

    def _find_in_paragraph(self, section_id: str, paragraph: int) -> tuple[tuple[str, Mention], ...]:
        if self.mentions_counted:  # known already: no need of the name finder
            return self._mentions_by_paragraph.get((section_id, paragraph), _EMPTY)
        spans_by_person: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for person_id, start, end in self._name_finder.find(self.paragraph(section_id, paragraph)):
            spans_by_person[person_id].append((start, end))
        found = {
            person_id: Mention(section_id, paragraph, len(spans), tuple(spans))
            for person_id, spans in spans_by_person.items()
        }
        for note in self.notes_in(section_id, paragraph):
            for person_id in note.refers_to:
                if person_id not in found:
                    found[person_id] = Mention(section_id, paragraph, 1, (), via_note=True)
        order = self._person_order
        return tuple(sorted(found.items(), key=lambda item: order.get(item[0], len(order))))

    def people_named_in(self, section_id: str, paragraph: int) -> tuple[str, ...]:
        """Ids of the people named in one paragraph, in dataset order."""
        return tuple(person_id for person_id, _ in self.mentions_in(section_id, paragraph))


class NameFinder:
    """Finds people's names (and aliases) in text as whole words, case-sensitively, longest name first
    ("Sean Baker" wins over "Sean"); a typographic apostrophe in the text matches a plain one in a name.

    Indexed by each name's first word, so one pass over a paragraph costs the same for 10 names as for
    50,000: a regex alternation of every name would try each name at every position.
    """

    def __init__(self, people: Iterable[Person]) -> None:
        # first word -> (name, where that word starts in the name, person id)
        by_first_word: dict[str, list[tuple[str, int, str]]] = {}
        for person in people:
            for name in {person.name, *person.aliases} if person.aliases else (person.name,):
                if "’" in name:
                    name = name.replace("’", "'")
                head = name.split(" ", 1)[0]
                if head.isalnum():  # most names: the first word is what comes before the first space
                    word, start = head, 0  # (str.isalnum is exactly the characters \w matches, but _)
                else:
                    first = _WORD.search(name)
                    if not first:
                        continue
                    word, start = first.group(), first.start()
                candidates = by_first_word.get(word)
                if candidates is None:
                    by_first_word[word] = [(name, start, person.id)]
                else:
                    candidates.append((name, start, person.id))
        self._by_first_word = by_first_word
        self._longest_first: set[str] = set()  # first words whose names are sorted longest first

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """(person id, start, end) of every naming in the text, left to right, never overlapping."""
        by_first_word = self._by_first_word
        if by_first_word.keys().isdisjoint(_WORD.findall(text)):
            return []  # most paragraphs: listing the words is done in C, looking at each is not
        text = text.replace("’", "'")  # same length, so offsets hold for the original
        found: list[tuple[str, int, int]] = []
        covered_to = 0
        for word in _WORD.finditer(text):
            for name, lead, person_id in self._candidates(word.group()):
                start = word.start() - lead
                end = start + len(name)
                if (
                    start >= covered_to
                    and text.startswith(name, start)
                    and (start == 0 or not _is_word_char(text[start - 1]))
                    and (end == len(text) or not _is_word_char(text[end]))
                ):
                    found.append((person_id, start, end))
                    covered_to = end
                    break
        return found


    def _candidates(self, word: str) -> list[tuple[str, int, str]]:
        """The names starting with `word`, longest first (sorted when first needed: most never are;
        a sorted copy replaces the list, so another thread reading it is never disturbed)."""
        candidates = self._by_first_word.get(word)
        if candidates is None:
            return []
        if len(candidates) > 1 and word not in self._longest_first:
            candidates = sorted(candidates, key=lambda candidate: len(candidate[0]), reverse=True)
            self._by_first_word[word] = candidates
            self._longest_first.add(word)
        return candidates


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _stored_mentions(stored: object) -> Mapping[str, tuple[Mention, ...]] | None:
    """Every person's mentions from what the load cache stored (`loading/cache_derived.py`); None if
    there is nothing stored, or not that."""
    if type(stored) is not dict:
        return None
    try:
        return MappingProxyType(
            {person_id: tuple(Mention(*entry) for entry in entries) for person_id, entries in stored.items()}
        )
    except TypeError:
        return None


def _compute_mentions(
    article: Article, people: tuple[Person, ...], notes: Iterable[Note], finder: NameFinder | None = None
) -> dict[str, tuple[Mention, ...]]:
    notes_about: dict[tuple[str, int], list[str]] = defaultdict(list)
    for note in notes:
        for person_id in note.refers_to:
            notes_about[(note.section, note.paragraph)].append(person_id)
    finder = finder or NameFinder(people)
    result: dict[str, list[Mention]] = defaultdict(list)
    for section in article.sections:
        for number, text in enumerate(section.paragraphs, start=1):
            spans_by_person: dict[str, list[tuple[int, int]]] = defaultdict(list)
            for person_id, start, end in finder.find(text):
                spans_by_person[person_id].append((start, end))
            for person_id, spans in spans_by_person.items():
                result[person_id].append(Mention(section.id, number, len(spans), tuple(spans)))
            for person_id in dict.fromkeys(notes_about.get((section.id, number), ())):
                if person_id not in spans_by_person:
                    result[person_id].append(Mention(section.id, number, 1, (), via_note=True))
    return {person_id: tuple(mentions) for person_id, mentions in result.items()}


def sections_left_showing(starts: Sequence[int], width: int, cells: Callable[[int, int], tuple[int, int]]) -> Sequence[int]:
    """Of the sections whose paragraphs begin at `starts` (`paragraph_starts`: the total last), drawn
    in order on a strip of `width` cells where a section covers the cells `cells(start, length)`
    gives ([first, last)) and a later one hides an earlier one, the ones left showing, in order.
    Drawing only those draws the same strip, in as many steps as the strip has cells rather than
    the article has sections (a person's mentions map at a million quotes: 0.7 s a person).

    A cell shows the last section to begin at or before it: that section reaches it, since the
    next begins after it. Only a section with no paragraphs could break that: then every section."""
    sections = len(starts) - 1
    first_cell = lambda start: cells(start, 0)[0]  # noqa: E731
    showing: list[int] = []
    for cell in range(width):
        index = bisect_right(starts, cell, 0, sections, key=first_cell) - 1
        if index < 0:
            continue
        first, last = cells(starts[index], starts[index + 1] - starts[index])
        if not first <= cell < last:
            return range(sections)
        if not showing or showing[-1] != index:
            showing.append(index)
    return showing
