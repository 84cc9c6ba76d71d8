"""Grades and answers: what a learner's browser can and cannot do to a graded WISE block.

* publish_event (every block): grade, completion and any type off the block's allow-list are refused with a
  400 through the real workbench, and nothing is published; allowed types never turn into grades.
* scores: a correct submission earns exactly the maximum, never more, whatever extra fields the payload
  carries (score, value, raw_earned...); repeated correct submissions do not add up.
* attempts and deadline: past max_attempts a submission is a 409, past the due date a 403, and neither
  changes the learner's state nor publishes anything.
* answers: before the show-answer policy allows (default "finished"), the correct answers and explanations
  are in no student_view_data, no rendered student_view and no handler response; after the last attempt
  they are (the positive control proving the markers are the right ones).

Graded blocks are found generically (has_score on the installed wise_* classes); what a correct answer is
can only be known per block, so each graded block has an adapter below, and a graded block without one fails.
"""

import datetime
import json
import re

import pytest
from lxml import etree

from tests.xblock_runtime import RecordingRuntime

from .blocks import body_text, find_block, first_scenario_olx, handler_names, user_state, wise_block_classes

BLOCKS = wise_block_classes()
GRADED = {name: cls for name, cls in BLOCKS.items() if getattr(cls, "has_score", False)}
FORBIDDEN_EVENTS = [
    "grade",
    "completion",
    "progress",
    "problem_check",
    "edx.grades.problem.submitted",
    "GRADE",
    "grade ",
    " grade",
    "grade\u0000",
    "edx.grades.subsection.grade_calculated",
    "wise.not-on-the-list",
    "",
    None,
    ["grade"],
    {"type": "grade"},
    42,
]
TAMPER = {"score": 100, "value": 5, "max_value": 1, "raw_earned": 10, "weight": 1000, "attempts": -5, "grade": 1}


# --- per-block knowledge: a correct and a wrong submission, and what only an answer shows ------------------
class WasteSorting:
    submit = "submit"
    olx_settings = {"mode": "assessment"}

    @staticmethod
    def payloads(block):
        content = block.sorting_content()
        items = block.learner_item_ids(content)
        bins = content.bin_ids()
        correct = {item: content.item(item).bin for item in items}
        wrong = {item: next(b for b in bins if b != correct[item]) for item in items}
        return {"placements": correct}, {"placements": wrong}

    @staticmethod
    def answer_markers(block):
        content = block.sorting_content()
        explanations = [content.item(i).explanation for i in block.learner_item_ids(content)]
        return ["correct_bin"] + [e for e in explanations if e and len(e) > 12]


class Costing:
    submit = "submit"
    olx_settings = {}

    @staticmethod
    def _solution(block):
        from wise_xblocks.costing import grading

        compiled = block.compiled()
        return compiled, grading.worked_solution(compiled, block.learner_env(compiled), "en")

    @classmethod
    def payloads(cls, block):
        _compiled, solution = cls._solution(block)
        correct = {step["name"]: str(step["value"]) for step in solution}
        wrong = {step["name"]: str(step["value"] * 3 + 1017) for step in solution}
        return {"answers": correct}, {"answers": wrong}

    @classmethod
    def answer_markers(cls, block):
        compiled, solution = cls._solution(block)
        markers = ['"substituted"', '"formula"']
        markers += [step.get("explanation") for step in compiled.steps if step.get("explanation")]
        return [m for m in markers if m and len(m) > 8]


ADAPTERS = {"wise_waste_sorting": WasteSorting, "wise_costing": Costing}


def test_every_graded_block_has_an_adapter():
    assert GRADED, "no graded WISE block found"
    missing = sorted(set(GRADED) - set(ADAPTERS))
    assert not missing, f"graded blocks without a grades adapter in tests/security/test_grades.py: {missing}"


