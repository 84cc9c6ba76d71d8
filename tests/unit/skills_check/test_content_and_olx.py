"""Authored content: validation, strict OLX reading and a lossless round trip (golden fixtures)."""

from pathlib import Path

import pytest
from lxml import etree
from wise_skills.frameworks.catalogue import load_catalogue
from wise_xblocks.common.olx import OLXError
from wise_xblocks.skills_check import olx
from wise_xblocks.skills_check.content import Content, Unit, href_is_safe, validate

FIXTURES = Path(__file__).parent / "fixtures"
CATALOGUE = load_catalogue()


def parse(text):
    return olx.read(etree.fromstring(text), CATALOGUE)


def export(content):
    node = etree.Element(olx.BLOCK_TYPE)
    olx.write(node, content)
    etree.indent(node, space="  ")
    return etree.tostring(node, encoding="unicode") + "\n"


@pytest.mark.parametrize("name", ["full.xml", "minimal.xml"])
def test_golden_fixture_round_trips_byte_for_byte(name):
    text = (FIXTURES / name).read_text()
    content = parse(text)
    assert export(content) == text
    assert parse(export(content)) == content


def test_full_fixture_reads_every_part():
    content = parse((FIXTURES / "full.xml").read_text())
    assert content.phase == "end" and content.group == "waste-2026" and content.role == "sorting-operator"
    assert content.competences == ("sector:waste.sorting", "digcomp:1.1", "greencomp:1.3")
    assert content.units[1] == Unit("digcomp:1.1", "https://example.org/search", "Searching & finding")
    assert "<strong>now</strong>" in content.intro
    assert validate(content, CATALOGUE) == []


@pytest.mark.parametrize(
    "xml,where",
    [
        ('<wise_skills_check><competence key="digcomp:9.9"/></wise_skills_check>', '<competence> attribute "key"'),
        ("<wise_skills_check><competence/></wise_skills_check>", '<competence> attribute "key": is missing'),
        ("<wise_skills_check/>", "needs at least one"),
        ('<wise_skills_check phase="middle"><competence key="digcomp:1.1"/></wise_skills_check>', '"phase"'),
        ('<wise_skills_check colour="red"><competence key="digcomp:1.1"/></wise_skills_check>', '"colour"'),
        ('<wise_skills_check><competence key="digcomp:1.1"/><question/></wise_skills_check>', "<question>"),
        ('<wise_skills_check><role key="astronaut"/><competence key="digcomp:1.1"/></wise_skills_check>', "<role>"),
        (
            '<wise_skills_check><competence key="digcomp:1.1"/><competence key="digcomp:1.1"/></wise_skills_check>',
            "listed twice",
        ),
        (
            '<wise_skills_check><competence key="digcomp:1.1"/>'
            '<unit competence="digcomp:2.1" href="/x">T</unit></wise_skills_check>',
            '<unit> attribute "competence"',
        ),
    ],
)
def test_strict_parse_names_block_element_and_attribute(xml, where):
    with pytest.raises(OLXError) as error:
        parse(xml.replace("<wise_skills_check", '<wise_skills_check url_name="check1"', 1))
    assert 'wise_skills_check "check1"' in str(error.value) and where in str(error.value)


def test_intro_is_sanitised_on_import():
    content = parse(
        "<wise_skills_check><intro><p>Hi</p><script>alert(1)</script></intro>"
        '<competence key="digcomp:1.1"/></wise_skills_check>'
    )
    assert "script" not in content.intro and "<p>Hi</p>" in content.intro


def fields(problems):
    return sorted({name for name, _msg, _values in problems})


def test_validation_collects_every_problem_with_its_field():
    content = Content(
        competences=("digcomp:1.1", "digcomp:1.1", "nope:1"),
        role="astronaut",
        phase="end",
        group="bad group!",
        units=(Unit("digcomp:2.1", "javascript:alert(1)", ""),),
    )
    assert fields(validate(content, CATALOGUE)) == ["competences", "group", "role", "units"]


def test_end_phase_needs_a_group():
    problems = validate(Content(competences=("digcomp:1.1",), phase="end"), CATALOGUE)
    assert fields(problems) == ["group"]


@pytest.mark.parametrize(
    "href,ok",
    [
        ("/jump_to_id/abc", True),
        ("/courses/x/jump_to/y", True),
        ("https://example.org/a", True),
        ("//evil.example/x", False),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("ftp://x/y", False),
        ("/a b", False),
        ("", False),
    ],
)
def test_only_course_paths_and_http_links_are_allowed(href, ok):
    assert href_is_safe(href) is ok
