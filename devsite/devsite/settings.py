"""Settings of the devsite: the xblock-sdk workbench plus wise_skills loaded the way the LMS loads it.

The plugin app is not listed by hand: like lms/envs/common.py, we ask edx-django-utils for
every app registered under the lms.djangoapp entry point and let each one apply its own
plugin settings. If the entry point or the plugin_app dict breaks, the devsite breaks too.
"""

import importlib.util
import os
from pathlib import Path

from edx_django_utils.plugins import add_plugins, get_plugin_apps

os.environ.setdefault("EXCLUDE_SAMPLE_XBLOCKS", "yes")

from workbench.settings import *  # noqa: E402,F401,F403  (the workbench is the base, as in xblock-sdk)
from workbench.settings import INSTALLED_APPS as WORKBENCH_APPS  # noqa: E402

DEVSITE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WISE_DEVSITE_VAR", DEVSITE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = os.environ.get("WISE_DEVSITE_DEBUG", "1") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECRET_KEY = os.environ.get("WISE_DEVSITE_SECRET_KEY", "devsite-only-not-a-secret")

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "devsite.db")}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

INSTALLED_APPS = [
    *WORKBENCH_APPS,
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "devsite.apps.DevsiteConfig",
]
INSTALLED_APPS.extend(get_plugin_apps("lms.djangoapp"))
if importlib.util.find_spec("django_countries"):
    # Installed in the LMS (user profiles); its catalogs give the dashboard country names in every language.
    # Listed after our apps so that, for a text both translate ("Country"), our catalog's wording is used.
    INSTALLED_APPS.append("django_countries")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "devsite.urls"

# The workbench's services, plus a user service that knows course staff (?student=staff), as the LMS's does.
WORKBENCH = {
    **WORKBENCH,  # noqa: F405  (from workbench.settings)
    "services": {**WORKBENCH["services"], "user": "devsite.workbench_services.DevsiteUserService"},  # noqa: F405
}
TEMPLATES[0]["DIRS"] = [str(DEVSITE_DIR / "devsite" / "templates"), *TEMPLATES[0]["DIRS"]]  # noqa: F405

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("it", "Italiano"),
    ("sl", "Slovenščina"),
    ("hr", "Hrvatski"),
    ("pl", "Polski"),
    ("fr", "Français"),
    ("nl", "Nederlands"),
    ("de", "Deutsch"),
]
TIME_ZONE = "Europe/Brussels"
STATIC_ROOT = str(VAR_DIR / "static")
MEDIA_ROOT = str(VAR_DIR / "media")  # export files (Django's default storage), as the LMS stores reports
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"

# What the LMS configures for its REST APIs: JWT first (edx-drf-extensions), then the session.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "edx_rest_framework_extensions.auth.jwt.authentication.JwtAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
JWT_AUTH = {
    "JWT_ISSUERS": [{"AUDIENCE": "devsite", "ISSUER": "http://127.0.0.1:8000/oauth2", "SECRET_KEY": SECRET_KEY}],
    "JWT_ISSUER": "http://127.0.0.1:8000/oauth2",
    "JWT_AUDIENCE": "devsite",
    "JWT_SECRET_KEY": SECRET_KEY,
    "JWT_PUBLIC_SIGNING_JWK_SET": None,
    "JWT_AUTH_COOKIE_HEADER_PAYLOAD": "edx-jwt-cookie-header-payload",
    "JWT_AUTH_COOKIE_SIGNATURE": "edx-jwt-cookie-signature",
    "JWT_AUTH_HEADER_PREFIX": "JWT",
}
SPECTACULAR_SETTINGS = {"TITLE": "openedx-wise skills-gap API", "VERSION": "v1", "SERVE_INCLUDE_SCHEMA": False}

# Celery: the LMS's broker is Redis; the devsite runs tasks inline unless a broker is configured.
CELERY_BROKER_URL = os.environ.get("WISE_CELERY_BROKER_URL", "memory://")
CELERY_TASK_ALWAYS_EAGER = "WISE_CELERY_BROKER_URL" not in os.environ

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The demo signs learners' credentials with a key `make demo` generates on first run.
WISE_CREDENTIALS_SIGNING_KEY_PATH = str(VAR_DIR / "credential-key.pem")

# Each plugin applies its own settings, exactly as the LMS does after its common settings.
add_plugins(__name__, "lms.djangoapp", "common")
