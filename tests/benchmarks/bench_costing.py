"""Costing engine figures (printed, never asserted).

1. Time to grade one submission of a 20-line scenario, compiled once and reused (the block's
   compiled_for() cache), plus the one-off compile-and-check time of that scenario.
2. Evaluations per second of the expression engine against Python's own evaluation of the same
   arithmetic (a code object compiled once by CPython): the baseline ratio.

Run: make bench, or PYTHONPATH=devsite:. .venv/bin/python tests/benchmarks/bench_costing.py
"""

import json
import statistics
import time

from wise_xblocks.costing import grading
from wise_xblocks.costing.expression import compile_expression
from wise_xblocks.costing.scenario import _compile_cached, compiled_for

BASES = ["per_group", "per_participant", "per_participant_night", "per_participant"]


def twenty_line_scenario():
    parameters = [
        {
            "name": "n",
            "label": "Group",
            "value": 12,
            "min": 8,
            "max": 20,
            "step": 1,
            "unit": "count",
            "randomize": True,
        },
        {"name": "nights", "label": "Nights", "value": 3, "unit": "count"},
        {
            "name": "margin",
            "label": "Margin",
            "value": 0.2,
            "min": 0.1,
            "max": 0.3,
            "step": 0.01,
            "unit": "percent",
            "randomize": True,
        },
        {"name": "commission", "label": "Commission", "value": 0.1, "unit": "percent"},
    ]
    lines = [
        {
            "name": f"line_{i}",
            "label": f"Line {i}",
            "basis": BASES[i % 4],
            "amount": f"{10 + 7 * i}",
            "quantity": "nights" if BASES[i % 4] == "per_participant_night" else "1",
        }
        for i in range(20)
    ]
    steps = [
        {"name": "fixed", "label": "Fixed", "formula": "sum_per_group"},
        {"name": "variable", "label": "Variable", "formula": "sum_per_participant"},
        {"name": "cost", "label": "Cost", "formula": "variable + fixed / n"},
        {
            "name": "price",
            "label": "Price",
            "formula": "cost / (1 - margin - commission)",
            "tolerance": 0.001,
            "tolerance_kind": "relative",
            "feedback": [{"mistake": "margin_vs_markup", "formula": "cost * (1 + margin)"}],
        },
        {
            "name": "be",
            "label": "Break-even",
            "unit": "count",
            "formula": "ceil(fixed / (price * (1 - commission) - variable))",
        },
        {
            "name": "profit",
            "label": "Profit",
            "formula": "(n + 4) * (price * (1 - commission) - variable) - fixed",
            "tolerance": 0.001,
            "tolerance_kind": "relative",
        },
    ]
    return {
        "title": "Bench",
        "currency": "EUR",
        "vat_country": "IT",
        "parameters": parameters,
        "cost_lines": lines,
        "steps": steps,
        "chart": {
            "x_from": 1,
            "x_to": 40,
            "fixed": "fixed",
            "variable": "variable",
            "unit_revenue": "price * (1 - commission)",
        },
    }


def timed(function, repeat):
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


def main():
    data = twenty_line_scenario()
    _compile_cached.cache_clear()
    cold = timed(lambda: (_compile_cached.cache_clear(), compiled_for(data)), 20)
    compiled = compiled_for(data)
    env = compiled.evaluate({"n": 14, "margin": 0.22})
    answers = {step["name"]: f"{env[step['name']]:.2f}".replace(".", ",") for step in compiled.steps}
    answers["price"] = f"{env['cost'] * 1.22:.2f}"  # one margin/mark-up mistake to detect

    def grade_one():
        scenario = compiled_for(data)  # cache hit: the compiled scenario is reused
        values = scenario.evaluate({"n": 14, "margin": 0.22})
        return grading.grade(scenario, values, answers, "it")

    result = grade_one()
    assert result.by_name()["price"].mistake == "margin_vs_markup"
    warm = timed(grade_one, 2000)
    print(
        f"20-line scenario, 6 steps: compile + range check (once per scenario): "
        f"median {statistics.median(cold) * 1000:.2f} ms"
    )
    print(
        f"grade one submission (compiled scenario reused): median {statistics.median(warm) * 1e6:.1f} µs, "
        f"p95 {sorted(warm)[int(len(warm) * 0.95)] * 1e6:.1f} µs"
    )

    source = "(variable + fixed / n) / (1 - margin - commission) * (1 + 22%) - max(fixed, 100) + round(cost, 2)"
    python_source = (
        "(variable + fixed / n) / (1 - margin - commission) * (1 + 22 / 100) - max(fixed, 100) + round(cost, 2)"
    )
    values = {"variable": 254.0, "fixed": 1590.0, "n": 12.0, "margin": 0.2, "commission": 0.1, "cost": 386.5}
    ours = compile_expression(source)
    theirs = compile(python_source, "<bench>", "eval")  # the baseline: CPython's own evaluator
    python_env = {"__builtins__": {"max": max, "round": round}}
    count = 100_000
    started = time.perf_counter()
    for _ in range(count):
        ours.evaluate(values)
    engine_rate = count / (time.perf_counter() - started)
    started = time.perf_counter()
    for _ in range(count):
        eval(theirs, python_env, values)  # noqa: S307 - the benchmark's baseline, on a fixed literal
    python_rate = count / (time.perf_counter() - started)
    assert abs(ours.evaluate(values) - eval(theirs, python_env, values)) < 1e-6  # noqa: S307
    print(
        f"engine: {engine_rate:,.0f} evaluations/s; Python eval of the same arithmetic: {python_rate:,.0f}/s; "
        f"ratio engine/Python = {engine_rate / python_rate:.2f}"
    )
    print(f"(formula: {source})")
    print(
        json.dumps(
            {
                "grade_median_us": round(statistics.median(warm) * 1e6, 1),
                "compile_median_ms": round(statistics.median(cold) * 1000, 2),
                "engine_eval_per_s": round(engine_rate),
                "python_eval_per_s": round(python_rate),
                "ratio": round(engine_rate / python_rate, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
