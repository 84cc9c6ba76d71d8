"""Whatever a browser posts, the handlers answer 200 or 400, and a 400 leaves the state as it was."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wise_xblocks.skills_check import SkillsCheckXBlock

from tests.xblock_runtime import RecordingRuntime

OLX = """<wise_skills_check phase="end" group="g">
  <role key="sorting-operator"/>
  <competence key="digcomp:1.1"/>
  <competence key="sector:waste.sorting"/>
</wise_skills_check>"""
KEYS = ["digcomp:1.1", "sector:waste.sorting", "digcomp:2.1", "", "x" * 300]

scalars = st.none() | st.booleans() | st.integers(-10, 10) | st.floats(allow_nan=False) | st.text(max_size=20)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
ratings = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=12), scalars | st.integers(-2, 6), max_size=5)
payloads = (
    st.fixed_dictionaries({"ratings": ratings})
    | json_values
    | st.dictionaries(st.sampled_from(["ratings", "x"]), json_values, max_size=2)
)


def state_of(block, runtime):
    return (
        json.dumps(block.ratings, sort_keys=True),
        block.submitted_at,
        block.submissions,
        json.dumps(block.group_answers, sort_keys=True),
        len(runtime.published),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=payloads)
def test_submit_answers_200_or_400_and_400_changes_nothing(payload):
    runtime = RecordingRuntime(block_classes={"wise_skills_check": SkillsCheckXBlock})
    block = runtime.load(OLX)
    runtime.call(block, "submit", {"ratings": {"digcomp:1.1": 2}})
    before = state_of(block, runtime)
    status, _ = runtime.call(block, "submit", payload)
    assert status in (200, 400)
    if status == 400:
        assert state_of(block, runtime) == before


studio_payloads = (
    st.fixed_dictionaries(
        {},
        optional={
            "display_name": scalars,
            "phase": st.sampled_from(["start", "end", "x"]) | scalars,
            "group": st.sampled_from(["g", "", "bad id"]) | scalars,
            "role": st.sampled_from(["", "sorting-operator"]) | scalars,
            "competences": st.lists(st.sampled_from(KEYS) | scalars, max_size=4) | scalars,
            "units": st.lists(
                st.fixed_dictionaries(
                    {
                        "competence": st.sampled_from(KEYS) | scalars,
                        "href": st.sampled_from(["/a", "javascript:x"]) | scalars,
                        "title": scalars,
                    }
                ),
                max_size=3,
            )
            | json_values,
            "intro": scalars,
        },
    )
    | json_values
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=studio_payloads)
def test_studio_submit_answers_200_or_400_and_400_keeps_content(payload):
    runtime = RecordingRuntime(block_classes={"wise_skills_check": SkillsCheckXBlock})
    block = runtime.load(OLX)
    before = json.dumps(
        [block.competences, block.role, block.units, block.phase, block.group, block.intro, block.display_name]
    )
    status, _ = runtime.call(block, "studio_submit", payload)
    assert status in (200, 400)
    after = json.dumps(
        [block.competences, block.role, block.units, block.phase, block.group, block.intro, block.display_name]
    )
    if status == 400:
        assert after == before
