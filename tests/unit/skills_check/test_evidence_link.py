"""The block and the wise_skills plugin: recommendations from the plugin's course mappings, and
the block working in a process where Django (and so the plugin) is not there at all."""

import datetime
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from wise_xblocks.skills_check import SkillsCheckXBlock, evidence

from tests.xblock_runtime import RecordingRuntime

from .test_block_handlers import START, LmsUserService

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_gaps_without_an_authored_unit_get_the_plugins_recommended_units():
    from wise_skills import public_api
    from wise_skills.models import Competence, CompetenceMapping, Membership, Role, Wise

    public_api.ensure_catalogue_loaded()
    wise = Wise.objects.create(key="demo-wise", name="Demo WISE", country="IT")
    Membership.objects.create(
        user_id=5, wise=wise, role=Role.objects.get(key="sorting-operator"), start=datetime.date(2026, 1, 1)
    )
    usage = "block-v1:WISE+W1+2026+type@problem+block@dangerous_items"
    CompetenceMapping.objects.create(
        source_key=usage,
        competence=Competence.objects.get(key="sector:waste.contamination"),
        level=3,
        title="Batteries and other dangerous items",
    )

    runtime = RecordingRuntime(
        block_classes={"wise_skills_check": SkillsCheckXBlock}, services={"user": LmsUserService(5)}
    )
    block = runtime.load(
        START.replace('<competence key="digcomp:1.1"/>', '<competence key="sector:waste.contamination"/>')
    )
    status, state = runtime.call(
        block, "submit", {"ratings": {"sector:waste.sorting": 1, "sector:waste.contamination": 1}}
    )
    assert status == 200
    recs = {rec["competence"]: rec["units"] for rec in state["result"]["recommendations"]}
    assert recs["sector:waste.sorting"][0]["href"] == "/jump_to_id/sorting"  # the author's link wins
    assert recs["sector:waste.contamination"] == [
        {
            "competence": "sector:waste.contamination",
            "title": "Batteries and other dangerous items",
            "href": f"/courses/course-v1:WISE+W1+2026/jump_to/{usage}",
        }
    ]


@pytest.mark.django_db
def test_the_role_profile_edited_in_the_plugin_wins_over_the_shipped_file():
    from wise_skills import public_api
    from wise_skills.models import RoleRequirement

    public_api.ensure_catalogue_loaded()
    RoleRequirement.objects.filter(role__key="sorting-operator", competence__key="sector:waste.sorting").update(level=1)
    runtime = RecordingRuntime(block_classes={"wise_skills_check": SkillsCheckXBlock})
    block = runtime.load(START)
    status, state = runtime.call(block, "submit", {"ratings": {"sector:waste.sorting": 1}})
    assert status == 200 and state["result"]["gaps"] == []


def test_unit_href_only_for_open_edx_keys():
    assert evidence.unit_href("course-v1:A+B+C") == "/courses/course-v1:A+B+C/course/"
    assert evidence.unit_href("not a key") is None


def test_the_block_saves_answers_in_a_process_without_django():
    """A plain XBlock runtime, no DJANGO_SETTINGS_MODULE: the plugin is 'not installed', nothing breaks."""
    script = textwrap.dedent(f"""
        import json, os, sys
        os.environ.pop("DJANGO_SETTINGS_MODULE", None)
        sys.path.insert(0, {str(REPO)!r})
        from tests.xblock_runtime import RecordingRuntime
        from wise_xblocks.skills_check import SkillsCheckXBlock, evidence
        assert not evidence.plugin_installed()
        runtime = RecordingRuntime(block_classes={{"wise_skills_check": SkillsCheckXBlock}})
        block = runtime.load(SkillsCheckXBlock.workbench_scenarios()[2][1])
        status, state = runtime.call(block, "submit", {{"ratings": {{"sector:waste.sorting": 1}}}})
        assert "django.conf" not in sys.modules or not __import__("django.conf").conf.settings.configured
        print(json.dumps([status, [g["key"] for g in state["result"]["gaps"]],
                          runtime.events("wise.skills_check.submitted")[0]["evidence_recorded"]]))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd="/", timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == '[200, ["sector:waste.sorting"], false]'
