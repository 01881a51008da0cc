"""The one rule for showing a quote's form, and citations in every format."""

from __future__ import annotations

from anora_tui.core.quoting import (
    cite_paragraph,
    cite_quote,
    csl_item,
    form_label,
    markdown_citation,
    plain_citation,
    publication_line,
    readable_date,
    shown_quote,
)


def test_only_direct_quotes_are_set_in_quotation_marks():
    assert str(shown_quote("It was fun.", "direct")) == "“It was fun.”"
    reported = shown_quote("Lighting that palace, Daniels says, was a nightmare.", "reported")
    assert (reported.opening, reported.closing, reported.label) == ("", "", "reported")
    assert str(reported) == "Lighting that palace, Daniels says, was a nightmare. (reported)"
    first_person = shown_quote("I was there.", "first-person")
    assert first_person.opening == "" and first_person.label == form_label("first-person") != ""
    assert form_label("direct") == ""


def test_dates_read_as_words():
    assert readable_date("2024-11-15") == "15 November 2024"
    assert readable_date("2024-01") == "January 2024"
    assert readable_date("2024") == "2024"
    assert readable_date("soon") == "soon"


def test_a_quote_citation_has_everything(example_dataset):
    quote = example_dataset.quotes_by_id["ferry-was-real"]
    citation = cite_quote(example_dataset, quote)
    assert plain_citation(citation) == (
        "“Nobody believes me when I say the ferry was real”\n"
        "— Ines Haldane, quoted in “Nothing Arrives: The Making of Salt Hour (an example)”, Example Quarterly, "
        "15 January 2023, §3 After the festival, ¶2"
    )
    reported = cite_quote(example_dataset, example_dataset.quotes_by_id["stole-his-habit"])
    text, source = plain_citation(reported).splitlines()
    assert not text.startswith("“") and "reported (not a verbatim quote)" in source


def test_a_paragraph_citation(example_dataset):
    citation = cite_paragraph(example_dataset, "afterwards", 2)
    text, source = plain_citation(citation).splitlines()
    assert text == " ".join(example_dataset.paragraph("afterwards", 2).split())
    assert source.startswith("— from “Nothing Arrives") and source.endswith("¶2")
    assert csl_item(citation)["id"] == "afterwards-2"


def test_markdown_is_a_blockquote(example_dataset):
    citation = cite_quote(example_dataset, example_dataset.quotes_by_id["whole-plot"])
    lines = markdown_citation(citation).splitlines()
    assert lines[0] == "> “Waiting is the whole plot.”"
    assert lines[1] == ">" and lines[2].startswith("> — Mara Quill, quoted in")


def test_the_title_bar_gives_the_articles_date_in_words():
    from anora_tui.core.model import Article

    assert publication_line(Article("T", "The Hollywood Reporter", "2024-11", ())) == "The Hollywood Reporter, November 2024"
    assert publication_line(Article("T", "A magazine", "2024-11-15", ())) == "A magazine, 15 November 2024"
