"""One accessor for the app's settings, read at call time so Tutor patches and overrides apply."""

from django.conf import settings

DEFAULTS = {
    "WISE_SKILLS_ENABLED": True,
    "WISE_SKILLS_MIN_GROUP_SIZE": 5,
    "WISE_SKILLS_API_MAX_PAGE_SIZE": 500,
}


def setting(name):
    return getattr(settings, name, DEFAULTS[name])
