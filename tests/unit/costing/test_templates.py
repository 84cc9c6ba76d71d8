"""Every shipped template against hand-computed examples (the arithmetic is in the comments)."""

import json
from importlib import resources

import jsonschema
import pytest
from wise_xblocks.costing.scenario import TEMPLATES, compile_scenario, load_template, vat_rates


def evaluate(name, **overrides):
    compiled = compile_scenario(load_template(name))
    return compiled, compiled.evaluate(overrides)


def test_tourism_package_with_the_default_values():
    compiled, env = evaluate("tourism_package")
    # Fixed: guide 180 × 3 days = 540; minibus 250 × 3 = 750; marketing 300  ->  F = 1590
    assert env["fixed_total"] == 1590
    # Per participant: bike 25 × 3 = 75; workshop 15; bed 90 / 2 × 2 nights = 90; meals 35 × 2 = 70;
    # tourist tax 2 × 2 = 4  ->  v = 254
    assert env["variable_pp"] == 254
    # c(12) = 254 + 1590 / 12 = 254 + 132.5 = 386.5
    assert env["cost_pp"] == 386.5
    # margin 20 % on price: 386.5 / 0.8 = 483.125
    assert env["price_margin"] == pytest.approx(483.125)
    # margin 20 % + commission 10 %: 386.5 / 0.7 = 552.142857...
    assert env["price"] == pytest.approx(552.142857, abs=1e-6)
    # kept per participant: 552.142857 × 0.9 = 496.928571; minus v: 242.928571;
    # 1590 / 242.928571 = 6.545  ->  round up: 7 participants
    assert env["break_even"] == 7
    # TOMS (Italy, 22 %): gross margin 552.142857 − 386.5 = 165.642857; VAT = 165.642857 × 0.22 / 1.22 = 29.8700
    assert env["vat_toms"] == pytest.approx(29.870, abs=1e-3)
    # normal rules: 552.142857 × 1.22 = 673.614286
    assert env["price_gross_standard"] == pytest.approx(673.614286, abs=1e-6)
    # own bed, accommodation rate 10 %: 90 / 2 × 1.10 = 49.50
    assert env["own_bed_night_gross"] == pytest.approx(49.5)
    # 18 participants: 18 × 242.928571 − 1590 = 4372.714286 − 1590 = 2782.714286
    assert env["profit_actual"] == pytest.approx(2782.714286, abs=1e-6)
    chart = compiled.chart_values(env)
    assert chart["break_even"] == pytest.approx(6.545, abs=1e-3)


def test_tourism_package_at_other_values_and_in_poland():
    data = load_template("tourism_package")
    data["vat_country"], data["currency"] = "PL", "PLN"
    env = compile_scenario(data).evaluate({"group_min": 10, "room_rate": 110, "margin": 0.25})
    # F = 1590; v = 75 + 15 + 110/2 × 2 (=110) + 70 + 4 = 274; c(10) = 274 + 159 = 433
    assert env["variable_pp"] == 274 and env["cost_pp"] == 433
    # price = 433 / (1 − 0.25 − 0.10) = 433 / 0.65 = 666.153846
    assert env["price"] == pytest.approx(666.153846, abs=1e-6)
    # Poland 23 %: TOMS VAT = (666.153846 − 433) × 0.23 / 1.23 = 233.153846 × 0.186992 = 43.598
    assert env["vat_toms"] == pytest.approx(43.5979, abs=1e-3)
    # Poland's accommodation rate 8 %: 110 / 2 × 1.08 = 59.40
    assert env["own_bed_night_gross"] == pytest.approx(59.4)


def test_farm_gross_margin_with_the_default_values():
    compiled, env = evaluate("farm_gross_margin")
    # gross output 2.7 t/ha × 247 €/t = 666.90 (the wheat example's 667/ha)
    assert env["gross_output"] == pytest.approx(666.9)
    # variable costs: 95 + 160 + 85 + 55 + 40 + 22 = 457 (the example's 457/ha)
    assert env["variable_costs_ha"] == 457
    # GM/ha = 666.9 − 457 = 209.9; whole 4 ha: 839.6; fixed 350 + 250 = 600 -> profit 239.6
    assert env["gross_margin_ha"] == pytest.approx(209.9)
    assert env["whole_field_gm"] == pytest.approx(839.6)
    assert env["profit"] == pytest.approx(239.6)
    # break-even yield = 457 / 247 = 1.8502 t/ha
    assert env["break_even_yield"] == pytest.approx(1.850202, abs=1e-6)
    # break-even price = (457 + 600 / 4) / 2.7 = 607 / 2.7 = 224.8148 €/t
    assert env["break_even_price"] == pytest.approx(224.814815, abs=1e-6)
    assert compiled.chart_values(env)["break_even"] == pytest.approx(1.850202, abs=1e-6)


def test_reuse_shop_with_the_default_values():
    _compiled, env = evaluate("reuse_shop")
    # per machine: collection 12 + labour 14 × 3 h (=42) + parts 25 + test 5 = 84
    assert env["variable_item"] == 84
    # fixed 900 + 150 + 1200 = 2250 a month over 40 machines = 56.25
    assert env["fixed_item"] == 56.25 and env["full_cost_item"] == 140.25
    # mark-up 50 %: 140.25 × 1.5 = 210.375; Belgian VAT 21 %: 210.375 × 1.21 = 254.55375
    assert env["price_net"] == pytest.approx(210.375)
    assert env["price_gross"] == pytest.approx(254.55375)
    # mark-up 50 % = margin 0.5 / 1.5 = 33.3 %
    assert env["margin_on_price"] == pytest.approx(1 / 3)
    # break-even: 2250 / (210.375 − 84) = 2250 / 126.375 = 17.80  ->  18 machines
    assert env["break_even_machines"] == 18


@pytest.mark.parametrize("name", TEMPLATES)
def test_templates_are_valid_against_the_schema_and_randomise_within_ranges(name):
    data = load_template(name)
    schema = json.loads(
        resources.files("wise_xblocks.costing").joinpath("scenarios/scenario.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.validate(data, schema)
    assert data["source_note"]
    compiled = compile_scenario(data)
    import random

    for seed in range(30):
        values = compiled.draw(random.Random(seed))
        for parameter in compiled.ranged():
            if parameter.get("randomize"):
                assert parameter["min"] <= values[parameter["name"]] <= parameter["max"]
        compiled.evaluate(values)


def test_vat_presets_are_the_briefs_rates_dated_and_sourced():
    data = vat_rates()
    rates = {code: (c["standard"], c["accommodation"], c["currency"]) for code, c in data["countries"].items()}
    assert rates == {
        "IT": (0.22, 0.10, "EUR"),
        "SI": (0.22, 0.095, "EUR"),
        "HR": (0.25, 0.13, "EUR"),
        "PL": (0.23, 0.08, "PLN"),
        "BE": (0.21, 0.06, "EUR"),
    }
    assert data["countries"]["HR"]["valid_from"]["accommodation"] == "2014-01-01"
    assert data["countries"]["SI"]["valid_from"]["standard"] == "2013-07-01"
    assert all(country["sources"] for country in data["countries"].values())
    assert data["compiled_on"] and "TEDB" in data["source_note"]
