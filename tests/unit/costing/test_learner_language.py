"""A learner reading Polish sees the shipped tourism template in Polish; the answers do not change."""

from django.utils import translation
from wise_xblocks.costing import CostingXBlock

from tests.xblock_runtime import RecordingRuntime

OLX = next(xml for title, xml in CostingXBlock.workbench_scenarios() if "Italy" in title)


def test_scenario_text_follows_the_learners_language_and_answers_do_not():
    runtime = RecordingRuntime(block_classes={"wise_costing": CostingXBlock})
    block = runtime.load(OLX)
    if block.scope_ids.block_type != "wise_costing":  # the scenario wraps the block in a vertical
        block = runtime.get_block(block.children[0])
    with translation.override("en"):
        english = block.student_view_data()
        english_answers = block.compiled()
    with translation.override("pl"):
        polish = block.student_view_data()
        polish_answers = block.compiled()
    assert str(polish) != str(english), "the scenario text should be translated"
    assert [s["name"] for s in polish["steps"]] == [s["name"] for s in english["steps"]]
    assert english_answers is not polish_answers
    assert numbers(polish) == numbers(english)  # every amount, quantity and rate the learner works with


def numbers(value):
    """Every number in a nested structure, in order (booleans excluded)."""
    if isinstance(value, dict):
        return [n for key in sorted(value) for n in numbers(value[key])]
    if isinstance(value, list):
        return [n for item in value for n in numbers(item)]
    return [value] if isinstance(value, (int, float)) and not isinstance(value, bool) else []