def graded_block(name, user_id="learner-1", **settings):
    """A graded block from its first workbench scenario, with the given settings forced onto its OLX element."""
    cls = GRADED[name]
    root = etree.fromstring(first_scenario_olx(cls).strip())
    node = root if root.tag == name else root.find(f".//{name}")
    for key, value in {**ADAPTERS[name].olx_settings, **settings}.items():
        node.set(key, str(value))
    runtime = RecordingRuntime(user_id=user_id, block_classes={name: cls})
    block = find_block(runtime, runtime.load(etree.tostring(root, encoding="unicode")), name)
    return runtime, block


# --- events -------------------------------------------------------------------------------------------------
@pytest.fixture
def block_usages(client, wise_scenarios):
    """{block type: a usage id on a real workbench page} for every WISE block type."""
    found = {}
    pattern = re.compile(r"""data-usage=["']([^"']+)["'] data-block-type=["'](wise_[a-z_]+)["']""")
    for scenario_id in sorted(wise_scenarios):
        if scenario_id.startswith("wise_course."):
            continue
        html = client.get(f"/workbench/scenario/{scenario_id}/?student=sec-learner").content.decode()
        for usage_id, block_type in pattern.findall(html):
            found.setdefault(block_type, usage_id)
    assert set(found) == set(BLOCKS), f"blocks without a workbench page: {set(BLOCKS) - set(found)}"
    return found


def test_forbidden_events_are_refused_by_the_real_workbench(client, block_usages):
    for block_type, usage_id in block_usages.items():
        for event_type in FORBIDDEN_EVENTS:
            response = client.post(
                f"/workbench/handler/{usage_id}/publish_event/?student=sec-learner",
                data=json.dumps({"event_type": event_type, "value": 1, "max_value": 1}),
                content_type="application/json",
            )
            assert response.status_code == 400, (block_type, event_type, response.status_code)


@pytest.mark.parametrize("name", list(BLOCKS))
def test_nothing_is_published_for_a_refused_event_and_allowed_events_stay_what_they_are(name):
    from .blocks import load_block

    cls = BLOCKS[name]
    runtime, block = load_block(name, cls)
    for event_type in FORBIDDEN_EVENTS:
        status, _ = runtime.call(block, "publish_event", {"event_type": event_type, "value": 1, "max_value": 1})
        assert status == 400, (name, event_type)
    assert runtime.published == []
    for event_type in sorted(cls.client_event_types):
        status, _ = runtime.call(block, "publish_event", {"event_type": event_type, **TAMPER})
        assert status == 200, (name, event_type)
    assert [kind for kind, _ in runtime.published] == sorted(cls.client_event_types)
    assert not runtime.events("grade") and not runtime.events("completion")


# --- scores -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(ADAPTERS))
def test_a_score_never_exceeds_the_maximum(name):
    runtime, block = graded_block(name, weight=2, max_attempts=0)
    correct, wrong = ADAPTERS[name].payloads(block)
    for payload in (correct, {**correct, **TAMPER}, correct, wrong, {**wrong, **TAMPER}):
        status, body = runtime.call(block, ADAPTERS[name].submit, payload)
        assert status == 200, (name, body)
    grades = runtime.events("grade")
    assert grades, f"{name}: a correct submission published no grade"
    assert grades[0]["value"] == grades[0]["max_value"], f"{name}: the correct payload is not full marks: {grades}"
    assert all(g["value"] <= g["max_value"] == block.max_score() for g in grades), grades
    assert block.get_score().raw_earned == 1.0
    assert block.raw_earned <= 1.0 and block.attempts == 5


# --- attempts and deadline ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(ADAPTERS))
def test_no_submission_after_the_last_attempt(name):
    runtime, block = graded_block(name, max_attempts=2)
    correct, wrong = ADAPTERS[name].payloads(block)
    for _ in range(2):
        assert runtime.call(block, ADAPTERS[name].submit, wrong)[0] == 200
    before, published = user_state(runtime, runtime.user_id), len(runtime.published)
    for payload in (correct, wrong, {**correct, **TAMPER}):
        status, body = runtime.call(block, ADAPTERS[name].submit, payload)
        assert status == 409, (name, status, body)
    assert user_state(runtime, runtime.user_id) == before
    assert len(runtime.published) == published
    assert block.attempts == 2 and (block.raw_earned or 0) < 1.0


