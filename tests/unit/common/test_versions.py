"""Upgrade safety of every block: OLX and learner state written by every earlier format version still load, render,
grade and re-export as the newest version; a newer version fails clearly (common/versioning.py).

One test module for the three blocks; each block brings its fixtures (tests/unit/<block>/fixtures/olx_v<n>,
state_v<n> for every version n up to the current one, and olx_future) and says below which handlers read and write
its state. Adding version 2 of a format (docs/operators/upgrade.md) needs new fixture folders, not new tests."""

from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from wise_xblocks.common.olx import OLXError
from wise_xblocks.costing import olx as costing_olx
from wise_xblocks.skills_check import olx as skills_check_olx
from wise_xblocks.waste_sorting import olx as waste_sorting_olx

from tests.unit.common.versioned_fixtures import (
    check_olx_fixture,
    load_with_state,
    read_state,
    state_fixtures,
    stored_state,
)
from tests.xblock_runtime import RecordingRuntime

UNIT = Path(__file__).parent.parent


@dataclass(frozen=True)
class Versioned:
    tag: str  # the OLX element
    folder: str  # the block's folder under tests/unit/
    format: object  # the block's BlockFormat: which versions exist
    parse: object  # OLX text -> the block's definition, through the block's pure OLX module
    read: tuple  # (handler, payload) that returns the learner's state
    write: tuple  # (handler, payload) that records one answer
    read_key: str  # what `read` echoes from the state
    counter: str  # the state field one `write` increments
    other_writes: tuple = ()
    min_olx_fixtures: int = 2
    needs_db: bool = False  # a write records evidence in wise_skills

    @property
    def fixtures(self) -> Path:
        return UNIT / self.folder / "fixtures"

    def olx_versions(self):
        return range(1, self.format.olx_current + 1)

    def state_versions(self):
        return range(1, self.format.state_current + 1)

    def olx_fixtures(self, version):
        return sorted((self.fixtures / f"olx_v{version}").glob("*.xml"))


BLOCKS = [
    Versioned(
        "wise_waste_sorting",
        "waste_sorting",
        waste_sorting_olx.FORMAT,
        waste_sorting_olx.from_string,
        read=("student_view_user_state", {}),
        write=("submit", {"placements": {"jar": "a"}}),
        read_key="placements",
        counter="attempts",
        other_writes=(("reset", {}), ("place", {"item": "jar", "bin": "a"})),
        min_olx_fixtures=3,
    ),
    Versioned(
        "wise_costing",
        "costing",
        costing_olx.FORMAT,
        costing_olx.from_string,
        read=("learner_state", {}),
        write=("submit", {"answers": {"cost_pp": "13"}}),
        read_key="answers",
        counter="attempts",
        other_writes=(("hint", {"step": "cost_pp"}),),
    ),
    Versioned(
        "wise_skills_check",
        "skills_check",
        skills_check_olx.FORMAT,
        lambda text: skills_check_olx.read(etree.fromstring(text)),
        read=("state", {}),
        write=("submit", {"ratings": {"sector:waste.sorting": 3}}),
        read_key="ratings",
        counter="submissions",
        min_olx_fixtures=3,
        needs_db=True,
    ),
]


def _params(per_block):
    """pytest params over (block, fixture...) with readable ids; the database only for blocks that need it."""
    params = []
    for block in BLOCKS:
        marks = [pytest.mark.django_db] if block.needs_db else []
        for values, name in per_block(block):
            params.append(pytest.param(block, *values, id=f"{block.folder}-{name}", marks=marks))
    return params


OLX_CASES = _params(lambda b: [((p,), f"v{v}-{p.name}") for v in b.olx_versions() for p in b.olx_fixtures(v)])
STATE_CASES = _params(
    lambda b: [((v, s, o), f"v{v}-{s.name}") for v in b.state_versions() for s, o in state_fixtures(b.fixtures, v)]
)


@pytest.mark.parametrize("block", BLOCKS, ids=[b.folder for b in BLOCKS])
def test_there_are_fixtures_for_every_version(block):
    for version in block.olx_versions():
        assert len(block.olx_fixtures(version)) >= block.min_olx_fixtures, f"olx_v{version}"
    for version in block.state_versions():
        assert state_fixtures(block.fixtures, version), f"state_v{version}"
    # Files exported before wise_format existed read as version 1.
    assert any(p.name.endswith("_no_version.xml") for p in block.olx_fixtures(1))


@pytest.mark.parametrize("block,path", OLX_CASES)
def test_every_older_olx_fixture_loads_renders_and_exports_losslessly(block, path):
    exported = check_olx_fixture(path)
    if path.name.endswith("_no_version.xml"):
        # Written before exports carried wise_format: reads exactly as the same file with wise_format="1".
        assert exported == check_olx_fixture(path.with_name(path.name.replace("_no_version", "")))


@pytest.mark.parametrize("block", BLOCKS, ids=[b.folder for b in BLOCKS])
def test_olx_from_a_newer_release_is_refused_naming_block_element_and_attribute(block):
    text = (block.fixtures / "olx_future" / "newer.xml").read_text(encoding="utf-8")
    for load in (block.parse, RecordingRuntime().load):
        with pytest.raises(OLXError) as raised:
            load(text)
        message = str(raised.value)
        assert raised.value.field == "wise_format" and raised.value.element == block.tag
        assert block.tag in message and "written by a newer openedx-wise" in message
        assert "upgrade the package" in message


@pytest.mark.parametrize("block,version,state_path,olx_path", STATE_CASES)
def test_older_learner_state_is_read_rendered_and_written_as_the_current_version(block, version, state_path, olx_path):
    state = read_state(state_path)
    assert state.get("state_version", 1) == version  # v1 state predates the field
    runtime, xblock = load_with_state(olx_path, state)
    assert runtime.render(xblock, "student_view").content.strip()
    status, body = runtime.call(xblock, *block.read)
    assert status == 200 and body[block.read_key] == state[block.read_key]
    assert {k: v for k, v in stored_state(runtime, xblock).items() if k in state} == state  # a read changes nothing
    # A fresh block, as each LMS request gets (ScoringMixin's lock re-reads state it has not touched).
    status, _body = runtime.call(runtime.get_block(xblock.scope_ids.usage_id), *block.write)
    assert status == 200
    after = stored_state(runtime, xblock)
    assert after["state_version"] == block.format.state_current and after[block.counter] == state[block.counter] + 1


@pytest.mark.parametrize("block,version,state_path,olx_path", STATE_CASES)
def test_learner_state_from_a_newer_release_is_shown_as_a_message_and_never_written(
    block, version, state_path, olx_path
):
    state = {**read_state(state_path), "state_version": block.format.state_current + 1}
    runtime, xblock = load_with_state(olx_path, state)
    html = runtime.render(xblock, "student_view").content
    assert "saved by a newer version" in html and 'role="alert"' in html
    for handler, payload in (block.read, block.write, *block.other_writes):
        status, body = runtime.call(xblock, handler, payload)
        assert status == 409 and body["code"] == "newer_learner_state", handler
    assert {k: v for k, v in stored_state(runtime, xblock).items() if k in state} == state
