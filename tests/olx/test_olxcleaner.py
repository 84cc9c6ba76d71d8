"""The course passes olxcleaner (the `edx-cleaner` checks) with only our own block tags allowed."""

import shutil

import pytest
from olxcleaner.validate import validate

from course_content.build_course import CUSTOM_TAGS
from course_content.course_tree import COURSE_DIR

ERROR = 3  # olxcleaner's level for errors (edx-cleaner fails on ERROR by default)


def errors_of(course_dir, level=ERROR):
    _course, errorstore, _names = validate(course_dir, steps=8, allowed_xblocks=list(CUSTOM_TAGS))
    return [
        f"{e.__class__.__name__} ({e.filename}): {e.description}" for e in errorstore.errors if e.level_val >= level
    ]


def test_course_has_no_olxcleaner_errors():
    assert errors_of(COURSE_DIR) == []


def test_course_has_no_olxcleaner_warnings_either():
    # Warnings (e.g. a policy overriding an XML setting, a missing display name) are cheap to avoid.
    assert errors_of(COURSE_DIR, level=2) == []


def test_only_our_three_tags_are_allowed():
    assert set(CUSTOM_TAGS) == {"wise_waste_sorting", "wise_costing", "wise_skills_check"}


@pytest.fixture
def course_copy(tmp_path):
    target = tmp_path / "course"
    shutil.copytree(COURSE_DIR, target)
    return target


def test_an_unknown_tag_is_still_reported(course_copy):
    """The allow-list is explicit: any other custom tag in a unit is an error."""
    unit = course_copy / "vertical" / "m1_u_welcome.xml"
    unit.write_text(
        unit.read_text().replace("</vertical>", '  <wise_unknown url_name="x">y</wise_unknown>\n</vertical>')
    )
    assert any("UnexpectedTag" in line and "wise_unknown" in line for line in errors_of(course_copy))


def test_a_missing_pointer_file_is_reported(course_copy):
    (course_copy / "problem" / "m2_targets_check.xml").unlink()
    assert any("FileDoesNotExist" in line for line in errors_of(course_copy))


def test_grading_policy_matches_the_graded_subsections():
    """Each assignment type counts exactly the subsections that have that format (no empty or hidden slots)."""
    import json
    import os
    from collections import Counter

    from course_content.course_tree import load_course

    course = load_course()
    with open(os.path.join(COURSE_DIR, "policies", course.run, "grading_policy.json"), encoding="utf-8") as fh:
        policy = json.load(fh)
    formats = Counter(seq.format for chapter in course.chapters for seq in chapter.sequentials if seq.format)
    assert {g["type"]: g["min_count"] for g in policy["GRADER"]} == dict(formats)
    assert abs(sum(g["weight"] for g in policy["GRADER"]) - 1) < 1e-9
    # Every graded subsection holds at least one scored component.
    for chapter in course.chapters:
        for seq in chapter.sequentials:
            if seq.format:
                tags = {c.tag for u in seq.units for c in u.components}
                assert tags & {"problem", "wise_waste_sorting", "wise_costing"}, seq.url_name
