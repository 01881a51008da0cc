"""The model's own computations: finding names, ordering quotes and events, building a dataset at once
or lazily."""

import random
from dataclasses import FrozenInstanceError, dataclass, fields, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anora_tui.core.mentions import NameFinder
from anora_tui.core.model import (
    Article,
    Dataset,
    Person,
    Quote,
    Section,
    record_factory,
)


def person(id: str, name: str, *aliases: str) -> Person:
    return Person(id, name, "cited", ("x",), "x", aliases=aliases)


FINDER = NameFinder(
    [
        person("baker", "Sean Baker", "Baker", "Sean"),
        person("anna", "Anna Anisimova", "Anna"),
        person("obrien", "Conan O'Brien"),
        person("olpin", "Matt Bettinelli-Olpin"),
        person("odd", "[bold]x[/bold]"),
    ]
)


def names(text: str) -> list[tuple[str, str]]:
    return [(person_id, text[start:end]) for person_id, start, end in FINDER.find(text)]


def test_the_longest_name_wins_and_namings_do_not_overlap():
    assert names("Sean Baker met Sean; Baker’s film.") == [
        ("baker", "Sean Baker"),
        ("baker", "Sean"),
        ("baker", "Baker"),
    ]


def test_only_whole_words_and_exact_case_count():
    assert names("Annabel, anna and Seanna") == []
    assert names("(Anna)") == [("anna", "Anna")]


def test_typographic_apostrophes_and_hyphens_in_names():
    assert names("Conan O’Brien and Matt Bettinelli-Olpin") == [
        ("obrien", "Conan O’Brien"),
        ("olpin", "Matt Bettinelli-Olpin"),
    ]


def test_a_name_that_starts_with_punctuation_is_found_literally():
    assert names("he said [bold]x[/bold]!") == [("odd", "[bold]x[/bold]")]
    assert names("a[bold]x[/bold]") == []


def test_quotes_are_numbered_in_article_order(example_dataset):
    orders = [quote.order for quote in example_dataset.quotes]
    assert orders == list(range(len(orders)))
    positions = [
        (example_dataset.sections_by_id[q.section].index, q.paragraph) for q in example_dataset.quotes
    ]
    assert positions == sorted(positions)


# --- Dataset.build ------------------------------------------------------------------------------


def build_with_quotes(dataset: Dataset, quotes) -> Dataset:
    return Dataset.build(
        dataset.article, dataset.people, dataset.characters, dataset.scenes, dataset.events, quotes, dataset.notes
    )


def article_position(dataset: Dataset, quote: Quote) -> tuple[int, int, int]:
    section = dataset.sections_by_id[quote.section]
    return (section.index, quote.paragraph, section.paragraphs[quote.paragraph - 1].find(quote.text))


@pytest.mark.parametrize("seed", range(5))
def test_quotes_are_ordered_by_section_paragraph_and_place_whatever_order_they_come_in(example_dataset, seed):
    shuffled = list(example_dataset.quotes)
    random.Random(seed).shuffle(shuffled)
    built = build_with_quotes(example_dataset, shuffled)
    assert built.quotes == example_dataset.quotes
    assert [q.id for q in built.quotes] == [
        q.id for q in sorted(shuffled, key=lambda q: article_position(example_dataset, q))
    ]


def test_quotes_sharing_a_paragraph_are_ordered_by_where_they_are_in_it(example_dataset):
    section = example_dataset.sections[0]
    text = section.paragraphs[0]
    words = text.split()
    first, middle, last = words[0], " ".join(words[2:4]), words[-1]
    quotes = [
        Quote(f"q-{n}", "mara-quill", part, section.id, 1)
        for n, part in enumerate([last, first, middle])
    ]
    built = build_with_quotes(example_dataset, quotes)
    assert [q.text for q in built.quotes] == [first, middle, last]
    assert [q.order for q in built.quotes] == [0, 1, 2]
    assert built.quotes_in(section.id, 1) == built.quotes


def test_build_does_not_change_the_records_it_is_given(example_dataset):
    quotes = [replace(q, order=99) for q in reversed(example_dataset.quotes)]
    kept = [(q.id, q.order) for q in quotes]
    build_with_quotes(example_dataset, quotes)
    assert [(q.id, q.order) for q in quotes] == kept


def test_people_get_the_characters_they_play(example_dataset):
    stale = [replace(p, characters=("nobody",)) for p in example_dataset.people]
    built = Dataset.build(
        example_dataset.article, stale, example_dataset.characters, (), (), (), ()
    )
    assert built.people == example_dataset.people
    played = {c.played_by for c in example_dataset.characters}
    assert all(bool(p.characters) == (p.id in played) for p in built.people)


