"""common/versioning.py: the upgrade chains really run (test-only formats with a version 2), and the
learner-state guard upgrades old state consistently and never writes state from a newer release."""

import pytest
from lxml import etree
from wise_xblocks.common.olx import OLXError
from wise_xblocks.common.scoring import ScoringMixin, one_submission_at_a_time
from wise_xblocks.common.versioning import (
    OLX_ATTRIBUTE,
    BlockFormat,
    FutureStateError,
    VersionedStateMixin,
    learner_state_handler,
)
from xblock.core import XBlock
from xblock.fields import Dict, Integer, Scope
from xblock.fragment import Fragment

from tests.xblock_runtime import RecordingRuntime


def rename_colour(node):  # OLX v1 -> v2 (test only): <bin colour> became <bin color>
    for child in node.iter("bin"):
        if child.get("colour") is not None:
            child.set("color", child.attrib.pop("colour"))
    return node


def answers_to_mapping(state):  # state v1 -> v2 (test only): a list of answers became {index: answer}
    return {**state, "answers": {str(i): answer for i, answer in enumerate(state.get("answers") or [])}}


FORMAT_V2 = BlockFormat("wise_test", olx_current=2, olx_steps={1: rename_colour})


def test_missing_attribute_is_version_1_and_is_upgraded_through_the_chain():
    node = etree.fromstring('<wise_test url_name="u1"><bin colour="#fff"/></wise_test>')
    assert FORMAT_V2.olx_version(node) == 1
    upgraded = FORMAT_V2.upgrade_olx(node)
    assert upgraded.find("bin").get("color") == "#fff" and upgraded.get(OLX_ATTRIBUTE) is None
    assert node.find("bin").get("colour") == "#fff", "the caller's element is left as it was"


def test_current_version_passes_unchanged_and_export_stamps_it():
    node = etree.fromstring('<wise_test wise_format="2"><bin color="#fff"/></wise_test>')
    assert etree.tostring(FORMAT_V2.upgrade_olx(node)) == b'<wise_test><bin color="#fff"/></wise_test>'
    assert FORMAT_V2.stamp_olx(etree.Element("wise_test")).get(OLX_ATTRIBUTE) == "2"


def test_a_test_only_step_from_version_0_runs():
    fmt = BlockFormat("wise_test", olx_steps={0: rename_colour})
    node = fmt.upgrade_olx(etree.fromstring('<wise_test wise_format="0"><bin colour="red"/></wise_test>'))
    assert node.find("bin").get("color") == "red"


@pytest.mark.parametrize("raw", ["3", "99"])
def test_a_newer_version_names_block_element_and_attribute(raw):
    with pytest.raises(OLXError) as raised:
        FORMAT_V2.upgrade_olx(etree.fromstring(f'<wise_test url_name="u7" wise_format="{raw}"/>'))
    error = raised.value
    assert (error.block_type, error.url_name, error.element, error.field) == (
        "wise_test",
        "u7",
        "wise_test",
        "wise_format",
    )
    assert "written by a newer openedx-wise" in str(error) and "upgrade the package" in str(error)
    assert f"format {raw}" in str(error) and "reads up to 2" in str(error)


@pytest.mark.parametrize("raw", ["", "one", "1.5", "0", "-1"])
def test_a_version_that_is_not_a_known_number_is_an_error(raw):
    with pytest.raises(OLXError, match="must be a format version number"):
        FORMAT_V2.upgrade_olx(etree.fromstring(f'<wise_test wise_format="{raw}"/>'))


def test_a_chain_with_a_gap_is_refused_at_import_time():
    with pytest.raises(ValueError, match="no step from version"):
        BlockFormat("wise_test", olx_current=3, olx_steps={1: rename_colour})
    with pytest.raises(ValueError, match="at or after the current version"):
        BlockFormat("wise_test", state_current=1, state_steps={1: answers_to_mapping})


def test_state_upgrade_is_pure_and_refuses_newer_versions():
    fmt = BlockFormat("wise_test", state_current=2, state_steps={1: answers_to_mapping})
    old = {"answers": ["a", "b"]}
    assert fmt.upgrade_state(None, old) == ({"answers": {"0": "a", "1": "b"}}, 2)
    assert old == {"answers": ["a", "b"]}
    assert fmt.upgrade_state(2, {"answers": {"0": "a"}}) == ({"answers": {"0": "a"}}, 2)
    with pytest.raises(FutureStateError):
        fmt.upgrade_state(3, {})


