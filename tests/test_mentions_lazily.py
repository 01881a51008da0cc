"""Mentions found one paragraph at a time (what the first frame needs) are exactly those the scan of
the whole article finds, and the whole scan can be made from another thread while the reader runs."""

from __future__ import annotations

import threading

from anora_tui.core.loading.loader import load_dataset
from anora_tui.core.places import section_links


def test_one_paragraph_at_a_time_is_the_whole_scan(shipped_dataset, example_data_dir):
    for dataset in (shipped_dataset, load_dataset(example_data_dir)):
        expected: dict[tuple[str, int], list[tuple[str, object]]] = {}
        for person in dataset.people:
            for mention in dataset.mentions_of(person.id):
                expected.setdefault((mention.section, mention.paragraph), []).append((person.id, mention))
        fresh = load_dataset(example_data_dir) if dataset is not shipped_dataset else None
        for section in dataset.sections:
            for number in range(1, len(section.paragraphs) + 1):
                found = list(dataset.mentions_in(section.id, number))
                assert found == expected.get((section.id, number), []), (section.id, number)
                assert dataset.people_named_in(section.id, number) == tuple(pid for pid, _ in found)
        assert expected, "the dataset names someone"
        if fresh is not None:  # a dataset whose whole scan was never made answers the same
            assert not fresh.mentions_counted
            for section in fresh.sections:
                assert section_links(fresh, section) == section_links(dataset, section)
            assert not fresh.mentions_counted


def test_paragraphs_on_screen_do_not_scan_the_whole_article(example_data_dir):
    dataset = load_dataset(example_data_dir)
    first = dataset.sections[0]
    section_links(dataset, first)
    dataset.people_named_in(first.id, 1)
    assert not dataset.mentions_counted


def test_counting_in_another_thread(example_data_dir):
    dataset = load_dataset(example_data_dir)
    reference = load_dataset(example_data_dir)
    workers = [threading.Thread(target=dataset.count_mentions) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert dataset.mentions_counted
    for person in dataset.people:
        assert dataset.mentions_of(person.id) == reference.mentions_of(person.id)
        assert dataset.mention_count(person.id) == reference.mention_count(person.id)


def test_small_articles_are_scanned_while_starting(shipped_dataset):
    assert shipped_dataset.mentions_are_quick
