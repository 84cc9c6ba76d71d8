"""The course is written for learners with low reading skills, and every check question is well formed."""

import re

import pytest
from lxml import html as lxml_html

from course_content.course_tree import load_course

COURSE = load_course()
PROBLEMS = [c for c in COURSE.components() if c.tag == "problem"]
MAX_WORDS = 25  # easy-to-read: short sentences, one idea each (Inclusion Europe, "Information for all")
MAX_AVERAGE = 12


def _sentences(html):
    tree = lxml_html.fragment_fromstring(html, create_parent="div")
    for element in tree.xpath('.//*[contains(@class, "wise-source")] | .//table | .//figure'):
        element.getparent().remove(element)  # sources and tables are not running text
    text = " ".join(tree.itertext())
    return [s.strip() for s in re.split(r"(?<=[.!?:])\s+|\n", text) if s.strip()]


def test_sentences_are_short():
    sentences = [s for c in COURSE.components() if c.tag == "html" for s in _sentences(c.html)]
    too_long = [s for s in sentences if len(s.split()) > MAX_WORDS]
    assert too_long == [], f"sentences over {MAX_WORDS} words: split them"
    assert sum(len(s.split()) for s in sentences) / len(sentences) <= MAX_AVERAGE


def test_every_module_has_text_a_wise_exercise_and_checks():
    for chapter in COURSE.chapters:
        tags = [c.tag for s in chapter.sequentials for u in s.units for c in u.components]
        assert "html" in tags, chapter.url_name
        assert "problem" in tags, chapter.url_name
        assert {"wise_waste_sorting", "wise_costing", "wise_skills_check"} & set(tags), chapter.url_name


def test_the_problem_types_the_course_promises_are_there():
    kinds = {response.tag for p in PROBLEMS for response in p.node if response.tag.endswith("response")}
    assert {"multiplechoiceresponse", "choiceresponse", "numericalresponse"} <= kinds


@pytest.mark.parametrize("problem", PROBLEMS, ids=[p.url_name for p in PROBLEMS])
def test_problem_is_well_formed(problem):
    node = problem.node
    assert node.get("display_name"), "learners and screen readers need a title"
    responses = [child for child in node if child.tag.endswith("response")]
    assert len(responses) == 1
    response = responses[0]
    label = response.find("label")
    assert label is not None and "".join(label.itertext()).strip(), "each question needs a <label>"
    if response.tag == "multiplechoiceresponse":
        choices = response.findall("choicegroup/choice")
        assert len(choices) >= 2 and [c.get("correct") for c in choices].count("true") == 1
        assert all(c.find("choicehint") is not None for c in choices), "say why each choice is right or wrong"
    elif response.tag == "choiceresponse":
        choices = response.findall("checkboxgroup/choice")
        correct = [c.get("correct") for c in choices]
        assert len(choices) >= 3 and "true" in correct and "false" in correct
    elif response.tag == "numericalresponse":
        float(response.get("answer"))
        tolerance = response.find("responseparam[@type='tolerance']")
        assert tolerance is not None and float(tolerance.get("default")) >= 0
        assert response.find("formulaequationinput") is not None
    else:
        pytest.fail(f"unexpected response type {response.tag}")
    solution = node.find("solution")
    assert solution is not None and "".join(solution.itertext()).strip(), "show how to get the answer"
    assert int(node.get("max_attempts")) >= 1
