"""Cross-cutting handler fuzz: EVERY handler of EVERY installed WISE block, found by introspection.

The owners' fuzz tests (tests/unit/*/test_*fuzz*) know each block's payload shapes. This one knows none:
it discovers blocks through the xblock.v1 entry points and handlers through XBlock's handler marker, so a
new block or handler is fuzzed the day it lands. Payloads are random JSON, random bytes, and "valid-looking"
objects built from the block's own student_view_data keys/values and the keys its handler code reads.

Asserted for every call, as a learner: the status is 200, 400, 403 or 409 (405 for a plain handler asked
with the wrong method); nothing raises; no traceback text in the body; after any 4xx the learner's whole
KVS state (user_state, preferences) and the course content are byte-for-byte what they were.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .blocks import (
    TRACEBACK_MARKERS,
    body_text,
    course_content,
    handler_names,
    load_block,
    payload_vocabulary,
    user_state,
    wise_block_classes,
)

BLOCKS = wise_block_classes()
CASES = [(name, handler) for name, cls in BLOCKS.items() for handler in handler_names(cls)]
ALLOWED = {200, 400, 403, 409}

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["", " ", "<script>alert(1)</script>", "1e309", "-0", "NaN", "\u0000", "ü" * 5, "9" * 400])
)


def json_like(leaf):
    return st.recursive(
        leaf,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=10,
    )


def payloads_for(keys, leaves):
    leaf = scalars | (st.sampled_from(leaves) if leaves else st.nothing())
    key = st.sampled_from(keys) if keys else st.text(max_size=8)
    valid_looking = st.dictionaries(
        key,
        leaf | st.dictionaries(key, leaf, max_size=4) | st.lists(leaf, max_size=4) | json_like(leaf),
        max_size=6,
    )
    return st.one_of(
        valid_looking,
        json_like(scalars),
        st.binary(max_size=40).map(lambda raw: ("raw", raw)),
        st.sampled_from([("raw", b""), ("raw", b"{"), ("raw", b"\xff\xfe")]),
    )


@pytest.mark.parametrize(("block_name", "handler"), CASES, ids=[f"{b}.{h}" for b, h in CASES])
def test_every_handler_survives_random_and_valid_looking_json(block_name, handler, db):
    # `db`: skills_check records evidence in the plugin's tables through its public API.
    cls = BLOCKS[block_name]
    runtime, block = load_block(block_name, cls)
    keys, leaves = payload_vocabulary(cls, block, handler)
    learner = runtime.user_id

    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(payload=payloads_for(keys, leaves))
    def run(payload):
        before_state, before_content = user_state(runtime, learner), course_content(runtime)
        published_before = len(runtime.published)
        if isinstance(payload, tuple):
            status, body = runtime.call(block, handler, payload[1], raw=True)
        else:
            status, body = runtime.call(block, handler, payload)
        text = body_text(body)
        assert status in ALLOWED, f"{block_name}.{handler} answered {status} to {payload!r}: {text[:300]}"
        assert not any(marker in text for marker in TRACEBACK_MARKERS), f"traceback in {block_name}.{handler}: {text}"
        if status >= 400:
            assert user_state(runtime, learner) == before_state, (
                f"{block_name}.{handler} answered {status} to {payload!r} but changed the learner's state"
            )
            assert course_content(runtime) == before_content, f"{block_name}.{handler} {status} changed content"
            assert len(runtime.published) == published_before, f"{block_name}.{handler} {status} published events"
        grades = runtime.events("grade")
        assert all(0 <= g["value"] <= g["max_value"] for g in grades), f"grade out of range: {grades}"

    run()


def test_every_block_and_handler_is_fuzzed():
    """The discovery is not empty and finds the handlers the three shipped blocks are known to have."""
    assert {"wise_waste_sorting", "wise_costing", "wise_skills_check"} <= set(BLOCKS)
    names = {f"{b}.{h}" for b, h in CASES}
    for must in ("wise_costing.submit", "wise_waste_sorting.submit", "wise_skills_check.submit", "wise_costing.hint"):
        assert must in names


# Deep nesting is kept out of the random fuzz above so that one known crash does not hide everything else;
# it has its own test. XBlock's json_handler (xblock/core.py, wrapper) catches only ValueError around
# json.loads, and CPython's decoder raises RecursionError on a ~4 KB body of nested arrays: a 500 from any
# json_handler of any block, before the block's own code runs.
DEEP = b"[" * 5000 + b"]" * 5000


@pytest.mark.parametrize("block_name", list(BLOCKS))
def test_deeply_nested_json_is_refused_not_a_crash(block_name):
    cls = BLOCKS[block_name]
    runtime, block = load_block(block_name, cls)
    for handler in handler_names(cls):
        before = user_state(runtime, runtime.user_id)
        try:
            status, body = runtime.call(block, handler, DEEP, raw=True)
        except RecursionError:
            pytest.fail(f"{block_name}.{handler}: 10 KB of nested JSON arrays raise RecursionError (a 500)")
        assert status in ALLOWED, f"{block_name}.{handler} answered {status} to deeply nested JSON"
        assert user_state(runtime, runtime.user_id) == before
