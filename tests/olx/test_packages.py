"""The Studio package, the workbench scenarios and the facilitator guides are built from the course sources."""

import os
import tarfile

import pytest
from lxml import etree

from course_content import build_course, build_guides
from course_content.course_tree import COURSE_DIR, load_course
from course_content.scenarios import PREVIEW_NOTE, course_scenarios, problem_preview


# --- the Studio package -------------------------------------------------------------------------
def test_package_is_deterministic(tmp_path):
    first, second = tmp_path / "a.tar.gz", tmp_path / "b.tar.gz"
    build_course.build(COURSE_DIR, str(first))
    os.utime(os.path.join(COURSE_DIR, "course.xml"))  # a touched file must not change the bytes
    build_course.build(COURSE_DIR, str(second))
    assert first.read_bytes() == second.read_bytes()


def test_package_has_one_top_folder_named_course_with_every_file(tmp_path):
    path = build_course.build(COURSE_DIR, str(tmp_path / "course.tar.gz"))
    with tarfile.open(path) as tar:
        names = tar.getnames()
        members = tar.getmembers()
    assert {name.split("/")[0] for name in names} == {"course"}
    files = sorted(m.name[len("course/") :] for m in members if m.isfile())
    assert files == build_course.course_files(COURSE_DIR)
    assert "course.xml" in files and "policies/2026_en/policy.json" in files
    assert all(m.uid == 0 and m.gid == 0 and m.mtime == build_course.FIXED_MTIME for m in members)


def test_build_refuses_a_course_with_olx_errors(tmp_path):
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(COURSE_DIR, broken)
    (broken / "html" / "m1_welcome_text.html").unlink()
    output = tmp_path / "out.tar.gz"
    assert build_course.main(["--course", str(broken), "--output", str(output)]) == 1
    assert not output.exists()


# --- workbench scenarios ------------------------------------------------------------------------
def test_one_scenario_per_unit_with_unique_titles():
    course = load_course()
    scenarios = course_scenarios()
    assert len(scenarios) == len(course.units())
    titles = [title for title, _xml in scenarios]
    assert len(set(titles)) == len(titles)
    for (title, xml), unit in zip(scenarios, course.units()):
        root = etree.fromstring(xml)
        assert root.tag == "vertical_demo"
        assert unit.display_name in title
        assert ("(problem preview)" in title) == any(c.tag == "problem" for c in unit.components)
        assert "/static/" not in xml, f"{title}: course assets must be inlined for the workbench"


def test_every_custom_block_is_in_a_scenario_as_authored():
    xml = "\n".join(x for _t, x in course_scenarios())
    for component in load_course().custom_components():
        assert f'url_name="{component.url_name}"' in xml


def test_problem_preview_shows_the_question_but_never_the_answer():
    problem = next(c for c in load_course().components() if c.url_name == "m2_hierarchy_check")
    preview = problem_preview(problem.node)
    assert PREVIEW_NOTE in preview and "Repair the chain" in preview
    assert "correct" not in preview and "Explanation" not in preview and "re-use comes first" not in preview


# --- facilitator guides -------------------------------------------------------------------------
def test_guides_are_built_with_every_section(tmp_path):
    built = build_guides.build_html(output_dir=str(tmp_path))
    assert len(built) == 5
    for _title, path in built:
        text = open(path, encoding="utf-8").read()
        for section in build_guides.REQUIRED_SECTIONS:
            assert f"<h2>{section}</h2>" in text
        assert "<table>" in text and "http" not in text.split("<body>")[0], "no external resources in <head>"
    assert (tmp_path / "index.html").exists()


def test_guide_without_a_required_section_is_refused(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "module-1.md").write_text("# Title\n\n## Goals\n\n- one\n", encoding="utf-8")
    with pytest.raises(build_guides.GuideError, match="Timing"):
        build_guides.build_html(str(source), str(tmp_path / "out"))


def test_markdown_subset_escapes_html_and_rejects_broken_tables():
    converter = build_guides.MarkdownSubset("x.md")
    assert "<script>" not in converter.convert("A <script>alert(1)</script> **b**")
    with pytest.raises(build_guides.GuideError, match="x.md:2"):
        converter.convert("| a | b |\n| c |")


