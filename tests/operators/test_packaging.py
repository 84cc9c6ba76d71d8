"""The released artifacts, as an operator gets them: `python -m build` -> sdist + wheel that pass
`twine check`; the wheel installed into clean virtualenvs (no editable install, no repository on
sys.path) exposes and loads every entry point, ships every data file of the source tree, and
imports nothing from edx-platform.

Slow by nature (a build and two installs); everything reuses one build (module-scoped fixtures),
and the two virtualenvs are filled in parallel.
"""

import json
import os
import subprocess
import sys
import textwrap
import zipfile

import pytest

from .conftest import REPO, VENV_BIN, expected_entry_points, platform_modules

# No database here: `make test`'s second (MariaDB) pass would only repeat the same build/render.
pytestmark = pytest.mark.skipif(
    os.environ.get("WISE_TEST_DB") == "mariadb", reason="database-independent; runs in the sqlite pass"
)

#: Source folder of each import package shipped in the wheel (setup.py SOURCE_ROOTS).
PACKAGES = {"wise_xblocks": "xblocks", "wise_skills": "plugin_app", "wise_tutor": "plugin_app"}
#: Files that live beside the code but are not needed at run time.
NOT_SHIPPED_SUFFIXES = (".pot",)  # the translators' template; the .po/.mo catalogs ship
ENTRY_POINT_GROUPS = ("xblock.v1", "lms.djangoapp", "cms.djangoapp", "tutor.plugin.v1")


