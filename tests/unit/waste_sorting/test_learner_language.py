"""A learner reading Italian sees the shipped preset's items in Italian; ids and answers stay the same."""

from django.utils import translation
from wise_xblocks.waste_sorting import WasteSortingXBlock

from tests.xblock_runtime import RecordingRuntime

# The workbench scenario of the Italian preset: the shipped content, as an author gets it.
OLX = next(xml for title, xml in WasteSortingXBlock.workbench_scenarios() if "Italy" in title)


def names(block):
    return sorted(item["name"] for item in block.student_view_data()["items"])


def ids(block):
    return sorted(item["id"] for item in block.student_view_data()["items"])


def test_item_names_follow_the_learners_language_and_ids_do_not():
    runtime = RecordingRuntime(block_classes={"wise_waste_sorting": WasteSortingXBlock})
    block = runtime.load(OLX)
    with translation.override("en"):
        english, english_ids = names(block), ids(block)
    with translation.override("it"):
        italian, italian_ids = names(block), ids(block)
    assert italian_ids == english_ids
    assert italian != english
    assert len(set(italian) - set(english)) >= len(english) // 2, "most item names should be translated"
