"""Versioned OLX and learner state: a block keeps reading what earlier releases wrote.

Two formats per block, each with its own integer version and its own chain of upgrade steps
(version n -> n + 1, pure functions):

- OLX: the block's root element carries ``wise_format="N"`` (OLX_ATTRIBUTE). No attribute means
  version 1 (everything exported before the attribute existed). ``upgrade_olx`` returns a copy of
  the element upgraded to the current version *without* the attribute, so the strict parsers
  never see it; ``stamp_olx`` writes the current version on export. A version newer than the code
  knows is an OLXError naming block, element and attribute.
- Learner state: the ``state_version`` user_state field (VersionedStateMixin). Missing means
  version 1. Before a view reads the state, older state is upgraded in memory; before a handler
  runs, it is upgraded and stored together with its new version (one write), so the handler's own
  fresh reads see the new shape and storage never holds a new shape under the old number; write
  handlers stamp the current version. State written by a newer release is never touched: the
  view shows a message and handlers answer 409 without running.

Adding version 2 of a block's format: bump ``current`` in its BlockFormat, add the step
``{1: upgrade_v1_to_v2}`` to ``olx_steps`` or ``state_steps``, add the v2 fixtures, keep the v1
fixtures (docs/operators/upgrade.md).
"""

import copy
import functools
import html
import json

from webob import Response
from xblock.fields import Integer, Scope
from xblock.fragment import Fragment

from .i18n import BlockTranslator, _
from .olx import OLXError

OLX_ATTRIBUTE = "wise_format"

# Like every OLXError (common/olx.py) this is for the course team at import time, in English.
NEWER_OLX = "written by a newer openedx-wise (format {found}, this release reads up to {known}); upgrade the package"
NEWER_STATE = _(
    "Your work on this exercise was saved by a newer version of the course software. "
    "It is kept safe, but it cannot be shown or changed here until the platform is updated. "
    "Please tell the course team."
)


class FutureStateError(Exception):
    """The learner state was written by a newer release: read nothing, write nothing."""


def _check_chain(name, current, steps):
    expected = set(range(1, current))
    extra = set(steps) - set(range(0, current))
    if extra:
        raise ValueError(f"{name} upgrade steps {sorted(extra)} start at or after the current version {current}")
    missing = expected - set(steps)
    if missing:
        raise ValueError(f"{name} upgrade chain has no step from version(s) {sorted(missing)}")


class BlockFormat:
    """The versions one block type reads and writes.

    ``olx_steps[n]`` takes an lxml element in version n and returns one in version n + 1 (it gets
    a private copy, so it may change it in place and return it). ``state_steps[n]`` takes a dict
    {user_state field: value} in version n and returns a new dict in version n + 1. Every version
    from 1 up to ``current - 1`` needs a step; a step from 0 exists only in tests.
    """

    def __init__(self, block_type, olx_current=1, olx_steps=None, state_current=1, state_steps=None):
        self.block_type = block_type
        self.olx_current, self.olx_steps = olx_current, dict(olx_steps or {})
        self.state_current, self.state_steps = state_current, dict(state_steps or {})
        _check_chain("olx", olx_current, self.olx_steps)
        _check_chain("state", state_current, self.state_steps)

    # --- OLX -----------------------------------------------------------------------------
    def olx_version(self, node):
        raw = node.get(OLX_ATTRIBUTE)
        if raw is None:
            return 1
        url_name = node.get("url_name") or node.get("display_name")
        try:
            version = int(raw.strip())
        except ValueError:
            version = None
        lowest = min(self.olx_steps, default=1)
        if version is None or version < lowest:
            raise OLXError(
                self.block_type, url_name, node.tag, f"must be a format version number, not {raw!r}", OLX_ATTRIBUTE
            )
        if version > self.olx_current:
            message = NEWER_OLX.format(found=version, known=self.olx_current)
            raise OLXError(self.block_type, url_name, node.tag, message, OLX_ATTRIBUTE)
        return version

    def upgrade_olx(self, node):
        """A copy of `node` in the current version, without the version attribute."""
        version = self.olx_version(node)
        node = copy.deepcopy(node)
        node.attrib.pop(OLX_ATTRIBUTE, None)
        while version < self.olx_current:
            node = self.olx_steps[version](node)
            version += 1
        return node

    def stamp_olx(self, node):
        node.set(OLX_ATTRIBUTE, str(self.olx_current))
        return node

    # --- learner state --------------------------------------------------------------------
    def upgrade_state(self, version, state):
        """(new state dict, current version); FutureStateError for a version this code does not know."""
        version = 1 if version is None else version
        if version > self.state_current:
            raise FutureStateError(version)
        state = dict(state)
        while version < self.state_current:
            state = self.state_steps[version](state)
            version += 1
        return state, version


