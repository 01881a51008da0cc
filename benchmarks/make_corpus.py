"""Write a synthetic dataset with N quotes, in the project's own format, for the benchmarks.

    python benchmarks/make_corpus.py N [--out DIR] [--seed S]

The corpus is N/50 "articles' worth" of material shaped like the shipped article (13 sections of
5 paragraphs, 26 people, 4 characters and 50 quotes each), all in one dataset. Quote text is a run
of 25–45 consecutive words of the shipped article (so it reads like the real quotes and phrases
occur naturally), about 200 characters long; each paragraph is some of the article's words plus
its quotes in typographic quotation marks. Names are made from syllables. Everything is drawn
from a seeded random generator, so the same N and seed always give the same files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from anora_tui.core.model import Article, Character, Person, Quote, Section  # noqa: E402

QUOTES_PER_ARTICLE = 50
SECTIONS_PER_ARTICLE = 13
PARAGRAPHS_PER_SECTION = 5
PEOPLE_PER_ARTICLE = 26
CHARACTERS_PER_ARTICLE = 4
QUOTES_PER_FILE = 20_000  # the loader refuses files over 64 MiB; keep each well under
SYLLABLES = [consonant + vowel for consonant in "bdklmnrstvz" for vowel in "aeio"]


@dataclass(frozen=True)
class Corpus:
    article: Article
    people: tuple[Person, ...]
    characters: tuple[Character, ...]
    quotes: tuple[Quote, ...]


def source_words() -> list[str]:
    """The words of the shipped article, in order: the generator's only source of text."""
    with open(ROOT / "data" / "article.yaml", encoding="utf-8") as file:
        article = yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["article"]
    return " ".join(p for s in article["sections"] for p in s["paragraphs"]).split()


def make_corpus(quote_count: int, seed: int = 1) -> Corpus:
    rng = random.Random(seed)
    words = source_words()
    article_words = {word.lower() for word in re.findall(r"\w+", " ".join(words))}

    def name() -> str:
        """A made-up name that is not a word of the text (a person called "Time" would be
        "mentioned" in every paragraph with the word, which real names rarely are)."""
        while True:
            made = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
            if made not in article_words:
                return made.capitalize()

    def words_from_source(low: int, high: int) -> str:
        length = rng.randint(low, high)
        start = rng.randrange(len(words) - length)
        return " ".join(words[start : start + length])

    articles = max(1, -(-quote_count // QUOTES_PER_ARTICLE))
    sections: list[Section] = []
    people: list[Person] = []
    characters: list[Character] = []
    quotes: list[Quote] = []
    for a in range(articles):
        cast = []
        for p in range(PEOPLE_PER_ARTICLE):
            first, last = name(), name()
            kind = "cast" if p < CHARACTERS_PER_ARTICLE else rng.choice(("crew", "cited", "other"))
            person = Person(f"p{a}-{p}", f"{first} {last}", kind, ("actor",) if kind == "cast" else ("crew",),
                            f"Someone from article {a}.", (last,))
            people.append(person)
            if kind == "cast":
                cast.append(person)
        for c, actor in enumerate(cast):
            characters.append(Character(f"c{a}-{c}", name(), actor.id, f"A character in film {a}."))
        article_people = people[-PEOPLE_PER_ARTICLE:]
        in_article = min(QUOTES_PER_ARTICLE, quote_count - len(quotes))
        slots = SECTIONS_PER_ARTICLE * PARAGRAPHS_PER_SECTION
        placed: dict[int, list[Quote]] = {}
        for q in range(in_article):
            slot = rng.randrange(slots)
            section_id = f"s{a}-{slot // PARAGRAPHS_PER_SECTION}"
            paragraph = slot % PARAGRAPHS_PER_SECTION + 1
            quote = Quote(f"q{a}-{q}", rng.choice(article_people).id, words_from_source(25, 45),
                          section_id, paragraph)
            placed.setdefault(slot, []).append(quote)
            quotes.append(quote)
        for s in range(SECTIONS_PER_ARTICLE):
            paragraphs = []
            for p in range(PARAGRAPHS_PER_SECTION):
                parts = [words_from_source(8, 30)]
                parts += [f"“{quote.text}”" for quote in placed.get(s * PARAGRAPHS_PER_SECTION + p, ())]
                paragraphs.append(" ".join(parts))
            sections.append(Section(f"s{a}-{s}", f"Part {s + 1} of article {a}", tuple(paragraphs), len(sections)))
    article = Article(f"Synthetic corpus of {quote_count} quotes", "anora-tui benchmarks", "2024-11-15",
                      tuple(sections))
    return Corpus(article, tuple(people), tuple(characters), tuple(quotes))


def write_corpus(corpus: Corpus, directory: Path) -> None:
    """Write the corpus as the loader reads it (JSON strings are valid YAML double-quoted scalars)."""
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("*.yaml"):
        old.unlink()
    s = json.dumps
    lines = ["article:", f"  title: {s(corpus.article.title)}", f"  publication: {s(corpus.article.publication)}",
             f"  date: {s(corpus.article.date)}", "  sections:"]
    for section in corpus.article.sections:
        lines += [f"    - id: {section.id}", f"      title: {s(section.title)}", "      paragraphs:"]
        lines += [f"        - {s(p, ensure_ascii=False)}" for p in section.paragraphs]
    _write(directory / "article.yaml", lines)
    lines = ["people:"]
    for p in corpus.people:
        lines += [f"  - id: {p.id}", f"    name: {s(p.name)}", f"    kind: {p.kind}", f"    roles: {s(list(p.roles))}",
                  f"    description: {s(p.description)}", f"    aliases: {s(list(p.aliases))}"]
    _write(directory / "people.yaml", lines)
    lines = ["characters:"]
    for c in corpus.characters:
        lines += [f"  - id: {c.id}", f"    name: {s(c.name)}", f"    played_by: {c.played_by}",
                  f"    description: {s(c.description)}"]
    _write(directory / "characters.yaml", lines)
    for start in range(0, len(corpus.quotes), QUOTES_PER_FILE):
        lines = ["quotes:"]
        for q in corpus.quotes[start : start + QUOTES_PER_FILE]:
            lines += [f"  - id: {q.id}", f"    speaker: {q.speaker}", f"    section: {q.section}",
                      f"    paragraph: {q.paragraph}", f"    text: {s(q.text, ensure_ascii=False)}"]
        _write(directory / f"quotes-{start // QUOTES_PER_FILE:03d}.yaml", lines)


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many quotes")
    parser.add_argument("--out", type=Path, help="directory to write (default: anora-tui-corpus-N in the temp dir)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    out = args.out or Path(tempfile.gettempdir()) / f"anora-tui-corpus-{args.count}"
    write_corpus(make_corpus(args.count, args.seed), out)
    print(out)


if __name__ == "__main__":
    main()
