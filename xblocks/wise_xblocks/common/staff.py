"""Whether the current user is course staff, as the blocks ask it (answers, staff summaries)."""


def user_is_staff(block) -> bool:
    """The LMS says so through the user service; older runtimes (and the unit runtime) through
    runtime.user_is_staff."""
    try:
        user = block.runtime.service(block, "user").get_current_user()
        if user.opt_attrs.get("edx-platform.user_is_staff") is not None:
            return bool(user.opt_attrs["edx-platform.user_is_staff"])
    except Exception:  # noqa: S110 (no user service: the workbench or a unit-test runtime)
        pass
    return bool(getattr(block.runtime, "user_is_staff", False))
