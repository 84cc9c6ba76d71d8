"""The workbench's user service, with the LMS's staff flag, so the devsite shows what course staff see.

In the LMS the user service tells a block whether the current user is course staff
(``edx-platform.user_is_staff``); the blocks then add their staff views (the most mis-sorted items, the costing
steps learners get wrong, how a group rated itself). The xblock-sdk workbench has no staff, so here the student
id in the URL decides: ``?student=staff`` (or any id starting with "staff") is course staff.
"""

from xblock.reference.user_service import UserService, XBlockUser

STAFF_PREFIX = "staff"


class DevsiteUserService(UserService):
    """Built by the workbench runtime with no arguments; the runtime sets ``self.runtime`` (its user_id is the
    ``?student=`` of the request) right after."""

    runtime = None

    def __init__(self):
        super().__init__(user=None)

    def get_current_user(self):
        uid = str(getattr(self.runtime, "user_id", "") or "")
        user = XBlockUser(is_current_user=True, emails=["user@example.com"], full_name=f"XBlock User ({uid})")
        user.opt_attrs["xblock-workbench.user_id"] = uid
        user.opt_attrs["edx-platform.user_is_staff"] = uid.startswith(STAFF_PREFIX)
        return user
