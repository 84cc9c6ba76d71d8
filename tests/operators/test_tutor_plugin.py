"""The Tutor plugin "wise", rendered by the real Tutor in a throwaway TUTOR_ROOT (no Docker needed).

`tutor plugins enable` / `tutor config save` render the whole Open edX environment to files; we
check that the openedx image installs exactly our pinned package once, that every LMS/CMS settings
file gets exactly our settings block, that operator overrides land, and that disabling the plugin
leaves no trace.
"""

import os
import re
import subprocess
import sys
import textwrap
import types
from importlib import metadata

import pytest

from .conftest import VENV_BIN

# No database here: `make test`'s second (MariaDB) pass would only repeat the same build/render.
pytestmark = pytest.mark.skipif(
    os.environ.get("WISE_TEST_DB") == "mariadb", reason="database-independent; runs in the sqlite pass"
)

TUTOR = str(VENV_BIN / "tutor")
VERSION = metadata.version("openedx-wise")
SETTINGS_FILES = [
    f"apps/openedx/settings/{app}/{env}.py" for app in ("lms", "cms") for env in ("production", "development")
]


def tutor(root, *args, env_extra=None):
    env = {**os.environ, "TUTOR_ROOT": str(root), "TUTOR_PLUGINS_ROOT": str(root / "_plugins"), **(env_extra or {})}
    result = subprocess.run([TUTOR, *args], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"tutor {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def read(root, relative):
    return (root / "env" / relative).read_text(encoding="utf-8")


def expected_pip_block(requirement):
    return (
        '# openedx-wise (Tutor plugin "wise"): set WISE_PIP_REQUIREMENT to change this line\n'
        "RUN --mount=type=cache,target=/openedx/.cache/pip,sharing=shared \\\n"
        f"    $PIP_COMMAND install '{requirement}'\n"
    )


def expected_settings_block(enabled=True, min_group=5, page_size=500, hints=True):
    return textwrap.dedent(
        f"""\
        # openedx-wise (Tutor plugin "wise"): change with `tutor config save --set NAME=value`
        WISE_SKILLS_ENABLED = {enabled!r}
        WISE_SKILLS_MIN_GROUP_SIZE = {min_group!r}
        WISE_SKILLS_API_MAX_PAGE_SIZE = {page_size!r}
        WISE_SKILLS_ENROLLMENT_HINTS = {hints!r}
        """
    )


@pytest.fixture(scope="module")
def default_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("tutor-default")
    tutor(root, "plugins", "enable", "wise")
    # `plugins enable` saves the config and renders the environment: what `tutor config save` does.
    return root


@pytest.fixture(scope="module")
def overridden_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("tutor-overridden")
    tutor(root, "plugins", "enable", "wise")
    tutor(
        root,
        "config",
        "save",
        "--set",
        "WISE_SKILLS_ENABLED=false",
        "--set",
        "WISE_SKILLS_MIN_GROUP_SIZE=10",
        "--set",
        "WISE_PIP_REQUIREMENT=openedx-wise==9.9.9",
        "--set",
        "WISE_CELERY_QUEUE=edx.lms.core.high_mem",
    )
    return root


def test_plugin_is_found_through_its_entry_point_and_enabled(default_root):
    listing = tutor(default_root, "plugins", "list")
    assert re.search(rf"^wise\s+\S*\s*enabled\s+{re.escape(VERSION)}\s*$", listing, re.M), listing
    assert tutor(default_root, "config", "printvalue", "WISE_PIP_REQUIREMENT").strip() == f"openedx-wise=={VERSION}"


def test_defaults_are_not_written_to_the_operators_config_file(default_root):
    # Defaults stay defaults: upgrading the package moves the pin without editing config.yml.
    assert "WISE_" not in (default_root / "config.yml").read_text()


def test_openedx_image_installs_the_installed_version_exactly_once(default_root):
    dockerfile = read(default_root, "build/openedx/Dockerfile")
    assert dockerfile.count(expected_pip_block(f"openedx-wise=={VERSION}")) == 1
    assert dockerfile.count("openedx-wise") == 2  # the comment line and the install line above
    # Before the operator's OPENEDX_EXTRA_PIP_REQUIREMENTS, in the python-requirements stage.
    stage = dockerfile.index("AS python-requirements")
    assert stage < dockerfile.index("install 'openedx-wise==") < dockerfile.index("FROM python AS nodejs-requirements")


@pytest.mark.parametrize("settings_file", SETTINGS_FILES)
def test_every_lms_and_cms_settings_file_gets_exactly_the_settings_block(default_root, settings_file):
    text = read(default_root, settings_file)
    block = expected_settings_block()
    assert text.count(block) == 1, text[-3000:]
    assert len(re.findall(r"^WISE_\w+ =", text, re.M)) == 4, "a WISE_ setting outside the block"


def test_settings_block_is_python_that_sets_the_app_defaults(default_root):
    namespace = {}
    exec(expected_settings_block(), namespace)  # the block exactly as rendered (checked above)
    from wise_tutor.plugin import DJANGO_SETTINGS

    assert {k: v for k, v in namespace.items() if k.startswith("WISE_")} == DJANGO_SETTINGS


def test_tutor_defaults_equal_the_apps_own_defaults():
    """The Tutor plugin must not silently change what the app defaults to, nor invent settings."""
    from wise_skills.settings.common import plugin_settings
    from wise_tutor.plugin import DJANGO_SETTINGS

    applied = types.SimpleNamespace()
    plugin_settings(applied)
    app_defaults = vars(applied)
    unknown = sorted(set(DJANGO_SETTINGS) - set(app_defaults))
    assert not unknown, f"wise_tutor.plugin.DJANGO_SETTINGS names settings the app does not have: {unknown}"
    assert DJANGO_SETTINGS == {name: app_defaults[name] for name in DJANGO_SETTINGS}


def test_operator_overrides_land_in_the_image_and_the_settings(overridden_root):
    dockerfile = read(overridden_root, "build/openedx/Dockerfile")
    assert dockerfile.count(expected_pip_block("openedx-wise==9.9.9")) == 1
    assert f"openedx-wise=={VERSION}" not in dockerfile
    for settings_file in SETTINGS_FILES:
        assert read(overridden_root, settings_file).count(expected_settings_block(False, 10, 500)) == 1


def expected_queue_block(queue):
    from wise_tutor.plugin import CELERY_TASKS

    lines = [
        '# openedx-wise (Tutor plugin "wise"): WISE_CELERY_QUEUE routes the app\'s Celery tasks',
        'globals().setdefault("EXPLICIT_QUEUES", {}).update({',
        *[f'    "{task}": {{"queue": {queue!r}}},' for task in CELERY_TASKS],
        "})",
    ]
    return "\n".join(lines)  # the last patch of the file: no newline after it


def test_celery_tasks_stay_on_the_default_queue_unless_the_operator_names_one(default_root, overridden_root):
    for settings_file in SETTINGS_FILES:
        assert "EXPLICIT_QUEUES" not in read(default_root, settings_file).split("openedx-wise")[-1]
        routed = read(overridden_root, settings_file).count(expected_queue_block("edx.lms.core.high_mem"))
        assert routed == (1 if settings_file.endswith("production.py") else 0), settings_file
    namespace = {"EXPLICIT_QUEUES": {"lms.x": {"queue": "other"}}}
    exec(expected_queue_block("q"), namespace)
    assert namespace["EXPLICIT_QUEUES"]["lms.x"] == {"queue": "other"}
    assert namespace["EXPLICIT_QUEUES"]["wise_skills.export"] == {"queue": "q"}


def test_the_routed_task_list_is_every_task_of_the_source(repo):
    from wise_tutor.plugin import CELERY_TASKS

    names = set()
    for path in [*repo.glob("plugin_app/**/*.py"), *repo.glob("xblocks/**/*.py")]:
        names |= set(re.findall(r"@shared_task\([^)]*?name=\"([^\"]+)\"", path.read_text(encoding="utf-8"), re.S))
    assert sorted(names) == sorted(CELERY_TASKS), "update wise_tutor.plugin.CELERY_TASKS"


def test_a_requirement_listed_by_the_operator_replaces_ours(tmp_path):
    tutor(tmp_path, "plugins", "enable", "wise")
    tutor(
        tmp_path,
        "config",
        "save",
        "--append",
        "OPENEDX_EXTRA_PIP_REQUIREMENTS=git+https://example.invalid/openedx-wise.git@main",
    )
    dockerfile = read(tmp_path, "build/openedx/Dockerfile")
    assert "set WISE_PIP_REQUIREMENT" not in dockerfile
    assert dockerfile.count("install 'git+https://example.invalid/openedx-wise.git@main'") == 1


def test_init_task_migrates_then_loads_frameworks_then_builds_the_report_summary(default_root):
    """What `tutor local do init --limit=wise` would run in the lms-job container, rendered by Tutor."""
    script = textwrap.dedent(
        """
        import sys
        from tutor import config, env, hooks
        from tutor.commands import cli  # noqa: F401  (registers what the CLI registers)
        root = sys.argv[1]
        hooks.Actions.CORE_READY.do()  # what `tutor` does first: discovers installed plugins
        hooks.Actions.PROJECT_ROOT_READY.do(root)  # then loads those enabled in config.yml
        cfg = config.load(root)
        context = hooks.Contexts.app("wise").name
        for service, task in hooks.Filters.CLI_DO_INIT_TASKS.iterate_from_context(context):
            print(f"[{service}]")
            print(env.render_str(cfg, task))
        """
    )
    run = [sys.executable, "-c", script, str(default_root)]
    envvars = {**os.environ, "TUTOR_PLUGINS_ROOT": str(default_root / "_plugins")}
    out = subprocess.run(run, env=envvars, capture_output=True, text=True, check=True).stdout
    migrate = "./manage.py lms migrate wise_skills --noinput ./manage.py lms migrate wise_credentials --noinput"
    summary = "./manage.py lms recompute_wise_skills --summary-only"
    assert out.split() == f"[lms] {migrate} ./manage.py lms load_wise_frameworks {summary}".split()

    tutor(default_root, "config", "save", "--set", "WISE_LOAD_FRAMEWORKS=false")
    try:
        out = subprocess.run(run, env=envvars, capture_output=True, text=True, check=True).stdout
        assert out.split() == f"[lms] {migrate} {summary}".split()
    finally:
        tutor(default_root, "config", "save", "--unset", "WISE_LOAD_FRAMEWORKS")


def test_init_task_migrates_every_app_the_package_registers():
    from importlib.metadata import entry_points

    from wise_tutor.plugin import APP_LABELS

    labels = {ep.load().label for ep in entry_points(group="lms.djangoapp") if ep.dist.name == "openedx-wise"}
    assert sorted(APP_LABELS) == sorted(labels)


def test_init_task_runs_a_management_command_that_exists(repo):
    from wise_tutor.plugin import INIT_TASK

    for command in re.findall(r"manage\.py lms (\w+)", INIT_TASK):
        if command == "migrate":
            continue
        path = repo / "plugin_app/wise_skills/management/commands" / f"{command}.py"
        assert path.is_file(), f"the Tutor init task runs `{command}`, which wise_skills does not provide ({path})"


def test_disabling_the_plugin_leaves_no_trace(tmp_path):
    tutor(tmp_path, "plugins", "enable", "wise")
    tutor(tmp_path, "config", "save", "--set", "WISE_SKILLS_MIN_GROUP_SIZE=7")
    tutor(tmp_path, "plugins", "disable", "wise")
    for relative in ["build/openedx/Dockerfile", *SETTINGS_FILES]:
        assert "WISE" not in read(tmp_path, relative).upper().replace("OTHERWISE", ""), relative


def test_the_plugin_module_imports_neither_django_nor_the_apps():
    code = (
        "import sys, wise_tutor.plugin; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'django', 'xblock', 'wise_skills', 'wise_xblocks', 'rest_framework', 'celery'}); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
