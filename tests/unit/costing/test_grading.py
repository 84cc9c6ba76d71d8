"""Per-step credit, tolerances, named mistakes and the worked solution."""

import pytest
from wise_xblocks.costing import grading
from wise_xblocks.costing.scenario import compile_scenario, load_template


@pytest.fixture(scope="module")
def tourism():
    compiled = compile_scenario(load_template("tourism_package"))
    return compiled, compiled.evaluate()


@pytest.fixture(scope="module")
def shop():
    compiled = compile_scenario(load_template("reuse_shop"))
    return compiled, compiled.evaluate()


def by_name(result):
    return result.by_name()


def test_all_right_in_italian_notation_scores_one(tourism):
    compiled, env = tourism
    answers = {
        "fixed_total": "1.590,00 €",
        "variable_pp": "254",
        "cost_pp": "386,50",
        "price_margin": "483,13",
        "price": "552,14",
        "break_even": "7",
        "vat_toms": "29,87",
        "price_gross_standard": "673,61",
        "own_bed_night_gross": "49,50",
        "profit_actual": "2.782,71",
    }
    result = grading.grade(compiled, env, answers, "it")
    assert [s.status for s in result.steps] == ["correct"] * 10
    assert result.fraction == 1.0


def test_partial_credit_and_unanswered_steps(tourism):
    compiled, env = tourism
    result = grading.grade(compiled, env, {"fixed_total": "1590", "variable_pp": "250"}, "en")
    steps = by_name(result)
    assert steps["fixed_total"].status == "correct" and steps["variable_pp"].status == "incorrect"
    assert steps["cost_pp"].status == "unanswered"
    assert result.fraction == pytest.approx(1 / 10)


def test_absolute_tolerance_is_one_cent_by_default(tourism):
    compiled, env = tourism
    # 386.50 ± 0.01
    assert by_name(grading.grade(compiled, env, {"cost_pp": "386.51"}, "en"))["cost_pp"].status == "correct"
    assert by_name(grading.grade(compiled, env, {"cost_pp": "386.52"}, "en"))["cost_pp"].status == "incorrect"


def test_relative_tolerance_accepts_rounded_intermediate_values(tourism):
    compiled, env = tourism
    # With the price rounded to 552.14 first: 18 × (552.14 × 0.9 − 254) − 1590 = 2782.668, within 0.1 % of 2782.71
    assert (
        by_name(grading.grade(compiled, env, {"profit_actual": "2782.67"}, "en"))["profit_actual"].status == "correct"
    )
    assert by_name(grading.grade(compiled, env, {"profit_actual": "2790"}, "en"))["profit_actual"].status == "incorrect"


@pytest.mark.parametrize(
    "step,answer,mistake",
    [
        ("price_margin", "463.80", "margin_vs_markup"),  # 386.5 × 1.2 = 463.80 (mark-up instead of margin)
        ("price", "502.45", "margin_vs_markup"),  # 386.5 × 1.3 = 502.45
        ("price", "536.81", "commission_on_top"),  # 483.125 / 0.9 = 536.81
        ("fixed_total", "132.50", "per_person_vs_per_group"),  # 1590 / 12
        ("cost_pp", "1844", "per_person_vs_per_group"),  # 254 + 1590: the fixed cost not shared
        ("break_even", "6", "rounding"),  # floor(6.545)
        ("vat_toms", "36.44", "vat_not_extracted"),  # 165.642857 × 0.22 = 36.44
        ("price_gross_standard", "821.81", "vat_twice"),  # 552.142857 × 1.22 × 1.22 = 821.809
        ("own_bed_night_gross", "54.90", "standard_rate_for_accommodation"),  # 45 × 1.22
    ],
)
def test_likely_mistakes_are_named(tourism, step, answer, mistake):
    compiled, env = tourism
    result = by_name(grading.grade(compiled, env, {step: answer}, "en"))[step]
    assert result.status == "incorrect" and result.mistake == mistake and result.message


