"""The Django app config that Open edX discovers through the lms.djangoapp / cms.djangoapp entry points.

Project types and settings types are string literals: the constants live in edx-platform,
which this package never imports.
"""
from django.apps import AppConfig

_SETTINGS = {
    "common": {"relative_path": "settings.common"},
    "production": {"relative_path": "settings.production"},
    "test": {"relative_path": "settings.test"},
}


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
        "signals_config": {"lms.djangoapp": {"relative_path": "receivers", "receivers": []}},
    }
