"""Candidate people's names in an article's plain text: runs of capitalised words that recur.

A guess for an author to confirm, not a claim: places, titles and organisations are found too, and
a name used only once is left out. The rules:

- a run is two to four capitalised words separated by single spaces (`Mikey Madison`, `Jean-Luc
  Godard`, `Conan O’Brien`); a possessive (`Baker’s`) ends it, and any other punctuation breaks it;
- a leading function word (`The`, `When`, `According`…) is not part of a name;
- a run used mostly as places and titles are (after "in", "at", "from" or "the", or as the whole
  of a quotation: "in Mill Basin", ‘Red Rocket’) is marked a `thing`: never guessed as a speaker;
- a run counts where it is used twice or more, counting its last word (the surname) used on its
  own ("Adrien Brody … Brody says"); that surname becomes an alias where it is used on its own and
  no other candidate shares it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

MAX_WORDS = 4

_NAME_WORD = r"[^\W\d_][\w’'-]*"
# Two to four capitalised words joined by single spaces; a following possessive is left outside.
_RUN = re.compile(rf"(?<![\w’'-])(?:{_NAME_WORD})(?: (?:{_NAME_WORD}))+")
_POSSESSIVE = re.compile(r"[’']s\Z")
# Words that start sentences or titles but are never part of a name.
_NOT_NAMES = frozenset(
    """
    A About After Again Against All Also Although Among An And Another Any As At Because Before Being
    Both But By Can Could Despite Did Do Does During Each Either Even Ever Every Few For From Had Has
    Have He Her Here Hers Him His How However I If In Instead Into Is It Its Just Later Like Many May
    Me Meanwhile More Most Much My Neither Never Next No Nor Not Now Of Off On Once One Only Or Other
    Our Out Over Perhaps Prior Since So Some Soon Still Such That The Their Them Then There These They
    This Those Though Through Thus To Too Under Unlike Until Up Upon Very Was We Well Were What When
    Where Whether Which While Who Whom Whose Why With Within Without Would Yet You Your According
    Approximately Mr Mrs Ms Dr Sir
    """.split()
)


_NOT_NAME_ENDINGS = ("ing", "ed", "ly")


@dataclass(frozen=True)
class Candidate:
    name: str
    count: int  # how many times the whole name is used
    alias: str | None  # the surname, where it recurs on its own
    thing: bool = False  # mostly used as a place or a title is ("in Mill Basin", ‘Red Rocket’)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() or len(word) == 1 and word.isupper()


_OPENING = frozenset(" “\"‘'(—–-")


def _sentence_initial(text: str, start: int) -> bool:
    """Whether a sentence starts at `start`: only spaces, opening quotes or dashes since the last
    sentence end (or the start of the text)."""
    index = start - 1
    while index >= 0 and text[index] in _OPENING:
        index -= 1
    return index < 0 or text[index] in ".!?:\n"


def _runs(text: str) -> list[str]:
    """Every run of capitalised words in the text, trimmed of function words and possessives.

    A sentence's first word that looks like a verb or adverb (`-ing`, `-ed`, `-ly`) is left out
    unless the text capitalises it mid-sentence too ("Allowing Madison")."""
    mid_sentence = {
        word.group() for word in re.finditer(_NAME_WORD, text) if not _sentence_initial(text, word.start())
    }
    names = []
    for match in _RUN.finditer(text):
        initial = _sentence_initial(text, match.start())
        for index, words in enumerate(_trimmed(match.group().split(" "))):
            first = words[0]
            if initial and index == 0 and first not in mid_sentence and first.endswith(_NOT_NAME_ENDINGS):
                words = words[1:]
            words = _without_function_words(words)
            if 2 <= len(words) <= MAX_WORDS:
                names.append(" ".join(words))
    return names


def _trimmed(words: list[str]) -> list[list[str]]:
    """A run's words cut where a word is not capitalised or is a possessive (which ends a part)."""
    parts: list[list[str]] = []
    current: list[str] = []
    for word in words:
        if not _is_capitalised(word):
            parts.append(current)
            current = []
            continue
        possessive = _POSSESSIVE.search(word)
        current.append((word[: possessive.start()] if possessive else word).rstrip("-’'"))
        if possessive:
            parts.append(current)
            current = []
    parts.append(current)
    return [part for part in parts if part and all(part)]


def _without_function_words(words: list[str]) -> list[str]:
    while words and words[0] in _NOT_NAMES:
        words = words[1:]
    while words and words[-1] in _NOT_NAMES:
        words = words[:-1]
    return words


_WORD_TOKEN = re.compile(r"[\w’'-]+")


def _word_counts(text: str) -> Counter[str]:
    """How often each word is used on its own (a possessive `’s` and a trailing apostrophe dropped)."""
    counts: Counter[str] = Counter()
    for token in _WORD_TOKEN.findall(text):
        counts[_POSSESSIVE.sub("", token).rstrip("’'")] += 1
    return counts


def find_candidates(paragraphs: list[str]) -> list[Candidate]:
    """The candidate names, in order of first use."""
    text = "\n".join(paragraphs)
    counts = Counter(_runs(text))
    surname_counts = _word_counts(text)
    in_full_names: Counter[str] = Counter()  # surname -> uses of the full names that end with it
    for name, count in counts.items():
        in_full_names[name.rsplit(" ", 1)[1]] += count
    chosen = []
    for name, count in counts.items():
        surname = name.rsplit(" ", 1)[1]
        alone = surname_counts[surname] - in_full_names[surname]
        if count + alone >= 2:
            chosen.append((name, count, surname, alone))
    surnames = Counter(surname for _, _, surname, _ in chosen)
    result = [
        Candidate(name, count, surname if alone >= 1 and surnames[surname] == 1 else None, _is_a_thing(name, text))
        for name, count, surname, alone in chosen
    ]
    return result


_THING_BEFORE = re.compile(r"(?:\b(?:in|at|from|the|The)\s+|[‘“\"])\Z")
_TITLE_AFTER = re.compile(r"[’”\"]")


def _is_a_thing(name: str, text: str) -> bool:
    """Whether most uses of `name` read as a place's or a title's: after "in", "at", "from" or
    "the", or quoted whole (‘Red Rocket’)."""
    uses = things = 0
    for match in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?![\w-])", text):
        uses += 1
        before = text[max(0, match.start() - 6) : match.start()]
        quoted = before[-1:] in ("‘", "“", '"') and _TITLE_AFTER.match(text, match.end())
        things += bool(quoted or _THING_BEFORE.search(before))
    return uses > 0 and things * 2 >= uses


def slug(text: str, fallback: str) -> str:
    """An id made of `text`: lowercase ASCII letters and digits joined by '-', starting with a letter
    (accents dropped: `Timothée Chalamet` -> `timothee-chalamet`); `fallback` if nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    result = "-".join(words)
    if not result or not result[0].isalpha():
        result = f"{fallback}-{result}" if result else fallback
    return result


def unique(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… the first one not in `taken` (which it is added to)."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate
