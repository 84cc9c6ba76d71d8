"""Defaults for every environment. Only defaults: an operator (or Tutor) can override each one,
and the app reads them at call time through wise_skills.conf, never at import time."""


def plugin_settings(settings):
    defaults = {
        "WISE_SKILLS_ENABLED": True,
        # Aggregates over fewer learners than this are withheld (GDPR: no re-identification).
        "WISE_SKILLS_MIN_GROUP_SIZE": 5,
        "WISE_SKILLS_API_MAX_PAGE_SIZE": 500,
    }
    for name, value in defaults.items():
        if not hasattr(settings, name):
            setattr(settings, name, value)
