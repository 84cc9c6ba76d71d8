"""Shared helpers for the operator tests: where the repository is, which files git tracks."""

import ast
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


def expected_entry_points():
    """The entry points setup.py declares right now (read with ast: running setup.py would build)."""
    tree = ast.parse((REPO / "setup.py").read_text(encoding="utf-8"))
    names = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                names[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "setup")
    declared = next(k.value for k in call.keywords if k.arg == "entry_points")
    groups = {}
    for key, value in zip(declared.keys, declared.values, strict=True):
        items = names[value.id] if isinstance(value, ast.Name) else ast.literal_eval(value)
        groups[ast.literal_eval(key)] = sorted(" ".join(item.split()) for item in items)
    return groups


@pytest.fixture(scope="session")
def repo():
    return REPO
