"""Tutor plugin "wise" (Tutor v1 plugin API): installs openedx-wise into the openedx image,
sets the suite's LMS/CMS settings from Tutor config values, and loads the competence
frameworks at ``tutor local do init``.

Operator-facing contract (docs/operators/install.md):

- Every value is a Tutor config default with the ``WISE_`` prefix; change one with
  ``tutor config save --set NAME=value``. Nothing is written to config.yml until you do.
- The pip requirement is pinned to the version of the package Tutor imported this plugin
  from, so the image runs the same release as the plugin that configured it. Override it
  with ``WISE_PIP_REQUIREMENT`` (a git URL, a fork, another pin), or set it to "" and
  list the package in ``OPENEDX_EXTRA_PIP_REQUIREMENTS`` yourself.
- Settings patches contain only values that Tutor config controls; a patch of your own
  applied later (``openedx-lms-production-settings``) still wins.

Only the standard library and ``tutor`` are imported here.
"""

from __future__ import annotations

from importlib import metadata

from tutor import hooks

DISTRIBUTION = "openedx-wise"


def installed_version() -> str:
    """The version of the openedx-wise distribution that Tutor loaded this plugin from."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return "0+unknown"


__version__ = installed_version()

# The app settings an operator of a Tutor site is expected to tune, with the app's own defaults
# (wise_skills.settings.common.plugin_settings; tests/operators/test_tutor_plugin.py fails if the
# two drift apart). The Tutor config key is the Django setting name, so an operator sees one name
# everywhere. Every other setting keeps its app default; set it from a settings patch of your own
# (docs/operators/settings.md lists them all).
DJANGO_SETTINGS = {
    "WISE_SKILLS_ENABLED": True,
    "WISE_SKILLS_MIN_GROUP_SIZE": 5,
    "WISE_SKILLS_API_MAX_PAGE_SIZE": 500,
    "WISE_SKILLS_ENROLLMENT_HINTS": True,
}

CONFIG_DEFAULTS = {
    "WISE_VERSION": __version__,
    # Rendered as its own pip install line in the openedx image (see _PIP_PATCH).
    "WISE_PIP_REQUIREMENT": f"{DISTRIBUTION}=={__version__}",
    # `tutor local do init` runs `load_wise_frameworks` (idempotent) after the migrations.
    "WISE_LOAD_FRAMEWORKS": True,
    # Empty: the app's Celery tasks go to the platform's default queue (the lms-worker serves it).
    # A queue name routes all of them there (production settings, edx-platform's EXPLICIT_QUEUES).
    "WISE_CELERY_QUEUE": "",
    **DJANGO_SETTINGS,
}

hooks.Filters.CONFIG_DEFAULTS.add_items(list(CONFIG_DEFAULTS.items()))


@hooks.Filters.ENV_TEMPLATE_FILTERS.add()
def _add_template_filters(filters):
    # Settings files are Python: render Tutor's YAML values (true, 10, "x") as Python literals.
    filters.append(("wise_pyrepr", repr))
    return filters


# Why a Dockerfile patch and not an item in OPENEDX_EXTRA_PIP_REQUIREMENTS: that list belongs to
# the operator's config.yml, and a plugin can only replace it (CONFIG_OVERRIDES), not append to
# it. This patch renders the same RUN instruction that Tutor renders for each item of that list,
# just before them, so an operator's own entries still install last and win. If the operator
# already lists openedx-wise there (e.g. a git URL), our line steps aside.
_PIP_PATCH = """\
{%- set wise = namespace(listed=false) %}
{%- for requirement in OPENEDX_EXTRA_PIP_REQUIREMENTS %}
{%- if "openedx-wise" in requirement|lower|replace("_", "-") %}{% set wise.listed = true %}{% endif %}
{%- endfor %}
{%- if WISE_PIP_REQUIREMENT and not wise.listed %}
# openedx-wise (Tutor plugin "wise"): set WISE_PIP_REQUIREMENT to change this line
RUN --mount=type=cache,target=/openedx/.cache/pip,sharing=shared \\
    $PIP_COMMAND install '{{ WISE_PIP_REQUIREMENT }}'
{%- endif %}"""

_SETTINGS_PATCH = (
    '# openedx-wise (Tutor plugin "wise"): change with `tutor config save --set NAME=value`\n'
    + "\n".join(f"{name} = {{{{ {name}|wise_pyrepr }}}}" for name in DJANGO_SETTINGS)
)

# Every Celery task the suite defines, by its explicit name (tests/operators/test_tutor_plugin.py
# checks this list against the source). Routed only when the operator names a queue.
CELERY_TASKS = (
    "wise_skills.export",
    "wise_skills.record_course_result",
    "wise_skills.recompute_levels",
    "wise_skills.refresh_report_summary",
    "wise_skills.retire_user",
)

_PRODUCTION_PATCH = (
    """\
{%- if WISE_CELERY_QUEUE %}
# openedx-wise (Tutor plugin "wise"): WISE_CELERY_QUEUE routes the app's Celery tasks
globals().setdefault("EXPLICIT_QUEUES", {}).update({
"""
    + "".join(f'    "{task}": {{"queue": {{{{ WISE_CELERY_QUEUE|wise_pyrepr }}}}}},\n' for task in CELERY_TASKS)
    + """})
{%- endif %}"""
)

hooks.Filters.ENV_PATCHES.add_items(
    [
        ("openedx-dockerfile-post-python-requirements", _PIP_PATCH),
        ("openedx-lms-common-settings", _SETTINGS_PATCH),
        ("openedx-cms-common-settings", _SETTINGS_PATCH),
        ("openedx-lms-production-settings", _PRODUCTION_PATCH),
        ("openedx-cms-production-settings", _PRODUCTION_PATCH),
    ]
)

# The LMS init job already runs every app's migrations; migrating wise_skills again is a no-op
# there and makes the order explicit: tables first, then the framework data that fills them.
# Labels of the Django apps the package registers (lms.djangoapp entry points; a test keeps this
# list true).
APP_LABELS = ("wise_skills", "wise_credentials")
# Last, the stored summary the gap reports read (idempotent; about half a minute at 100 000 learners): without
# it reports stay right but slow, and an operator should not have to remember a command after each upgrade.
INIT_TASK = (
    "".join(f"./manage.py lms migrate {label} --noinput\n" for label in APP_LABELS)
    + "{% if WISE_LOAD_FRAMEWORKS %}./manage.py lms load_wise_frameworks\n{% endif %}"
    + "./manage.py lms recompute_wise_skills --summary-only"
)

hooks.Filters.CLI_DO_INIT_TASKS.add_item(("lms", INIT_TASK))