def run(*cmd, cwd=None, env=None, timeout=300):
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, (
        f"{' '.join(map(str, cmd))} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    return result.stdout


def expected_wheel_files():
    """Every file of the import packages in the source tree (git's view: tracked or new, not ignored)."""
    expected = set()
    for package, root in PACKAGES.items():
        for path in git_ls_files_untracked_too(f"{root}/{package}"):
            if not path.endswith(NOT_SHIPPED_SUFFIXES) and (REPO / path).is_file():
                expected.add(path[len(root) + 1 :])
    return expected


def git_ls_files_untracked_too(pathspec):
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", pathspec],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [p for p in out.split("\0") if p]


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("dist")
    # Default `python -m build`: an isolated build env, the sdist first, then the wheel built FROM
    # the sdist, so a file missing from the sdist also breaks the wheel.
    run(sys.executable, "-m", "build", "--outdir", str(outdir), str(REPO), timeout=300)
    wheels, sdists = sorted(outdir.glob("*.whl")), sorted(outdir.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, list(outdir.iterdir())
    return {"wheel": wheels[0], "sdist": sdists[0]}


@pytest.fixture(scope="module")
def venvs(dist, tmp_path_factory):
    """Two clean virtualenvs: an LMS-like one (the wheel and its dependencies) and a Tutor host
    (tutor, then the wheel with --no-deps: the plugin must work without Django)."""
    base = tmp_path_factory.mktemp("venvs")
    lms, host = base / "lms", base / "tutor-host"
    for venv in (lms, host):
        run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    pip = [str(VENV_BIN / "pip"), "--disable-pip-version-check"]

    def install(venv, *args):  # pip's --python must come before the subcommand
        return [*pip, "--python", str(venv / "bin/python"), "install", "-q", "--no-compile", *args]

    popen = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True}
    jobs = [
        subprocess.Popen(install(lms, str(dist["wheel"])), **popen),
        subprocess.Popen(install(host, "tutor>=21,<23"), **popen),
    ]
    for job in jobs:
        output, _ = job.communicate(timeout=400)
        assert job.returncode == 0, output[-4000:]
    run(*install(host, "--no-deps", str(dist["wheel"])))
    return {"lms": lms, "host": host}


def in_venv(venv, code, tmp_path, env_extra=None):
    """Run code in the venv, from an empty folder, with no repository path leaking in."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE")}
    env.update(env_extra or {})
    return run(str(venv / "bin/python"), "-c", textwrap.dedent(code), cwd=tmp_path, env=env)


def test_twine_check_passes(dist):
    run(str(VENV_BIN / "twine"), "check", "--strict", str(dist["wheel"]), str(dist["sdist"]))


def test_wheel_holds_every_package_file_and_nothing_else(dist):
    with zipfile.ZipFile(dist["wheel"]) as wheel:
        names = {n for n in wheel.namelist() if ".dist-info/" not in n}
    expected = expected_wheel_files()
    assert not sorted(expected - names), "missing from the wheel (MANIFEST.in / package_data)"
    # Built assets (git-ignored, made by `make assets`) may ship; anything else must come from the tree.
    foreign = sorted(n for n in names - expected if not (REPO / PACKAGES[n.split("/")[0]] / n).is_file())
    assert not foreign, "in the wheel but not in the source tree (a stale build/ folder?)"
    assert not [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".pyo"))]
    for kind in ("/presets/", "/translations/", "/templates/", "/public/", "/frameworks/"):
        shipped = [n for n in names if kind in n]
        if any(kind in n for n in expected):
            assert shipped, kind


def test_wheel_metadata_declares_the_entry_points_of_setup_py(dist):
    with zipfile.ZipFile(dist["wheel"]) as wheel:
        text = next(wheel.read(n).decode() for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt"))
    declared = {}
    group = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            group = line.strip("[]")
            declared[group] = []
        elif line:
            declared[group].append(" ".join(line.split()))
    expected = {g: items for g, items in expected_entry_points().items() if items}
    assert {g: sorted(items) for g, items in declared.items()} == expected
    assert set(ENTRY_POINT_GROUPS) - {"xblock.v1"} <= set(declared)


def test_sdist_carries_what_a_rebuild_needs(dist):
    import tarfile

    with tarfile.open(dist["sdist"]) as sdist:
        names = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    for needed in ("setup.py", "README.md", "CHANGELOG.md", "requirements/base.in", "MANIFEST.in"):
        assert needed in names, needed


def test_clean_install_exposes_and_loads_every_entry_point_without_edx_platform(venvs, tmp_path):
    out = in_venv(
        venvs["lms"],
        """
        import json, sys
        from importlib.metadata import entry_points
        import wise_xblocks, wise_skills
        after_import = sorted(sys.modules)
        found = {}
        for group in ("xblock.v1", "lms.djangoapp", "cms.djangoapp"):
            found[group] = {}
            for ep in entry_points(group=group):
                if ep.dist is None or ep.dist.name != "openedx-wise":
                    continue
                obj = ep.load()
                found[group][ep.name] = [ep.value, [c.__name__ for c in obj.__mro__]]
        print(json.dumps({"found": found, "after_import": after_import, "after_load": sorted(sys.modules),
                          "files": [wise_xblocks.__file__, wise_skills.__file__]}))
        """,
        tmp_path,
    )
    report = json.loads(out.strip().splitlines()[-1])
    expected = expected_entry_points()
    for group in ("xblock.v1", "lms.djangoapp", "cms.djangoapp"):
        want = {item.split(" = ")[0]: item.split(" = ")[1] for item in expected.get(group, [])}
        got = report["found"][group]
        assert sorted(got) == sorted(want), group
        for name, (value, _mro) in got.items():
            assert " ".join(value.split()) == want[name]
    for value, mro in report["found"]["xblock.v1"].values():
        assert "XBlock" in mro, f"{value} is not an XBlock"
    for _value, mro in [
        *report["found"]["lms.djangoapp"].values(),
        *report["found"]["cms.djangoapp"].values(),
    ]:
        assert "AppConfig" in mro
    assert all("site-packages" in path for path in report["files"]), "imported from the source tree, not the wheel"
    assert platform_modules(report["after_import"]) == []
    assert platform_modules(report["after_load"]) == []


def test_tutor_host_loads_the_plugin_without_django(venvs, tmp_path):
    host = venvs["host"]
    env = {"TUTOR_ROOT": str(tmp_path / "root"), "TUTOR_PLUGINS_ROOT": str(tmp_path / "plugins")}
    in_venv(host, "import importlib.util, sys; sys.exit(importlib.util.find_spec('django') is not None)", tmp_path)
    run(str(host / "bin/tutor"), "plugins", "enable", "wise", cwd=tmp_path, env={**os.environ, **env})
    listing = run(str(host / "bin/tutor"), "plugins", "list", cwd=tmp_path, env={**os.environ, **env})
    assert any(line.split()[0] == "wise" and "enabled" in line for line in listing.splitlines()[1:]), listing
    dockerfile = (tmp_path / "root/env/build/openedx/Dockerfile").read_text()
    assert "install 'openedx-wise==" in dockerfile
