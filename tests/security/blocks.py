"""Generic access to every installed WISE block, so the security tests cover new blocks without edits.

Blocks are found through the ``xblock.v1`` entry points (names starting with ``wise_``), handlers by the
``_is_xblock_handler`` marker XBlock puts on every handler, and a runnable instance comes from each
block's own first workbench scenario.
"""

import importlib.metadata
import inspect
import json
import re

from tests.xblock_runtime import RecordingRuntime

TRACEBACK_MARKERS = ("Traceback (most recent call last)", 'File "/', "site-packages/", "\n  File ")


def wise_block_classes():
    """{entry point name: block class} of every installed WISE block, sorted by name."""
    found = {}
    for entry_point in importlib.metadata.entry_points(group="xblock.v1"):
        if entry_point.name.startswith("wise_"):
            found[entry_point.name] = entry_point.load()
    assert found, "no wise_* XBlock entry point installed: run `.venv/bin/pip install --no-deps -e .`"
    return dict(sorted(found.items()))


def handler_names(cls):
    return sorted(name for name in dir(cls) if getattr(getattr(cls, name, None), "_is_xblock_handler", False))


def is_json_handler(cls, name):
    """json_handler wraps the method (functools.wraps sets __wrapped__); a plain handler reads the request."""
    return hasattr(getattr(cls, name), "__wrapped__")


def first_scenario_olx(cls):
    scenarios = cls.workbench_scenarios()
    assert scenarios, f"{cls.__name__} has no workbench scenario"
    return scenarios[0][1]


def find_block(runtime, root, block_type):
    """The first block of `block_type` at or under `root` (scenarios may wrap the block in a vertical)."""
    if root.scope_ids.block_type == block_type:
        return root
    for child_id in getattr(root, "children", []) or []:
        found = find_block(runtime, runtime.get_block(child_id), block_type)
        if found is not None:
            return found
    return None


def load_block(name, cls, olx=None, user_id="learner-1", is_staff=False):
    """(runtime, block) for the block's first workbench scenario (or `olx`)."""
    runtime = RecordingRuntime(user_id=user_id, is_staff=is_staff, block_classes={name: cls})
    root = runtime.load(olx or first_scenario_olx(cls))
    block = find_block(runtime, root, name)
    assert block is not None, f"the first workbench scenario of {name} holds no {name} block"
    return runtime, block


def user_state(runtime, user_id):
    """Snapshot of everything the runtime's KVS keeps for one learner (user_state, preferences, user_info)."""
    return {
        repr(key): json.dumps(value, sort_keys=True, default=str)
        for key, value in runtime.kvs.db_dict.items()
        if key.user_id == user_id
    }


def course_content(runtime):
    """Snapshot of the content and settings (what a learner must never change)."""
    return {
        repr(key): json.dumps(value, sort_keys=True, default=str)
        for key, value in runtime.kvs.db_dict.items()
        if key.user_id is None
    }


def walk(value, keys, leaves):
    if isinstance(value, dict):
        for key, item in value.items():
            keys.add(str(key))
            walk(item, keys, leaves)
    elif isinstance(value, list):
        for item in value:
            walk(item, keys, leaves)
    elif isinstance(value, (str, int, float, bool)) and len(str(value)) < 200:
        leaves.add(value)


_READ_KEYS = re.compile(r"""(?:data|payload|body)(?:\.get\(|\[)\s*["']([A-Za-z_][\w-]*)["']""")


def payload_vocabulary(cls, block, handler):
    """(keys, leaf values) a valid payload is made of: every key and scalar of student_view_data, plus
    every key the handler's source reads from its payload (data.get("x") / data["x"])."""
    keys, leaves = set(), set()
    data = block.student_view_data() if hasattr(block, "student_view_data") else {}
    walk(data, keys, leaves)
    try:  # the handler and the module it lives in (handlers pass `data` on to helpers)
        source = inspect.getsource(getattr(cls, handler)) + inspect.getsource(inspect.getmodule(cls))
    except (OSError, TypeError):
        source = ""
    keys.update(_READ_KEYS.findall(source))
    return sorted(keys), sorted(leaves, key=repr)


def body_text(body):
    return body if isinstance(body, str) else json.dumps(body)
