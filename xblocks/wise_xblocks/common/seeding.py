"""Per-learner randomness that is stable across reloads and different across learners.

The seed is derived from the learner's anonymous id and the block's usage id, never from
the clock, so a reload shows the same order and a second learner sees another.
"""

import hashlib
import random


def seed_for(*parts):
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def rng_for(*parts):
    return random.Random(seed_for(*parts))  # noqa: S311 (shuffles exercises; not a secret)


def learner_key(block):
    """A stable, non-personal key for the current learner: the LMS's anonymous user id when the
    user service offers it, else the runtime's user id (the workbench's ?student=...)."""
    try:
        user = block.runtime.service(block, "user").get_current_user()
        anonymous = user.opt_attrs.get("edx-platform.anonymous_user_id")
        if anonymous:
            return str(anonymous)
    except Exception:  # noqa: S110 (no user service in the workbench or unit runtime: fall through)
        pass
    return str(block.scope_ids.user_id)


def block_key(block):
    return str(block.scope_ids.usage_id)
