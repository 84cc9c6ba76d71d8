"""Versioned OLX and learner state: a block keeps reading what earlier releases wrote.

Two formats per block, each with its own integer version and its own chain of upgrade steps
(version n -> n + 1, pure functions):

- OLX: the block's root element carries ``wise_format="N"`` (OLX_ATTRIBUTE). No attribute means
  version 1 (everything exported before the attribute existed). ``upgrade_olx`` returns a copy of
  the element upgraded to the current version *without* the attribute, so the strict parsers
  never see it; ``stamp_olx`` writes the current version on export. A version newer than the code
  knows is an OLXError naming block, element and attribute.
- Learner state: the ``state_version`` user_state field (VersionedStateMixin). Missing means
  version 1. Before a handler or view reads the state, older state is upgraded in memory (and the
  version stamped with it, so the upgraded shape is never saved under the old number); write
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

from .i18n import BlockTranslator
from .i18n import _ as _noop
from .olx import OLXError

OLX_ATTRIBUTE = "wise_format"

# Like every OLXError (common/olx.py) this is for the course team at import time, in English.
NEWER_OLX = "written by a newer openedx-wise (format {found}, this release reads up to {known}); upgrade the package"
NEWER_STATE = _noop(
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

    def prepare_learner_state(self):
        """Upgrade older state in memory (saved with the next save); FutureStateError if newer."""
        version = self.state_version
        if version is not None and version == self.block_format.state_current:
            return
        names = self._learner_state_fields()
        before = {name: getattr(self, name) for name in names}
        after, new_version = self.block_format.upgrade_state(version, before)
        if new_version == (1 if version is None else version):
            return  # nothing to upgrade (version 1 today): leave the stored state untouched
        for name in names:
            if after.get(name) != before[name]:
                setattr(self, name, after.get(name, self.fields[name].default))
        self.state_version = new_version  # the upgraded shape is only ever saved with its version

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
                self.prepare_learner_state()
            except FutureStateError:
                body = json.dumps({"error": self.newer_state_message(), "code": "newer_learner_state"})
                return Response(body=body.encode("utf-8"), status=409, content_type="application/json", charset="utf-8")
            result = handler(self, request, suffix)
            if writes:
                self.stamp_learner_state()
            return result

        return wrapper

    return decorate