class VersionedStateMixin:
    """Adds ``state_version`` to a block; declare ``block_format = BlockFormat(...)`` on the class.

    Decorate every handler that reads or writes learner state with ``@learner_state_handler()``
    (outermost, above ``@XBlock.json_handler``) and start ``student_view`` with
    ``refusal = self.newer_state_refusal(); if refusal: return refusal``.
    """

    state_version = Integer(
        help="Learner-state format version that wrote this state (empty = 1, before versioning)",
        default=None,
        scope=Scope.user_state,
    )
    block_format = None

    def _learner_state_fields(self):
        return [
            name for name, field in self.fields.items() if field.scope == Scope.user_state and name != "state_version"
        ]

    def prepare_learner_state(self, persist=False):
        """Bring older learner state to the current version; True if it was upgraded.

        FutureStateError if a newer release wrote it. With `persist` (handlers) the upgraded values
        and their version are stored at once; without (views) they only change in memory.
        """
        version = self.state_version  # an Integer: reading it loads nothing else
        found = 1 if version is None else version
        if found == self.block_format.state_current:
            return False
        if found > self.block_format.state_current:
            raise FutureStateError(found)
        names = self._learner_state_fields()
        # The stored JSON, not the fields: a step sees exactly what the older release saved (even a
        # value the current field type would refuse), and no field is loaded into the block before a
        # handler's own fresh read (ScoringMixin.exclusive_submission re-reads state under its lock).
        before = {name: self._field_data.get(self, name) for name in names if self._field_data.has(self, name)}
        after, new_version = self.block_format.upgrade_state(found, before)
        changed = {name: value for name, value in after.items() if name not in before or before[name] != value}
        removed = [name for name in before if name not in after]
        if persist:
            # Shape and version in one write: storage never holds an upgraded shape under the old number.
            self._field_data.set_many(self, {**changed, "state_version": new_version})
            for name in removed:
                self._field_data.delete(self, name)
            for name in (*changed, *removed, "state_version"):
                self._field_data_cache.pop(name, None)  # the next read comes from storage
                self._dirty_fields.pop(self.fields[name], None)
        else:
            for name, value in changed.items():
                setattr(self, name, self.fields[name].from_json(value))
            for name in removed:
                delattr(self, name)
            self.state_version = new_version  # saved, if ever, together with the upgraded shape
        return True

    def stamp_learner_state(self):
        self.state_version = self.block_format.state_current

    def newer_state_message(self):
        return BlockTranslator().gettext(NEWER_STATE)

    def newer_state_refusal(self):
        """None when the state is readable (upgraded if older); else a fragment with the message."""
        try:
            self.prepare_learner_state()
        except FutureStateError:
            fragment = Fragment()
            fragment.add_content(
                f'<div class="wise-newer-state" role="alert"><p>{html.escape(self.newer_state_message())}</p></div>'
            )
            return fragment
        return None


def learner_state_handler(writes=True):
    """Wrap an XBlock handler: upgrade older state first, refuse (409) state from a newer release,
    and stamp the current state version after a handler that writes."""

    def decorate(handler):
        @functools.wraps(handler)
        def wrapper(self, request, suffix=""):
            try:
                self.prepare_learner_state(persist=True)
            except FutureStateError:
                body = json.dumps({"error": self.newer_state_message(), "code": "newer_learner_state"})
                return Response(body=body.encode("utf-8"), status=409, content_type="application/json", charset="utf-8")
            result = handler(self, request, suffix)
            if writes and getattr(result, "status_code", 200) < 400:
                self.stamp_learner_state()  # a refused request (403 past due, 409, 400) writes nothing
            return result

        return wrapper

    return decorate
