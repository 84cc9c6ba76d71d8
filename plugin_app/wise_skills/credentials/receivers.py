"""Signal receivers, connected by edx-django-utils from plugin_app["signals_config"] (see apps.py).

edx-platform's USER_RETIRE_LMS_CRITICAL is sent with ``user=<User>`` while a learner's account is retired.
"""

import logging

from .issuing import revoke_for_retired_user

log = logging.getLogger(__name__)


def revoke_on_retirement(sender, user=None, **kwargs):
    if user is None or getattr(user, "id", None) is None:
        log.warning("wise_credentials: retirement signal without a user (sender %r); nothing revoked", sender)
        return
    count = revoke_for_retired_user(user.id)
    log.info("wise_credentials: retired user %s, %d credential(s) revoked and erased", user.id, count)
