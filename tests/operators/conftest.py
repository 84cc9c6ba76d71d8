"""Shared helpers for the operator tests: where the repository is, which files git tracks."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent

#: Module prefixes that belong to edx-platform: the package must never import them.
PLATFORM_PREFIXES = ("lms", "cms", "openedx.core", "common.djangoapps", "xmodule")


def platform_modules(module_names):
    """The names among module_names that are edx-platform modules (lms, lms.x, but not lmsfoo)."""
    return sorted(
        name for name in module_names if any(name == p or name.startswith(p + ".") for p in PLATFORM_PREFIXES)
    )


def git_ls_files(*pathspecs):
    out = subprocess.run(
        ["git", "ls-files", "-z", "--", *pathspecs], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout
    return sorted(p for p in out.split("\0") if p)


@pytest.fixture(scope="session")
def repo():
    return REPO
