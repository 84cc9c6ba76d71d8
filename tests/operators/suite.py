"""The pytest passes of `make test` (scripts/run-tests.sh), for any interpreter: tox runs this in
each env of the supported matrix.

1. pytest on sqlite: every layer; the browser tests only where Chromium and axe-core are present
   (a matrix env on a machine without them runs the rest instead of failing on a missing browser).
2. pytest on MariaDB: every test but the browser ones, on the server `scripts/services.sh start`
   found or started (its .services/env is read here).

Extra arguments go to both pytest runs, e.g. `tox -e py311-django52 -- tests/unit`.
Exit status: non-zero if any pass failed.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def services_env():
    env = {}
    path = REPO / ".services" / "env"
    if path.is_file():
        for line in path.read_text().splitlines():
            name, sep, value = line.partition("=")
            if sep:
                env[name.strip()] = value.strip()
    return env


def browser_available():
    chromium = os.environ.get("WISE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return Path(chromium).is_file() and (REPO / "node_modules" / "axe-core").is_dir()


def main(args):
    env = {**os.environ, **services_env()}
    pytest = [sys.executable, "-m", "pytest"]
    browser = browser_available()
    passes = [
        ("sqlite", [] if browser else ["-m", "not browser"]),
        ("mariadb", ["-m", "not browser", "-p", "no:randomly"]),
    ]
    if not browser:
        print("== Chromium or node_modules/axe-core missing: browser tests left out of this run", flush=True)
    status = 0
    for database, extra in passes:
        print(f"== pytest on {database} ({sys.version.split()[0]})", flush=True)
        result = subprocess.run([*pytest, *extra, *args], cwd=REPO, env={**env, "WISE_TEST_DB": database})
        # 5 = no test collected (e.g. a path with no database test on the MariaDB pass): not a failure
        # here, the sqlite pass over the same arguments would have failed already.
        if result.returncode not in (0, 5):
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