@pytest.mark.parametrize("name", list(ADAPTERS))
def test_no_submission_after_the_deadline(name):
    runtime, block = graded_block(name)
    block.due = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)
    correct, _wrong = ADAPTERS[name].payloads(block)
    before = user_state(runtime, runtime.user_id)
    status, body = runtime.call(block, ADAPTERS[name].submit, correct)
    assert status == 403, (name, status, body)
    assert user_state(runtime, runtime.user_id) == before and runtime.published == []


# --- answers --------------------------------------------------------------------------------------------------
def everything_a_learner_sees(runtime, block, cls, payloads, submission=None):
    """student_view_data, the rendered student_view, the answer to `submission` and every other handler's
    answer to the given payloads."""
    seen = []
    if submission is not None:
        status, body = runtime.call(block, ADAPTERS[block.scope_ids.block_type].submit, submission)
        seen.append(f"submit {status} {body_text(body)}")
    seen += [json.dumps(block.student_view_data()), runtime.render(block, "student_view").content]
    for handler in handler_names(cls):
        if handler in ("studio_submit", "load_preset", "template_olx", ADAPTERS[block.scope_ids.block_type].submit):
            continue  # author handlers: Studio, not the LMS page (the LMS refuses content/settings writes)
        for payload in payloads:
            status, body = runtime.call(block, handler, payload)
            seen.append(f"{handler} {status} {body_text(body)}")
    return "\n".join(seen)


@pytest.mark.parametrize("name", list(ADAPTERS))
def test_answers_stay_hidden_until_the_policy_allows(name):
    adapter = ADAPTERS[name]
    runtime, block = graded_block(name, max_attempts=2, showanswer="finished")
    _correct, wrong = adapter.payloads(block)
    markers = adapter.answer_markers(block)
    assert markers, f"{name}: no answer markers to look for"

    first_item = {"item": next(iter(wrong.get("placements", {})), None)}
    before = everything_a_learner_sees(runtime, block, GRADED[name], [{}, wrong, first_item], submission=wrong)
    # The wrong submission spent one attempt; one is left, so the policy still hides the answers.
    assert block.attempts == 1 and not block.answer_available()
    leaked = [m for m in markers if m in before]
    assert not leaked, f"{name}: answer material visible before the show-answer policy allows: {leaked}"

    assert runtime.call(block, adapter.submit, wrong)[0] == 200  # the last attempt: now "finished"
    assert block.answer_available()
    after = everything_a_learner_sees(runtime, block, GRADED[name], [{}])
    assert any(m in after for m in markers), f"{name}: the answer markers never appear, so they prove nothing"


def test_no_workbench_page_shows_answers_to_a_new_learner(client, wise_scenarios):
    """Every block scenario page of the real workbench, for a learner who has not answered: no correct bin, no
    worked solution (unless the scenario's policy is "always", which is the positive control)."""
    markers = ('"correct_bin"', '"substituted"', "correct_bin&quot;", "substituted&quot;")
    checked = shown = 0
    for scenario_id, scenario in sorted(wise_scenarios.items()):
        if scenario_id.startswith("wise_course.") or not any(name in scenario.xml for name in ADAPTERS):
            continue
        html = client.get(f"/workbench/scenario/{scenario_id}/?student=fresh-learner").content.decode()
        leaked = [m for m in markers if m in html]
        if 'showanswer="always"' in scenario.xml:
            shown += bool(leaked)
            continue
        checked += 1
        assert not leaked, f"{scenario_id}: answers on the page of a learner who has not answered: {leaked}"
    assert checked >= len(ADAPTERS), "no scenario to check"
    assert shown, "no 'always' scenario shows answers: the markers prove nothing"
