"""Shared checks for the per-version fixtures of every block (common/versioning.py).

Each block keeps, under tests/unit/<block>/fixtures/:
  olx_v<N>/*.xml      OLX as written by format version N (``*_no_version.xml``: written before exports
                      carried wise_format, which reads as version 1)
  olx_future/*.xml    OLX from a version this release does not know: must fail with a clear error
  state_v<N>/*.json   user_state as written by learner-state version N; ``<olx>_<what>.json`` belongs to
                      olx_v<N>/<olx>.xml
"""

import io
import json

from lxml import etree
from wise_xblocks.common.versioning import OLX_ATTRIBUTE
from xblock.fields import Scope

from tests.xblock_runtime import RecordingRuntime

RUNTIME_ATTRS = ("xblock-family", "url_name")


def content_fields(block):
    return {
        name: field.read_from(block)
        for name, field in block.fields.items()
        if field.scope in (Scope.content, Scope.settings) and name not in ("parent", "children", "tags")
    }


def user_state(block):
    return {name: field.read_from(block) for name, field in block.fields.items() if field.scope == Scope.user_state}


def export(block):
    """The block's element as a course export writes it (through XBlock's Runtime.export_to_xml)."""
    out = io.BytesIO()
    block.runtime.export_to_xml(block, out)
    root = etree.fromstring(out.getvalue())
    for name in RUNTIME_ATTRS:
        root.attrib.pop(name, None)
    return etree.tostring(root, encoding="unicode")


def check_olx_fixture(path, current_version="1"):
    """Load, render, export as the newest version, import the export: nothing lost. Returns the export."""
    runtime = RecordingRuntime(user_id="fixture-check")
    block = runtime.load(path.read_text(encoding="utf-8"))
    fragment = runtime.render(block, "student_view")
    assert fragment.content.strip(), f"{path.name} rendered nothing"
    first = export(block)
    assert etree.fromstring(first).get(OLX_ATTRIBUTE) == current_version, "exports write the newest format version"
    again = RecordingRuntime(user_id="fixture-check-2").load(first)
    assert content_fields(again) == content_fields(block), f"{path.name}: export then import lost something"
    assert export(again) == first, f"{path.name}: a second export differs from the first"
    return first


def load_with_state(olx_path, state, user_id="fixture-learner"):
    """A block from `olx_path` whose current learner has `state` stored (as an older release saved it)."""
    runtime = RecordingRuntime(user_id=user_id)
    block = runtime.load(olx_path.read_text(encoding="utf-8"))
    for name, value in state.items():
        setattr(block, name, value)
    block.save()
    return runtime, runtime.get_block(block.scope_ids.usage_id)  # fresh: reads the stored state


def stored_state(runtime, block):
    return user_state(runtime.get_block(block.scope_ids.usage_id))


def state_fixtures(fixtures, version=1):
    """[(state json path, its olx path)] for one learner-state version."""
    pairs = []
    for path in sorted((fixtures / f"state_v{version}").glob("*.json")):
        olx_name = path.stem.rsplit("_", 1)[0] + ".xml"
        pairs.append((path, fixtures / f"olx_v{version}" / olx_name))
    return pairs


def read_state(path):
    return json.loads(path.read_text(encoding="utf-8"))
