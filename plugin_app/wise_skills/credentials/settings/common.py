"""Defaults for every environment (plugin_settings only sets what the operator has not set)."""

from wise_skills.credentials.conf import DEFAULTS


def plugin_settings(settings):
    for name, value in DEFAULTS.items():
        if not hasattr(settings, name):
            setattr(settings, name, value)
