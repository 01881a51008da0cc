"""The model's own computations: finding names, ordering quotes and events."""

from anora_tui.model import NameFinder, Person


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
