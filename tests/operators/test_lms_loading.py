"""Start where the LMS and Studio start: entry points and edx-django-utils plugin loaders.

An Open edX process does, in order: discover `xblock.v1` classes (XBlock.load_classes), add every
`lms.djangoapp` / `cms.djangoapp` app to INSTALLED_APPS (get_plugin_apps), apply each app's
plugin_settings for the settings type in use (add_plugins: common, then production or test),
mount its URLs (get_plugin_url_patterns) and connect its signal receivers (connect_plugin_receivers).
These tests drive the same functions and assert that the app works through what they produce,
and that nothing from edx-platform is imported on the way.
"""

import json
import os
import subprocess
import sys
import textwrap
import types
from importlib.metadata import entry_points

import pytest
from django.apps import apps
from django.test import override_settings
from django.urls import resolve, reverse
from edx_django_utils.plugins import (
    add_plugins,
    connect_plugin_receivers,
    get_plugin_apps,
    get_plugin_url_patterns,
)
from xblock.core import XBlock

from .conftest import REPO, expected_entry_points, platform_modules

PROJECTS = ("lms.djangoapp", "cms.djangoapp")


def our_entry_points(group):
    return {ep.name: ep for ep in entry_points(group=group) if ep.dist is not None and ep.dist.name == "openedx-wise"}


def test_entry_points_installed_match_setup_py():
    """A stale editable install hides a broken setup.py: re-run `pip install --no-deps -e .` if this fails."""
    for group, declared in expected_entry_points().items():
        installed = sorted(f"{ep.name} = {ep.value}" for ep in our_entry_points(group).values())
        assert installed == declared, group


def test_xblock_load_classes_finds_every_declared_block():
    declared = {item.split(" = ")[0]: item.split(" = ")[1] for item in expected_entry_points()["xblock.v1"]}
    loaded = dict(XBlock.load_classes())
    for name, target in declared.items():
        assert name in loaded, f"XBlock.load_classes() does not find {name}"
        block_class = loaded[name]
        assert issubclass(block_class, XBlock)
        module, _, attr = target.partition(":")
        assert getattr(sys.modules[module], attr) is block_class
        assert callable(getattr(block_class, "student_view", None)), f"{name} has no student_view"
        assert XBlock.load_class(name) is block_class


@pytest.mark.parametrize("project", PROJECTS)
def test_plugin_apps_are_discovered_and_installed(project):
    discovered = get_plugin_apps(project)
    for name, ep in our_entry_points(project).items():
        dotted = ep.value.replace(":", ".")
        assert dotted in discovered, f"{project}: {name} not returned by get_plugin_apps"
        config = ep.load()
        assert apps.get_app_config(config.label).__class__ is config
        assert isinstance(config.plugin_app, dict)


def fresh_settings_module(name, **preset):
    module = types.ModuleType(name)
    vars(module).update(preset)
    sys.modules[name] = module
    return module


def app_defaults():
    from wise_skills.conf import DEFAULTS

    return DEFAULTS


@pytest.mark.parametrize("project", PROJECTS)
@pytest.mark.parametrize("settings_type", ["common", "production", "test"])
def test_plugin_settings_set_defaults_and_keep_operator_values(project, settings_type):
    name = f"wise_fake_{project.split('.')[0]}_{settings_type}_settings"
    # What an operator already set (YAML config or an earlier settings file) must survive.
    module = fresh_settings_module(name, WISE_SKILLS_MIN_GROUP_SIZE=11, WISE_SKILLS_ENABLED=False)
    try:
        add_plugins(name, project, "common")
        if settings_type != "common":
            add_plugins(name, project, settings_type)
        values = {k: v for k, v in vars(module).items() if k.startswith("WISE_")}
    finally:
        del sys.modules[name]
    expected = {**app_defaults(), "WISE_SKILLS_MIN_GROUP_SIZE": 11, "WISE_SKILLS_ENABLED": False}
    assert {k: values[k] for k in expected} == expected
    assert set(values) >= set(app_defaults())


def test_every_default_the_app_falls_back_to_is_set_by_plugin_settings():
    """conf.DEFAULTS (read when a host skipped plugin_settings) and plugin_settings must agree."""
    from wise_skills.settings.common import plugin_settings

    applied = types.SimpleNamespace()
    plugin_settings(applied)
    assert vars(applied) == app_defaults()


