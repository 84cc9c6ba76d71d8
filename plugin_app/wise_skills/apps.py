"""The Django app config that Open edX discovers through the lms.djangoapp / cms.djangoapp entry points.

Project types and settings types are string literals: the constants live in edx-platform,
which this package never imports. Signals are named by string path; the platform's retirement signals are
listed only where edx-platform is installed (found WITHOUT importing it), so the devsite and the tests, which
connect plugin receivers the same way the LMS does, do not fail on a missing module.
"""

from importlib.util import find_spec

from django.apps import AppConfig

_SETTINGS = {
    "common": {"relative_path": "settings.common"},
    "production": {"relative_path": "settings.production"},
    "test": {"relative_path": "settings.test"},
}

EVENTS = "openedx_events.learning.signals"
OPENEDX_EVENT_RECEIVERS = [
    {
        "receiver_func_name": "on_course_passing_status_updated",
        "signal_path": f"{EVENTS}.COURSE_PASSING_STATUS_UPDATED",
    },
    {
        "receiver_func_name": "on_persistent_grade_summary_changed",
        "signal_path": f"{EVENTS}.PERSISTENT_GRADE_SUMMARY_CHANGED",
    },
    {"receiver_func_name": "on_course_enrollment_created", "signal_path": f"{EVENTS}.COURSE_ENROLLMENT_CREATED"},
    {
        "receiver_func_name": "on_external_grader_score_submitted",
        "signal_path": f"{EVENTS}.EXTERNAL_GRADER_SCORE_SUBMITTED",
    },
]
# edx-platform's grades app sends this for every persisted block score; block CompetenceMappings need it.
GRADES_MODULE = "lms.djangoapps.grades.signals.signals"
# edx-platform sends these (with user=<User>) while it retires an account.
RETIREMENT_MODULE = "openedx.core.djangoapps.user_api.accounts.signals"
RETIREMENT_SIGNALS = [f"{RETIREMENT_MODULE}.USER_RETIRE_LMS_CRITICAL", f"{RETIREMENT_MODULE}.USER_RETIRE_LMS_MISC"]


def _platform_has(dotted_module: str) -> bool:
    try:
        return find_spec(dotted_module) is not None
    except ModuleNotFoundError:
        return False


def signal_receivers(platform_present=None) -> list[dict]:
    if platform_present is None:
        platform_present = _platform_has(RETIREMENT_MODULE)
    receivers = list(OPENEDX_EVENT_RECEIVERS)
    if platform_present:
        receivers += [
            {
                "receiver_func_name": "on_user_retired",
                "signal_path": path,
                "dispatch_uid": f"wise_skills.retire.{path.rsplit('.', 1)[1]}",
            }
            for path in RETIREMENT_SIGNALS
        ]
    if platform_present and _platform_has(GRADES_MODULE):
        receivers.append(
            {
                "receiver_func_name": "on_problem_weighted_score_changed",
                "signal_path": f"{GRADES_MODULE}.PROBLEM_WEIGHTED_SCORE_CHANGED",
                "dispatch_uid": "wise_skills.block_score",
            }
        )
    return receivers


class WiseSkillsConfig(AppConfig):
    name = "wise_skills"
    label = "wise_skills"
    verbose_name = "WISE skills gap"
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        "url_config": {
            "lms.djangoapp": {"namespace": "wise_skills", "regex": r"^wise-skills/", "relative_path": "urls"},
            "cms.djangoapp": {"namespace": "wise_skills", "regex": r"^wise-skills/", "relative_path": "urls"},
        },
        "settings_config": {"lms.djangoapp": _SETTINGS, "cms.djangoapp": _SETTINGS},
        "signals_config": {"lms.djangoapp": {"relative_path": "receivers", "receivers": signal_receivers()}},
    }
