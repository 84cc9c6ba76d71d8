"""The competence mapping shipped with the course refers only to blocks of the course and known competences."""

import os

import pytest
import yaml

from course_content.course_tree import COURSE_DIR, load_course

MAPPING = os.path.join(COURSE_DIR, "competences.yaml")


@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.fixture(scope="module")
def mapping():
    with open(MAPPING, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def catalogue():
    from wise_skills.frameworks.catalogue import load_catalogue

    return load_catalogue()


def test_format_and_passing_score(mapping):
    assert mapping["format"] == 1
    assert 0 < mapping["passing_score"] <= 1
    assert isinstance(mapping["mappings"], list) and mapping["mappings"]
    for entry in mapping["mappings"]:
        assert set(entry) <= {"block", "type", "unit", "title", "competences", "passing_score"}, entry
        assert 0 < entry.get("passing_score", 0.5) <= 1


def test_every_block_exists_with_its_type_and_unit(course, mapping):
    blocks = {}
    unit_titles = {unit.url_name: unit.display_name for unit in course.units()}
    for unit in course.units():
        for component in unit.components:
            blocks[component.url_name] = (component.tag, unit.url_name)
    problems = []
    for entry in mapping["mappings"]:
        found = blocks.get(entry["block"])
        if found is None:
            problems.append(f"{entry['block']}: no block with this url_name in the course")
        elif found[0] != entry["type"]:
            problems.append(f"{entry['block']}: is a {found[0]}, not a {entry['type']}")
        elif entry.get("unit") and found[1] != entry["unit"]:
            problems.append(f"{entry['block']}: is in unit {found[1]}, not {entry['unit']}")
        elif entry.get("title") and entry["title"] != unit_titles[found[1]]:
            problems.append(
                f"{entry['block']}: title {entry['title']!r} is not its unit's name {unit_titles[found[1]]!r}"
            )
    assert problems == []


def test_each_block_is_mapped_once(mapping):
    names = [entry["block"] for entry in mapping["mappings"]]
    assert len(names) == len(set(names))


def test_competence_keys_and_levels_exist_in_the_catalogue(catalogue, mapping):
    problems = []
    for entry in mapping["mappings"]:
        assert entry["competences"], f"{entry['block']}: maps no competence"
        for key, level in entry["competences"].items():
            if key not in catalogue.competences:
                problems.append(f"{entry['block']}: {key!r} is not in the wise_skills catalogue")
                continue
            framework = catalogue.framework_of(key)
            if not isinstance(level, int) or not 1 <= level <= framework.max_level:
                problems.append(f"{entry['block']}: level {level!r} for {key} is not 1..{framework.max_level}")
    assert problems == []


def test_every_wise_exercise_and_graded_problem_is_mapped(course, mapping):
    """A graded exercise that maps to nothing would never become evidence in the skills-gap report."""
    mapped = {entry["block"] for entry in mapping["mappings"]}
    graded = []
    for chapter in course.chapters:
        for seq in chapter.sequentials:
            for unit in seq.units:
                for component in unit.components:
                    if component.tag in ("wise_waste_sorting", "wise_costing"):
                        graded.append(component.url_name)
                    elif component.tag == "problem" and seq.format:
                        graded.append(component.url_name)
    assert sorted(set(graded) - mapped) == []


def test_self_checks_use_known_competences_and_link_to_units(course, catalogue):
    units = {u.url_name for u in course.units()}
    checks = [c for c in course.components() if c.tag == "wise_skills_check"]
    assert {c.node.get("phase") for c in checks} == {"start", "end"}
    for check in checks:
        keys = [n.get("key") for n in check.node.iter("competence")]
        assert keys and all(k in catalogue.competences for k in keys), keys
        for link in check.node.iter("unit"):
            assert link.get("href").removeprefix("/jump_to_id/") in units, link.get("href")
    # Start and end ask the same things in the same group, so the end can show progress.
    start, end = sorted(checks, key=lambda c: c.node.get("phase") != "start")
    assert [n.get("key") for n in start.node.iter("competence")] == [n.get("key") for n in end.node.iter("competence")]
    assert start.node.get("group") == end.node.get("group")


def test_usage_keys_follow_the_course_key(course):
    assert (
        course.usage_key("wise_costing", "m3_costing_tourism")
        == "block-v1:InnoWISEs+WISE101+2026_en+type@wise_costing+block@m3_costing_tourism"
    )


def test_every_mapped_block_has_a_valid_open_edx_usage_key(course, mapping):
    """The keys wise_skills stores (CompetenceMapping.source_key) parse with opaque-keys, as the LMS's do."""
    from opaque_keys.edx.keys import UsageKey

    for entry in mapping["mappings"]:
        key = UsageKey.from_string(course.usage_key(entry["type"], entry["block"]))
        assert str(key.course_key) == "course-v1:InnoWISEs+WISE101+2026_en"
        assert (key.block_type, key.block_id) == (entry["type"], entry["block"])
