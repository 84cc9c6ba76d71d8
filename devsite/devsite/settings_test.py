"""Test settings: the devsite on sqlite by default, or on a real MariaDB with WISE_TEST_DB=mariadb.

MariaDB is the MySQL-family server Debian ships; Open edX runs MySQL 8. The Makefile and
.ci/run start a server on loopback when none answers and export its host and port.
"""

import os

from .settings import *  # noqa: F401,F403
from .settings import VAR_DIR

if os.environ.get("WISE_TEST_DB", "sqlite") == "mariadb":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.mysql",
            "NAME": "wise",
            "USER": os.environ.get("WISE_MARIADB_USER", "root"),
            "PASSWORD": os.environ.get("WISE_MARIADB_PASSWORD", ""),
            "HOST": os.environ.get("WISE_MARIADB_HOST", "127.0.0.1"),
            "PORT": os.environ.get("WISE_MARIADB_PORT", "3306"),
            "OPTIONS": {"charset": "utf8mb4"},
            "TEST": {
                "NAME": os.environ.get("WISE_MARIADB_TEST_NAME", "test_wise"),
                "CHARSET": "utf8mb4",
                "COLLATION": "utf8mb4_unicode_ci",
            },
        }
    }
else:
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "test.db"), "TEST": {"NAME": ""}}
    }

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEBUG = False