def test_two_sections_with_the_same_index_keep_all_their_quotes(example_dataset):
    """Not a dataset the loader makes, but build must not lose quotes over it."""
    first, second = example_dataset.sections[:2]
    article = replace(example_dataset.article, sections=(first, replace(second, index=first.index)))
    quotes = [
        Quote("a", "mara-quill", first.paragraphs[0][:5], first.id, 1),
        Quote("b", "mara-quill", second.paragraphs[0][:5], second.id, 1),
        Quote("c", "mara-quill", first.paragraphs[0][-5:], first.id, 1),
    ]
    built = Dataset.build(article, example_dataset.people, (), (), (), quotes, ())
    assert sorted(q.id for q in built.quotes) == ["a", "b", "c"]
    assert [q.id for q in built.quotes_in(first.id, 1)] == ["a", "c"]
    assert [q.id for q in built.quotes_in(second.id, 1)] == ["b"]


def test_a_record_factory_makes_what_the_constructor_makes():
    make = record_factory(Quote)
    made = make("id", "speaker", "text", "section", 3, "reported", 7)
    assert made == Quote("id", "speaker", "text", "section", 3, "reported", 7)
    assert type(made) is Quote
    with pytest.raises(FrozenInstanceError):
        made.text = "other"  # type: ignore[misc]


# --- Dataset.lazily -----------------------------------------------------------------------------


class CountingParts:
    """Gives each field from a built dataset, counting how often it is asked."""

    def __init__(self, source: Dataset) -> None:
        self.source = source
        self.asked: list[str] = []

    def provide(self, dataset: Dataset, name: str):
        self.asked.append(name)
        value = getattr(self.source, name)
        dataset.__dict__[name] = value
        return value


def test_a_lazily_made_dataset_asks_for_each_field_once_when_first_read(example_dataset):
    parts = CountingParts(example_dataset)
    dataset = Dataset.lazily(parts)
    assert parts.asked == []
    assert dataset.quotes_by("mara-quill") == example_dataset.quotes_by("mara-quill")
    assert dataset.quotes_by("tomas-reyes") == example_dataset.quotes_by("tomas-reyes")
    assert parts.asked == ["_quotes_by_speaker"]
    assert dataset == example_dataset
    assert sorted(parts.asked) == sorted(f.name for f in fields(Dataset))


def test_a_lazily_made_dataset_has_no_other_attributes(example_dataset):
    dataset = Dataset.lazily(CountingParts(example_dataset))
    with pytest.raises(AttributeError):
        dataset.no_such_field
    with pytest.raises(AttributeError):
        example_dataset.no_such_field
    with pytest.raises(FrozenInstanceError):
        dataset.quotes = ()  # type: ignore[misc]


@st.composite
def articles_with_quotes(draw):
    words = st.sampled_from(["ani", "ivan", "toros", "igor", "vegas", "ring", "snow", "’s"])
    paragraph = st.lists(words, min_size=1, max_size=8).map(" ".join)
    sections = tuple(
        Section(f"s{n}", f"Section {n}", tuple(draw(st.lists(paragraph, min_size=1, max_size=3))), n)
        for n in range(draw(st.integers(1, 3)))
    )
    quotes = []
    for n in range(draw(st.integers(0, 12))):
        section = draw(st.sampled_from(sections))
        number = draw(st.integers(1, len(section.paragraphs)))
        text = section.paragraphs[number - 1]
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        quotes.append(Quote(f"q{n}", "p", text[start:end], section.id, number))
    return Article("t", "p", "2024", sections), quotes


@given(articles_with_quotes())
@settings(max_examples=200, deadline=None)
def test_quote_order_and_paragraph_lookup_match_their_definitions(article_and_quotes):
    article, quotes = article_and_quotes
    built = Dataset.build(article, [Person("p", "P", "cited", (), "")], (), (), (), quotes, ())
    sections = {section.id: section for section in article.sections}

    def position(quote: Quote) -> tuple[int, int, int]:
        section = sections[quote.section]
        return (section.index, quote.paragraph, section.paragraphs[quote.paragraph - 1].find(quote.text))

    assert [q.id for q in built.quotes] == [q.id for q in sorted(quotes, key=position)]
    assert [q.order for q in built.quotes] == list(range(len(quotes)))
    by_paragraph: dict[tuple[str, int], list[str]] = {}
    for quote in built.quotes:
        by_paragraph.setdefault((quote.section, quote.paragraph), []).append(quote.id)
    assert {key: [q.id for q in group] for key, group in built._quotes_by_paragraph.items()} == by_paragraph


def test_a_records_equality_hash_and_repr_are_those_a_dataclass_would_generate():
    @dataclass(frozen=True)
    class Generated:  # what `@dataclass` would make of Section's fields
        id: str
        title: str
        paragraphs: tuple[str, ...]
        index: int

    section = Section("s1", "Casting", ("One.", "Two."), 0)
    generated = Generated("s1", "Casting", ("One.", "Two."), 0)
    assert section == Section("s1", "Casting", ("One.", "Two."), 0)
    assert section != Section("s1", "Casting", ("One.",), 0)
    assert section != ("s1", "Casting", ("One.", "Two."), 0) and section != generated  # same class only
    assert hash(section) == hash(generated)
    assert repr(section) == repr(generated).replace(Generated.__qualname__, "Section")
    assert len({section, Section("s1", "Casting", ("One.", "Two."), 0)}) == 1
