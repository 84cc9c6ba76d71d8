"""The plain-language statements data: schema, consistency with the framework catalogue, mapping."""

import copy
import json
from importlib import resources

import pytest
from wise_skills.frameworks.catalogue import load_catalogue
from wise_xblocks.skills_check.statements import StatementsError, load_all, msgids, parse_statements


@pytest.fixture(scope="module")
def sets():
    return load_all()


def test_every_framework_of_the_catalogue_has_statements_for_every_competence(sets):
    catalogue = load_catalogue()
    for framework in catalogue.frameworks:
        assert framework in sets, f"statements/{framework}.json is missing"
        missing = [c.key for c in catalogue.competences_of(framework) if c.key not in sets[framework].competences]
        assert not missing, f"no plain-language topic for {missing}"
        extra = set(sets[framework].competences) - set(catalogue.competences)
        assert not extra, f"statements for competences the catalogue does not know: {extra}"


def test_steps_cover_every_framework_level_exactly_once_plus_not_yet(sets):
    catalogue = load_catalogue()
    for key, framework in catalogue.frameworks.items():
        covered = sorted(level for step in sets[key].scale for level in step.covers)
        assert covered == [0] + [level.number for level in framework.levels]


def test_learners_read_short_i_can_sentences(sets):
    for statement_set in sets.values():
        for step in statement_set.scale:
            assert step.statement.startswith(("I ", "I'")), step.statement
            assert len(step.statement.split()) <= 12
        for topic in statement_set.competences.values():
            assert len(topic.topic.split()) <= 12, topic.topic
            assert topic.example is None or topic.example.startswith("For example:")


def test_digcomp_mapping_records_the_lowest_level_of_each_broad_level(sets):
    digcomp = sets["digcomp"]
    assert [digcomp.level_for_step(s) for s in digcomp.steps] == [0, 1, 3, 5, 7]
    assert [digcomp.step_for_level(level) for level in range(9)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]
    # A role needing level 2 ("autonomy") is shown as "on my own": a learner "with help" has a gap.
    assert [digcomp.required_step(level) for level in range(1, 9)] == [1, 2, 2, 3, 3, 4, 4, 4]


def test_four_level_scales_map_one_to_one(sets):
    for name in ("greencomp", "sector"):
        assert [sets[name].level_for_step(s) for s in sets[name].steps] == [0, 1, 2, 3, 4]


def _data(name="digcomp"):
    return json.loads(resources.files("wise_xblocks.skills_check").joinpath("statements", f"{name}.json").read_text())


@pytest.mark.parametrize(
    "breaks,message",
    [
        (lambda d: d.pop("scale"), "'scale' is a required property"),
        (lambda d: d["scale"][1].update(records=3), "records=3 is not in covers"),
        (lambda d: d["scale"][2].update(covers=[2, 3]), "covers a level another step covers"),
        (lambda d: d["scale"][2].update(step=4), "consecutive"),
        (lambda d: d["competences"].update({"entrecomp:1.1": {"topic": "x"}}), "does not belong"),
        (lambda d: d["competences"]["digcomp:1.1"].update(colour="red"), "digcomp:1.1"),
    ],
)
def test_broken_files_are_refused_with_the_file_and_the_place(breaks, message):
    data = copy.deepcopy(_data())
    breaks(data)
    with pytest.raises(StatementsError) as error:
        parse_statements(data, "digcomp.json")
    assert "digcomp.json" in str(error.value) and message in str(error.value)


def test_msgids_list_every_sentence_for_translators():
    ids = msgids()
    assert "I can do this with help." in ids and "Find information on the internet." in ids


def test_generated_msgids_module_is_up_to_date():
    from wise_xblocks.skills_check import statements, statements_msgids

    assert (
        resources.files("wise_xblocks.skills_check").joinpath("statements_msgids.py").read_text()
        == statements.msgids_module_source()
    ), "run: python -m wise_xblocks.skills_check.statements"
    assert len(statements_msgids.MSGIDS) == len(msgids())