class VersionedBlock(VersionedStateMixin, XBlock):
    """A block whose learner state is in version 2 (answers: list in v1, mapping in v2)."""

    block_format = BlockFormat("wise_versioned_test", state_current=2, state_steps={1: answers_to_mapping})
    answers = Dict(default={}, scope=Scope.user_state)  # v1 stored a list here: steps read the raw JSON
    saves = Integer(default=0, scope=Scope.user_state)

    def student_view(self, context=None):
        refusal = self.newer_state_refusal()
        if refusal:
            return refusal
        return Fragment(f"<p>{len(self.answers)} answers</p>")

    @learner_state_handler(writes=False)
    @XBlock.json_handler
    def read(self, data, suffix=""):
        return {"answers": self.answers}

    @learner_state_handler()
    @XBlock.json_handler
    def save_answer(self, data, suffix=""):
        self.answers = {**self.answers, str(len(self.answers)): data["answer"]}
        self.saves += 1
        return {"answers": self.answers}


def stored(runtime, block, state):
    """Put `state` (JSON) in the store as an older release wrote it; return a fresh block reading it."""
    block._field_data.set_many(block, state)
    return runtime.get_block(block.scope_ids.usage_id)


@pytest.fixture
def runtime():
    return RecordingRuntime(block_classes={"wise_versioned_test": VersionedBlock})


def test_v1_state_is_upgraded_before_reading_and_saved_with_its_version(runtime):
    block = stored(runtime, runtime.load("<wise_versioned_test/>"), {"answers": ["x", "y"]})
    assert "<p>2 answers</p>" in runtime.render(block, "student_view").content
    status, body = runtime.call(block, "read", {})
    assert status == 200 and body == {"answers": {"0": "x", "1": "y"}}
    fresh = runtime.get_block(block.scope_ids.usage_id)
    # Whatever reached the store, the shape and its version agree: never an upgraded shape under version 1.
    assert (fresh.state_version, fresh.answers) in ((None, ["x", "y"]), (2, {"0": "x", "1": "y"}))
    status, body = runtime.call(fresh, "save_answer", {"answer": "z"})
    assert status == 200 and body == {"answers": {"0": "x", "1": "y", "2": "z"}}
    fresh = runtime.get_block(block.scope_ids.usage_id)
    assert (fresh.state_version, fresh.answers, fresh.saves) == (2, {"0": "x", "1": "y", "2": "z"}, 1)
    runtime.call(fresh, "read", {})  # reading the upgraded state again does not upgrade it twice
    assert runtime.get_block(block.scope_ids.usage_id).answers == {"0": "x", "1": "y", "2": "z"}


def test_state_from_a_newer_release_is_never_read_or_written(runtime):
    newer = {"answers": {"shape": "unknown"}, "saves": 4, "state_version": 3}
    block = stored(runtime, runtime.load("<wise_versioned_test/>"), newer)
    html = runtime.render(block, "student_view").content
    assert 'role="alert"' in html and "saved by a newer version" in html
    for handler, payload in (("read", {}), ("save_answer", {"answer": "z"})):
        status, body = runtime.call(block, handler, payload)
        assert status == 409 and body["code"] == "newer_learner_state" and "newer version" in body["error"]
    fresh = runtime.get_block(block.scope_ids.usage_id)
    assert (fresh.answers, fresh.saves, fresh.state_version) == ({"shape": "unknown"}, 4, 3)


def test_another_learner_is_not_affected(runtime):
    block = runtime.load("<wise_versioned_test/>")
    stored(runtime, block, {"state_version": 3})
    other = runtime.learner("learner-2")
    other_block = other.get_block(block.scope_ids.usage_id)
    assert other.call(other_block, "save_answer", {"answer": "a"}) == (200, {"answers": {"0": "a"}})
    assert other.get_block(block.scope_ids.usage_id).state_version == 2


@XBlock.wants("user")
class ScoredVersionedBlock(VersionedStateMixin, ScoringMixin, XBlock):
    """The shape of the real blocks: a submission under ScoringMixin's lock, which re-reads state."""

    block_format = BlockFormat("wise_scored_versioned_test", state_current=2, state_steps={1: answers_to_mapping})
    answers = Dict(default={}, scope=Scope.user_state)

    @learner_state_handler()
    @XBlock.json_handler
    @one_submission_at_a_time
    def submit(self, data, suffix=""):
        self.ensure_can_submit()
        self.answers = {**self.answers, str(len(self.answers)): data["answer"]}
        self.record_attempt(1.0)
        return {"answers": self.answers, "attempts": self.attempts}


def test_a_submission_under_the_scoring_lock_sees_and_keeps_the_upgraded_state():
    runtime = RecordingRuntime(block_classes={"wise_scored_versioned_test": ScoredVersionedBlock})
    block = stored(runtime, runtime.load("<wise_scored_versioned_test/>"), {"answers": ["x"], "attempts": 1})
    status, body = runtime.call(block, "submit", {"answer": "y"})
    assert (status, body) == (200, {"answers": {"0": "x", "1": "y"}, "attempts": 2})
    fresh = runtime.get_block(block.scope_ids.usage_id)
    assert (fresh.state_version, fresh.answers, fresh.attempts) == (2, {"0": "x", "1": "y"}, 2)
