"""Defaults for every environment. Only defaults: an operator (or Tutor) can override each one,
and the app reads them at call time through wise_skills.conf, never at import time."""

from wise_skills.conf import DEFAULTS


def plugin_settings(settings):
    for name, value in DEFAULTS.items():
        if not hasattr(settings, name):
            setattr(settings, name, value)