def test_a_guide_prints_to_pdf(tmp_path):
    chromium = build_guides.find_chromium()
    assert chromium, "Chromium is part of the test environment (make test installs it)"
    (_title, html_path), *_rest = build_guides.build_html(output_dir=str(tmp_path))
    pdf = build_guides.print_pdf(chromium, html_path, str(tmp_path / "guide.pdf"))
    with open(pdf, "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_translated_guides_use_their_own_headings_and_language(tmp_path):
    source = tmp_path / "it"
    source.mkdir()
    (source / "module-1.md").write_text(
        "# Modulo 1\n\n## Obiettivi\n\n- uno\n\n## Tempi\n\n| Ora | Attività |\n|---|---|\n| 0:00 | Benvenuto |\n",
        encoding="utf-8",
    )
    built = build_guides.build_html(str(source), str(tmp_path / "out"), ("Obiettivi", "Tempi"), "it")
    text = open(built[0][1], encoding="utf-8").read()
    assert '<html lang="it">' in text and "<h2>Obiettivi</h2>" in text
    with pytest.raises(build_guides.GuideError, match="Materiali"):
        build_guides.build_html(str(source), str(tmp_path / "out2"), ("Obiettivi", "Materiali"), "it")


def test_workbench_hook_adds_every_unit_after_a_reload(transactional_db):
    """What the devsite calls at startup: after the workbench re-reads its scenarios, the units are there."""
    from workbench import scenarios as workbench_scenarios
    from workbench.runtime_util import reset_global_state
    from workbench.scenarios import SCENARIOS

    from course_content.scenarios import install_workbench_hook, scenario_ids

    installed_by_host = getattr(workbench_scenarios.init_scenarios, "wise_course_hook", False)
    if installed_by_host:  # the devsite installs it at startup: test from a workbench without it
        workbench_scenarios.init_scenarios.undo()
    try:
        plain = workbench_scenarios.init_scenarios
        undo = install_workbench_hook()
        assert install_workbench_hook()() is None  # a second install changes nothing
        reset_global_state()  # the workbench re-reads the installed blocks' scenarios ...
        assert set(scenario_ids()) <= set(SCENARIOS)  # ... and the course units come back with them
        assert any(not sid.startswith("wise_course.") for sid in SCENARIOS), "the blocks' own scenarios stay"
        undo()
        assert workbench_scenarios.init_scenarios is plain
    finally:
        if installed_by_host:
            install_workbench_hook()


# --- a new (translated) run ---------------------------------------------------------------------
def test_make_run_creates_a_clean_course_with_the_same_url_names(tmp_path):
    from course_content import make_run
    from tests.olx.test_olxcleaner import errors_of

    target = tmp_path / "wise-innovation-it"
    assert (
        make_run.main(
            [
                "--run",
                "2026_it",
                "--language",
                "it",
                "--target",
                str(target),
                "--display-name",
                "Innovazione nelle WISE",
            ]
        )
        == 0
    )
    original, copy = load_course(), load_course(str(target))
    assert (copy.org, copy.course, copy.run) == (original.org, original.course, "2026_it")
    assert [c.url_name for c in copy.components()] == [c.url_name for c in original.components()]
    import json

    policy = json.loads((target / "policies" / "2026_it" / "policy.json").read_text(encoding="utf-8"))
    assert list(policy) == ["course/2026_it"]
    assert policy["course/2026_it"]["language"] == "it"
    assert policy["course/2026_it"]["display_name"] == "Innovazione nelle WISE"
    assert errors_of(str(target), level=2) == []
    assert build_course.main(["--course", str(target), "--output", str(tmp_path / "it.tar.gz")]) == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (["--run", "2026 it", "--language", "it"], "run"),
        (["--run", "2026_it", "--language", "Italian"], "language"),
        (["--run", "2026_en", "--language", "en"], "already run"),
    ],
)
def test_make_run_refuses_bad_requests(tmp_path, capsys, args, message):
    from course_content import make_run

    assert make_run.main([*args, "--target", str(tmp_path / "x")]) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_check_only_reports_without_building(tmp_path, capsys):
    assert build_course.main(["--check-only", "--output", str(tmp_path / "x.tar.gz")]) == 0
    assert "0 olxcleaner error(s)" in capsys.readouterr().out
    assert not (tmp_path / "x.tar.gz").exists()