def test_percent_steps_are_answered_in_percent(shop):
    compiled, env = shop
    # mark-up 50 % -> margin 33.33 %; ±0.1 percentage points
    assert (
        by_name(grading.grade(compiled, env, {"margin_on_price": "33,3 %"}, "de"))["margin_on_price"].status
        == "correct"
    )
    wrong = by_name(grading.grade(compiled, env, {"margin_on_price": "50"}, "en"))["margin_on_price"]
    assert wrong.mistake == "margin_vs_markup"


def test_vat_twice_in_the_shop(shop):
    compiled, env = shop
    # 210.375 × 1.21 × 1.21 = 308.01
    result = by_name(grading.grade(compiled, env, {"price_gross": "308.01"}, "en"))["price_gross"]
    assert result.mistake == "vat_twice"


def test_a_sign_error_is_named(shop):
    compiled, env = shop
    assert by_name(grading.grade(compiled, env, {"variable_item": "-84"}, "en"))["variable_item"].mistake == "sign"


def test_an_unreadable_answer_is_unreadable_not_an_exception(shop):
    compiled, env = shop
    result = by_name(grading.grade(compiled, env, {"variable_item": "84 euros please"}, "en"))["variable_item"]
    assert result.status == "unreadable" and result.earned == 0


def test_step_weights(shop):
    compiled, env = shop
    data = load_template("reuse_shop")
    data["steps"][0]["weight"] = 3
    compiled = compile_scenario(data)
    result = grading.grade(compiled, compiled.evaluate(), {"variable_item": "84"}, "en")
    assert result.fraction == pytest.approx(3 / 9)


def test_worked_solution_shows_formula_numbers_and_result(tourism):
    compiled, env = tourism
    solution = {step["name"]: step for step in grading.worked_solution(compiled, env, "en")}
    assert solution["fixed_total"]["substituted"] == "(540 + 750 + 300)"
    assert solution["cost_pp"]["substituted"] == "254 + 1590 / 12"
    assert solution["price"]["substituted"] == "386.5 / (1 - 0.2 - 0.1)"
    assert solution["price"]["display"] == "€552.14"
    italian = {step["name"]: step for step in grading.worked_solution(compiled, env, "it")}
    assert italian["cost_pp"]["substituted"] == "254 + 1590 / 12" and italian["price"]["display"] == "552,14 €"


def test_rounding_rule_is_stated_to_the_learner():
    rule = grading.rounding_rule(
        {"name": "x", "label": "x", "formula": "1", "unit": "money", "tolerance": 0.001, "tolerance_kind": "relative"},
        lambda m: m,
        lambda s, p, n: s if n == 1 else p,
    )
    assert rule == "Round to 2 decimals. Answers within 0.1 % are accepted."
    count_rule = grading.rounding_rule(
        {"name": "x", "label": "x", "formula": "1", "unit": "count"}, lambda m: m, lambda s, p, n: s if n == 1 else p
    )
    assert count_rule == "Give a whole number."


def test_error_carried_forward_counts_a_step_right_for_the_learners_own_earlier_answer(tourism):
    compiled, env = tourism
    # cost_pp wrong (400 instead of 386.50); price with margin from it: 400 / 0.8 = 500 -> counted right
    result = by_name(grading.grade(compiled, env, {"cost_pp": "400", "price_margin": "500"}, "en"))
    assert result["cost_pp"].status == "incorrect"
    assert result["price_margin"].status == "correct" and "own answer" in result["price_margin"].message
    # ... but a value right for neither the exact nor the learner's figures is still wrong
    assert (
        by_name(grading.grade(compiled, env, {"cost_pp": "400", "price_margin": "510"}, "en"))["price_margin"].status
        == "incorrect"
    )


def test_carry_forward_can_be_switched_off():
    data = load_template("tourism_package")
    data["carry_forward"] = False
    compiled = compile_scenario(data)
    result = by_name(grading.grade(compiled, compiled.evaluate(), {"cost_pp": "400", "price_margin": "500"}, "en"))
    assert result["price_margin"].status == "incorrect"


def test_carry_forward_in_the_reuse_shop(shop):
    compiled, env = shop
    # full cost typed as 150 (exact 140.25): price with 50 % mark-up from it = 225 -> counted right
    result = by_name(grading.grade(compiled, env, {"full_cost_item": "150", "price_net": "225"}, "en"))
    assert result["price_net"].status == "correct"
