"""The operator documentation stays true: every setting the apps define is in settings.md with its
real default, every Tutor value in install.md, and the block names operators type in Studio exist."""

import re
import sys
import types
from importlib.metadata import entry_points

import pytest
from edx_django_utils.plugins import add_plugins

from .conftest import REPO, expected_entry_points

DOCS = REPO / "docs" / "operators"


def table_rows(markdown):
    """{first backticked cell: [cells]} of every Markdown table row."""
    rows = {}
    for line in markdown.splitlines():
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            match = re.fullmatch(r"`([A-Z0-9_]+)`", cells[0])
            if match:
                rows[match.group(1)] = cells
    return rows


def all_plugin_settings():
    """What add_plugins sets on an empty settings module, for every project and settings type."""
    found = {}
    for project in ("lms.djangoapp", "cms.djangoapp"):
        for settings_type in ("common", "production", "test"):
            name = f"wise_docs_{project.split('.')[0]}_{settings_type}"
            module = types.ModuleType(name)
            sys.modules[name] = module
            try:
                add_plugins(name, project, settings_type)
            finally:
                del sys.modules[name]
            found.update({k: v for k, v in vars(module).items() if k.startswith("WISE_")})
    return found


def test_every_setting_is_documented_with_its_default():
    rows = table_rows((DOCS / "settings.md").read_text(encoding="utf-8"))
    settings = all_plugin_settings()
    assert settings, "no setting found: are the plugin apps registered?"
    missing = sorted(set(settings) - set(rows))
    assert not missing, f"add these settings to docs/operators/settings.md: {missing}"
    for name, value in settings.items():
        assert rows[name][1] == f"`{value!r}`", f"settings.md shows {rows[name][1]} for {name}, the code {value!r}"


def test_no_documented_setting_is_gone_from_the_code():
    rows = table_rows((DOCS / "settings.md").read_text(encoding="utf-8"))
    documented = {name for name in rows if name.startswith("WISE_")}
    assert documented <= set(all_plugin_settings())


def test_every_tutor_value_is_documented():
    from wise_tutor.plugin import CONFIG_DEFAULTS

    rows = table_rows((DOCS / "install.md").read_text(encoding="utf-8"))
    assert sorted(set(CONFIG_DEFAULTS) - set(rows)) == []


@pytest.mark.parametrize("page", ["enable_blocks.md", "events.md"])
def test_block_names_in_the_docs_are_the_registered_ones(page):
    text = (DOCS / page).read_text(encoding="utf-8")
    registered = {item.split(" = ")[0] for item in expected_entry_points()["xblock.v1"]}
    for name in registered:
        assert f"`{name}`" in text or f'"{name}"' in text, f"{page} does not mention {name}"
    for ep in entry_points(group="xblock.v1"):
        if ep.dist.name == "openedx-wise":
            assert ep.name in registered
