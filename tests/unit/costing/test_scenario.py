"""Scenario checks: names, formulas, cycles, division by zero over the ranges, seeded draws."""

import copy

import pytest
from wise_xblocks.common.seeding import rng_for
from wise_xblocks.costing.scenario import ScenarioInvalid, compile_scenario, compiled_for, load_template


def small(**changes):
    data = {
        "title": "Test",
        "currency": "EUR",
        "parameters": [
            {
                "name": "n",
                "label": "People",
                "value": 10,
                "min": 5,
                "max": 20,
                "step": 1,
                "unit": "count",
                "randomize": True,
            }
        ],
        "cost_lines": [
            {"name": "bus", "label": "Bus", "basis": "per_group", "amount": "500"},
            {"name": "meal", "label": "Meal", "basis": "per_participant", "amount": "20"},
        ],
        "steps": [{"name": "per_head", "label": "Cost per person", "formula": "meal + bus / n"}],
    }
    data.update(changes)
    return data


def fields(data):
    with pytest.raises(ScenarioInvalid) as info:
        compile_scenario(data)
    return {issue.field: issue.render() for issue in info.value.issues}


def test_a_small_scenario_compiles_and_evaluates():
    env = compile_scenario(small()).evaluate()
    assert env["per_head"] == 70 and env["sum_per_group"] == 500 and env["sum_per_participant"] == 20


def test_structure_errors_come_from_the_json_schema():
    errors = fields(small(currency="USD"))
    assert "currency" in errors and "USD" in errors["currency"]


def test_unknown_name_names_the_step_and_suggests():
    data = small(steps=[{"name": "per_head", "label": "x", "formula": "meal + bus / nn"}])
    errors = fields(data)
    assert "Unknown name “nn”" in errors["steps.per_head.formula"]
    assert "did you mean “n”" in errors["steps.per_head.formula"]


def test_duplicate_and_reserved_names():
    data = small(
        steps=[{"name": "bus", "label": "x", "formula": "1"}, {"name": "sum_percent", "label": "y", "formula": "1"}]
    )
    errors = fields(data)
    assert "already used" in errors["steps.bus"] and "reserved" in errors["steps.sum_percent"]


def test_circular_references_are_reported_with_their_path():
    data = small(
        steps=[
            {"name": "a", "label": "A", "formula": "b + 1"},
            {"name": "b", "label": "B", "formula": "c * 2"},
            {"name": "c", "label": "C", "formula": "a / 2"},
        ]
    )
    errors = fields(data)
    (message,) = errors.values()
    assert "Circular reference" in message and "a → b → c → a" in message


def test_a_step_that_uses_itself_is_circular():
    errors = fields(small(steps=[{"name": "a", "label": "A", "formula": "a + 1"}]))
    assert "a → a" in errors["steps.a"]


def test_division_by_zero_somewhere_in_the_ranges_is_found_at_save():
    # n − 10 is zero at n = 10, inside 5..20 (not a corner, not the default 12): the seeded sample finds it.
    data = small(
        parameters=[{"name": "n", "label": "People", "value": 12, "min": 5, "max": 20, "step": 1}],
        steps=[{"name": "per_head", "label": "x", "formula": "bus / (n - 10)"}],
    )
    errors = fields(data)
    assert "Division by zero" in errors["steps.per_head"] and "n = 10" in errors["steps.per_head"]


def test_division_by_zero_at_a_corner_of_two_ranges():
    data = small(
        parameters=[
            {"name": "p", "label": "Price", "value": 30, "min": 20, "max": 40},
            {"name": "v", "label": "Variable", "value": 10, "min": 10, "max": 20},
        ],
        steps=[{"name": "be", "label": "Break-even", "formula": "bus / (p - v - 20)"}],
    )
    errors = fields(data)
    assert "Division by zero" in errors["steps.be"]


def test_a_feedback_formula_and_the_chart_are_checked_too():
    data = small(
        steps=[
            {
                "name": "per_head",
                "label": "x",
                "formula": "meal + bus / n",
                "feedback": [
                    {"mistake": "per_person_vs_per_group", "formula": "bus / (n - n)"},
                    {"mistake": "invented", "formula": "bus"},
                ],
            }
        ],
        chart={"x_from": 5, "x_to": 1, "fixed": "bus", "variable": "meal", "unit_revenue": "pricee"},
    )
    errors = fields(data)
    assert "not one the engine knows" in errors["steps.per_head.feedback.2"]
    assert "chart.x_to" in errors and "Unknown name" in errors["chart.unit_revenue"]


def test_parameter_ranges_are_checked():
    data = small(
        parameters=[
            {"name": "n", "label": "People", "value": 30, "min": 5, "max": 20},
            {"name": "m", "label": "M", "value": 1, "randomize": True},
        ]
    )
    errors = fields(data)
    assert "between the minimum" in errors["parameters.n"] and "needs a minimum" in errors["parameters.m"]


def test_draws_are_stable_per_learner_and_differ_between_learners():
    compiled = compile_scenario(load_template("tourism_package"))
    first = compiled.draw(rng_for("wise_costing", "learner-1", "block-1"))
    again = compiled.draw(rng_for("wise_costing", "learner-1", "block-1"))
    others = [compiled.draw(rng_for("wise_costing", f"learner-{i}", "block-1")) for i in range(2, 12)]
    assert first == again
    assert any(other != first for other in others)
    assert first["margin"] in {round(0.15 + k * 0.01, 4) for k in range(11)}


def test_compiled_once_per_distinct_scenario():
    data = load_template("reuse_shop")
    assert compiled_for(data) is compiled_for(copy.deepcopy(data))
    changed = copy.deepcopy(data)
    changed["title"] = "Other"
    assert compiled_for(changed) is not compiled_for(data)


def test_invalid_issues_render_in_the_authors_language():
    with pytest.raises(ScenarioInvalid) as info:
        compile_scenario(small(steps=[{"name": "x", "label": "X", "formula": "1 / 0"}]))
    catalog = {
        "Division by zero.": "Division par zéro.",
        "{error} when {where}.": "{error} quand {where}.",
        "{message} (at character {position})": "{message} (au caractère {position})",
    }
    rendered = info.value.render(lambda message: catalog.get(message, message))
    assert rendered[0]["field"] == "steps.x" and rendered[0]["message"].startswith(
        "Division par zéro. (au caractère 3)"
    )


def test_the_range_check_of_a_maximal_scenario_is_bounded():
    """30 ranged parameters, 40 cost lines and 30 steps of 200-node formulas: the save still answers quickly."""
    import time

    from wise_xblocks.costing.expression import MAX_NODES

    names = [f"p{i}" for i in range(30)]
    long_formula = " + ".join(names[i % 30] for i in range(MAX_NODES // 2))[:500]
    long_formula = long_formula.rsplit(" + ", 1)[0]
    data = {
        "title": "Huge",
        "currency": "EUR",
        "parameters": [
            {"name": n, "label": n, "value": 5, "min": 1, "max": 1000, "step": 0.01, "randomize": True} for n in names
        ],
        "cost_lines": [
            {"name": f"l{i}", "label": "L", "basis": "per_group", "amount": long_formula} for i in range(40)
        ],
        "steps": [
            {
                "name": f"s{i}",
                "label": "S",
                "formula": long_formula,
                "feedback": [{"mistake": "rounding", "formula": long_formula}] * 10,
            }
            for i in range(30)
        ],
    }
    started = time.perf_counter()
    compiled = compile_scenario(data)
    assert time.perf_counter() - started < 30  # a guard against a hang (under a second here), not a benchmark
    assert compiled.evaluate()["s0"] > 0
