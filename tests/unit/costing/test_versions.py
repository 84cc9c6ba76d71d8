"""Upgrade safety: OLX and learner state written by every earlier format version still load, render,
grade and re-export as the newest version; a newer version fails clearly (common/versioning.py)."""

from pathlib import Path

import pytest
from wise_xblocks.common.olx import OLXError
from wise_xblocks.costing import olx

from tests.unit.common.versioned_fixtures import (
    check_olx_fixture,
    load_with_state,
    read_state,
    state_fixtures,
    stored_state,
)
from tests.xblock_runtime import RecordingRuntime

FIXTURES = Path(__file__).parent / "fixtures"
OLX_V1 = sorted((FIXTURES / "olx_v1").glob("*.xml"))
STATE_V1 = state_fixtures(FIXTURES, 1)
READ = ("learner_state", {})
WRITE = ("submit", {"answers": {"cost_pp": "13"}})
READ_KEY, COUNTER = "answers", "attempts"  # what the read handler echoes; what a write counts
OTHER_WRITES = (("hint", {"step": "cost_pp"}),)


def test_there_are_fixtures_for_every_version():
    assert len(OLX_V1) >= 2 and any(p.name.endswith("_no_version.xml") for p in OLX_V1) and STATE_V1


@pytest.mark.parametrize("path", OLX_V1, ids=[p.name for p in OLX_V1])
def test_every_v1_olx_fixture_loads_renders_and_exports_losslessly(path):
    exported = check_olx_fixture(path)
    if path.name.endswith("_no_version.xml"):
        # Written before exports carried wise_format: reads exactly as the same file with wise_format="1".
        assert exported == check_olx_fixture(path.with_name(path.name.replace("_no_version", "")))


def test_olx_from_a_newer_release_is_refused_naming_block_element_and_attribute():
    text = (FIXTURES / "olx_future" / "newer.xml").read_text(encoding="utf-8")
    for load in (olx.from_string, RecordingRuntime().load):
        with pytest.raises(OLXError) as raised:
            load(text)
        message = str(raised.value)
        assert raised.value.field == "wise_format" and raised.value.element == "wise_costing"
        assert "wise_costing" in message and "written by a newer openedx-wise" in message
        assert "upgrade the package" in message


@pytest.mark.parametrize("state_path,olx_path", STATE_V1, ids=[p.name for p, _ in STATE_V1])
def test_v1_learner_state_is_read_rendered_and_written_as_the_current_version(state_path, olx_path):
    state = read_state(state_path)
    assert "state_version" not in state  # v1 state predates the field
    runtime, block = load_with_state(olx_path, state)
    assert runtime.render(block, "student_view").content.strip()
    status, body = runtime.call(block, *READ)
    assert status == 200 and body[READ_KEY] == state[READ_KEY]
    assert {k: v for k, v in stored_state(runtime, block).items() if k in state} == state  # a read changes nothing
    # A fresh block, as each LMS request gets (ScoringMixin's lock re-reads state it has not touched).
    status, _body = runtime.call(runtime.get_block(block.scope_ids.usage_id), *WRITE)
    assert status == 200
    after = stored_state(runtime, block)
    assert after["state_version"] == 1 and after[COUNTER] == state[COUNTER] + 1


@pytest.mark.parametrize("state_path,olx_path", STATE_V1, ids=[p.name for p, _ in STATE_V1])
def test_learner_state_from_a_newer_release_is_shown_as_a_message_and_never_written(state_path, olx_path):
    state = {**read_state(state_path), "state_version": 2}
    runtime, block = load_with_state(olx_path, state)
    html = runtime.render(block, "student_view").content
    assert "saved by a newer version" in html and 'role="alert"' in html
    for handler, payload in (READ, WRITE, *OTHER_WRITES):
        status, body = runtime.call(block, handler, payload)
        assert status == 409 and body["code"] == "newer_learner_state", handler
    assert {k: v for k, v in stored_state(runtime, block).items() if k in state} == state
