"""Test defaults: the same as common (tests override settings explicitly where they need to)."""

from .common import plugin_settings as common_plugin_settings


def plugin_settings(settings):
    common_plugin_settings(settings)
