"""The AppConfig Open edX discovers through the lms.djangoapp / cms.djangoapp entry points.

Project and settings types are string literals (the constants live in edx-platform, never imported here).
"""

from importlib.util import find_spec

from django.apps import AppConfig

_SETTINGS = {
    "common": {"relative_path": "settings.common"},
    "production": {"relative_path": "settings.production"},
    "test": {"relative_path": "settings.test"},
}
_URLS = {"namespace": "wise_credentials", "regex": r"^wise-credentials/", "relative_path": "urls"}

# edx-platform sends these (with user=<User>) while it retires an account; the skills-gap core listens to the
# same two. Revoking is idempotent, so whichever arrives first does the work.
RETIREMENT_MODULE = "openedx.core.djangoapps.user_api.accounts.signals"
RETIREMENT_SIGNALS = [f"{RETIREMENT_MODULE}.USER_RETIRE_LMS_CRITICAL", f"{RETIREMENT_MODULE}.USER_RETIRE_LMS_MISC"]
RETIREMENT_SIGNAL = RETIREMENT_SIGNALS[0]


def _platform_has(dotted_module: str) -> bool:
    """True when the module exists, WITHOUT importing it (only its parent packages, which are empty in
    edx-platform). Outside the LMS (devsite, tests) the retirement signal does not exist, and
    connect_plugin_receivers would fail on an import error if we listed it."""
    try:
        return find_spec(dotted_module) is not None
    except (ModuleNotFoundError, ValueError):
        return False


def signals_config(platform_present=None) -> dict:
    """The plugin ``signals_config``; the retirement receiver is listed wherever the platform signal exists."""
    if platform_present is None:
        platform_present = _platform_has(RETIREMENT_MODULE)
    receivers = []
    if platform_present:
        receivers = [
            {
                "receiver_func_name": "revoke_on_retirement",
                "signal_path": path,
                "dispatch_uid": f"wise_credentials.retire.{path.rsplit('.', 1)[1]}",
            }
            for path in RETIREMENT_SIGNALS
        ]
    return {"lms.djangoapp": {"relative_path": "receivers", "receivers": receivers}}


class WiseCredentialsConfig(AppConfig):
    name = "wise_skills.credentials"
    label = "wise_credentials"
    verbose_name = "WISE competence credentials"
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        "url_config": {"lms.djangoapp": _URLS, "cms.djangoapp": _URLS},
        "settings_config": {"lms.djangoapp": _SETTINGS, "cms.djangoapp": _SETTINGS},
        "signals_config": signals_config(),
    }
