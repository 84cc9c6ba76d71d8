"""simulation.py: collection and recycling rates by weight, contamination, EU targets."""

import pytest
from wise_xblocks.waste_sorting import simulation

from .helpers import make_content

IDS = ["newspaper", "jar", "receipt", "battery"]  # 200 g paper, 300 g glass, 100 g residual, 400 g centre


def bin_row(outcome, bin_id):
    return next(b for b in outcome["bins"] if b["bin"] == bin_id)


def test_perfect_sorting_reaches_the_best_possible_rate():
    outcome = simulation.simulate(
        make_content(), IDS, {"newspaper": "paper", "jar": "glass", "receipt": "residual", "battery": "centre"}
    )
    assert outcome["recycling_rate"] == pytest.approx(0.5) == outcome["best_possible_rate"]
    assert outcome["separate_collection_rate"] == pytest.approx(0.9)  # everything except the 100 g receipt
    assert [t["met"] for t in outcome["targets"]] == [False, False, False]
    assert outcome["contaminating_items"] == [] and outcome["unsorted"] == []


def test_wrong_item_in_a_recycling_bin_contaminates_it_and_does_not_count():
    outcome = simulation.simulate(
        make_content(), IDS, {"newspaper": "paper", "jar": "glass", "receipt": "paper", "battery": "glass"}
    )
    assert outcome["recycling_rate"] == pytest.approx(0.5)
    assert outcome["separate_collection_rate"] == pytest.approx(1.0)
    assert bin_row(outcome, "paper")["contamination"] == pytest.approx(100 / 300)
    assert bin_row(outcome, "glass")["contamination"] == pytest.approx(400 / 700)
    assert outcome["contaminating_items"] == ["receipt", "battery"]


def test_unsorted_items_end_in_residual_without_counting_as_contaminants():
    outcome = simulation.simulate(make_content(), IDS, {"jar": "glass"})
    assert outcome["unsorted"] == ["newspaper", "receipt", "battery"]
    assert bin_row(outcome, "residual")["weight"] == 700
    assert outcome["contaminating_items"] == []
    assert outcome["recycling_rate"] == pytest.approx(0.3)


def test_targets_compare_against_55_60_65_percent():
    items = [{"id": f"p{n}", "name": "P", "bin": "paper", "weight": 100} for n in range(62)] + [
        {"id": f"r{n}", "name": "R", "bin": "residual", "weight": 100} for n in range(38)
    ]
    content = make_content(items=items)
    ids = [i["id"] for i in items]
    outcome = simulation.simulate(content, ids, {i["id"]: i["bin"] for i in items})
    assert [(t["year"], t["target"], t["met"]) for t in outcome["targets"]] == [
        (2025, 0.55, True),
        (2030, 0.60, True),
        (2035, 0.65, False),
    ]


def test_hide_answers_drops_item_names_but_keeps_rates():
    outcome = simulation.simulate(make_content(), IDS, {"receipt": "paper"})
    hidden = simulation.hide_answers(outcome)
    assert hidden["contaminating_items"] == [] and "contaminants" not in hidden["bins"][0]
    assert hidden["recycling_rate"] == outcome["recycling_rate"]