def plugin_urlconf(project):
    module = types.ModuleType(f"wise_fake_{project.split('.')[0]}_urls")
    module.urlpatterns = get_plugin_url_patterns(project)
    sys.modules[module.__name__] = module
    return module


@pytest.mark.django_db
@pytest.mark.parametrize("project", PROJECTS)
def test_plugin_urls_mount_resolve_and_serve(project, client):
    urlconf = plugin_urlconf(project)
    try:
        assert urlconf.urlpatterns, f"get_plugin_url_patterns({project!r}) mounted nothing"
        url = reverse("wise_skills:api-root", urlconf=urlconf)
        assert url == "/wise-skills/api/v1/"
        match = resolve(url, urlconf=urlconf)
        assert match.namespace == "wise_skills" and match.url_name == "api-root"
        with override_settings(ROOT_URLCONF=urlconf.__name__):
            response = client.get(url, HTTP_ACCEPT="application/json")
            schema = client.get(reverse("wise_skills:api-schema"))
    finally:
        del sys.modules[urlconf.__name__]
    assert response.status_code == 200, response.content[:500]
    import wise_skills

    assert response.json()["version"] == wise_skills.__version__
    assert schema.status_code == 200 and b"openapi" in schema.content


def receivers_of(signal):
    """(dispatch_uid, function) for each receiver connected to a Django signal."""
    found = []
    for entry in signal.receivers:
        lookup_key, ref = entry[0], entry[1]
        func = ref() if callable(ref) and type(ref).__name__ in ("ReferenceType", "WeakMethod") else ref
        found.append((lookup_key[0], func))
    return found


def test_receivers_are_connected_to_their_signals():
    from edx_django_utils.plugins import utils

    connect_plugin_receivers("lms.djangoapp")  # idempotent (dispatch_uid); the devsite did it at ready()
    checked = 0
    for name, ep in our_entry_points("lms.djangoapp").items():
        config = ep.load()
        signals_config = config.plugin_app.get("signals_config", {}).get("lms.djangoapp")
        if not signals_config:
            continue
        module = utils.import_module(f"{config.name}.{signals_config['relative_path']}")
        for receiver in signals_config.get("receivers", []):
            func = getattr(module, receiver["receiver_func_name"])
            signal = utils.import_attr(receiver["signal_path"])
            uid = receiver.get("dispatch_uid", f"{func.__module__}.{func.__name__}")
            assert (uid, func) in receivers_of(signal), (
                f"{name}: {func.__name__} not connected to {receiver['signal_path']}"
            )
            checked += 1
    assert checked, "no receiver declared: the app would never hear about grades or enrollments"


def test_a_fresh_lms_like_process_imports_nothing_from_edx_platform(tmp_path):
    """The whole boot in a new interpreter (no test imports around): what sys.modules holds at the end."""
    script = textwrap.dedent(
        """
        import json, sys
        import django
        django.setup()  # INSTALLED_APPS from get_plugin_apps, add_plugins(common), receivers at ready()
        from django.conf import settings
        from django.test import Client
        from django.test.utils import setup_test_environment
        from django.urls import reverse
        from edx_django_utils.plugins import add_plugins, get_plugin_url_patterns
        from xblock.core import XBlock

        blocks = sorted(name for name, cls in XBlock.load_classes() if name.startswith("wise_"))
        add_plugins(settings.SETTINGS_MODULE, "lms.djangoapp", "production")
        add_plugins(settings.SETTINGS_MODULE, "cms.djangoapp", "common")
        patterns = get_plugin_url_patterns("lms.djangoapp") + get_plugin_url_patterns("cms.djangoapp")
        setup_test_environment()
        status = Client().get(reverse("wise_skills:api-root")).status_code
        report = {"blocks": blocks, "patterns": len(patterns), "status": status, "modules": sorted(sys.modules)}
        print(json.dumps(report))
        """
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "devsite.settings_test", "PYTHONPATH": f"{REPO / 'devsite'}:{REPO}"}
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    declared = sorted(item.split(" = ")[0] for item in expected_entry_points()["xblock.v1"])
    assert report["blocks"] == declared
    assert report["patterns"] >= 2 and report["status"] == 200
    assert platform_modules(report["modules"]) == []
