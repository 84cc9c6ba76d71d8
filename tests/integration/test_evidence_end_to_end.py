"""Course activity -> skills-gap evidence, end to end in the devsite, as in the LMS.

A real Django learner (sorting operator in a WISE) sorts every item of a waste-sorting scenario correctly through
the workbench handler URL and rates themself in the skills self-check. The sorting block publishes "grade"; the
devsite's lms_events turns it into openedx-events' per-block score event, the wise_skills receiver maps the usage id
through CompetenceMapping and records verified evidence (Celery task run on commit, eagerly). The manager then sees
the new levels and the smaller gap in the learner-profile API, and the learner in the gap report.
"""

import json
import re
from datetime import date

import pytest
from devsite.lms_events import usage_key_for
from django.utils.html import escape
from wise_skills.loading import load_frameworks
from wise_skills.models import (
    Competence,
    CompetenceMapping,
    Evidence,
    ManagerAssignment,
    Membership,
    Network,
    Role,
    Wise,
)
from wise_xblocks.waste_sorting import presets

WISE_BLOCK = re.compile(r"""data-usage=["']([^"']+)["'] data-block-type=["'](wise_[a-z_]+)["']""")
SORTING = "sector:waste.sorting"
CONTAMINATION = "sector:waste.contamination"
# The block's own scenario of the Italian preset (every item, no pool): its answers are the preset's data.
ITALY = "Waste sorting preset: " + next(c["label"] for c in presets.preset_choices() if c["id"] == "it")


def scenario_id_titled(scenarios, title):
    found = [sid for sid, sc in scenarios.items() if sc.description == title]
    assert len(found) == 1, f"no single workbench scenario titled {title!r}: {found}"
    return found[0]


def block_usage(client, scenario_id, block_type, student):
    page = client.get(f"/workbench/scenario/{scenario_id}/?student={student}")
    assert page.status_code == 200
    usages = [u for u, t in WISE_BLOCK.findall(page.content.decode()) if t == block_type]
    assert len(usages) == 1, usages
    return usages[0]


def call(client, usage, handler, student, payload):
    return client.post(
        f"/workbench/handler/{usage}/{handler}/?student={student}",
        data=json.dumps(payload),
        content_type="application/json",
    )


@pytest.fixture
def setting_up(wise_scenarios, django_user_model):
    load_frameworks()
    net = Network.objects.create(key="n-e2e", name="Network", country="IT")
    wise = Wise.objects.create(key="wise-e2e", name="WISE E2E", country="IT", region="Lombardia", network=net)
    learner = django_user_model.objects.create_user("e2e-learner", password="x")
    manager = django_user_model.objects.create_user("e2e-manager", password="x")
    ManagerAssignment.objects.create(user_id=manager.id, wise=wise)
    role = Role.objects.get(key="sorting-operator")
    Membership.objects.create(user_id=learner.id, wise=wise, role=role, start=date(2026, 1, 1))
    required = dict(role.requirements.values_list("competence__key", "level"))
    assert required.get(SORTING, 0) >= 2, "the sorting-operator role no longer needs waste sorting at level 2+"
    return {"learner": learner, "manager": manager, "scenarios": wise_scenarios, "required": required}


def profile_rows(client, user_id):
    response = client.get(f"/wise-skills/api/v1/learners/{user_id}/profile/")
    assert response.status_code == 200, response.content[:300]
    return {row["competence"]: row for row in response.json()["competences"]}


def test_passed_mapped_sorting_block_and_self_check_update_the_managers_view(
    client, setting_up, django_capture_on_commit_callbacks
):
    learner, manager, scenarios = setting_up["learner"], setting_up["manager"], setting_up["scenarios"]
    student = learner.username  # the workbench's ?student= names the Django user, as lms_events expects

    # The course team maps the scenario's sorting block to waste sorting, level 2 (the admin/command would).
    sort_scenario = scenario_id_titled(scenarios, ITALY)
    client.force_login(learner)
    sort_usage = block_usage(client, sort_scenario, "wise_waste_sorting", student)
    CompetenceMapping.objects.create(
        source_key=usage_key_for("wise_waste_sorting", sort_usage),
        competence=Competence.objects.get(key=SORTING),
        level=2,
        title="Sorting practice: Italy",
    )

    manager_client = type(client)()
    manager_client.force_login(manager)
    before = profile_rows(manager_client, learner.id)
    assert before[SORTING]["current"] == 0 and before[SORTING]["gap"] == setting_up["required"][SORTING]

    # A wrong answer (every item in one bin) is graded but not passed: no evidence.
    content = presets.preset_content("it")
    right = {item.id: item.bin for item in content.items}
    one_bin = content.bin_ids()[0]
    wrong = {item_id: one_bin for item_id in right}
    assert wrong != right
    with django_capture_on_commit_callbacks(execute=True):
        response = call(client, sort_usage, "submit", student, {"placements": wrong})
    assert response.status_code == 200, response.content[:300]
    assert response.json()["scoring"]
    assert not Evidence.objects.filter(user_id=learner.id, competence__key=SORTING).exists()

    # Every item in its right bin: a full score -> grade event -> openedx-event -> receiver -> task -> evidence.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = call(client, sort_usage, "submit", student, {"placements": right})
    assert response.status_code == 200, response.content[:300]
    assert callbacks, "the passing grade queued no evidence task on commit"
    ev = Evidence.objects.get(user_id=learner.id, competence__key=SORTING)
    assert (ev.level, ev.source_key, ev.verified) == (2, usage_key_for("wise_waste_sorting", sort_usage), True)

    # The self-check (sorting operator role): the learner rates contamination; skips the rest.
    check_scenario = scenario_id_titled(scenarios, "Skills self-check: sorting operator role")
    check_usage = block_usage(client, check_scenario, "wise_skills_check", student)
    state = call(client, check_usage, "state", student, {}).json()
    assert state
    with django_capture_on_commit_callbacks(execute=True):
        response = call(client, check_usage, "submit", student, {"ratings": {CONTAMINATION: 1}})
    assert response.status_code == 200, response.content[:300]
    assert Evidence.objects.filter(user_id=learner.id, competence__key=CONTAMINATION).exists()

    after = profile_rows(manager_client, learner.id)
    assert after[SORTING]["current"] == 2 and after[SORTING]["verified"] is True
    assert after[SORTING]["gap"] == before[SORTING]["gap"] - 2
    assert after[CONTAMINATION]["current"] >= 1 and after[CONTAMINATION]["verified"] is False
    assert after[CONTAMINATION]["gap"] < before[CONTAMINATION]["gap"]

    # The manager's dashboard page of the learner shows the same row: required, current 2 (from the course).
    page = manager_client.get(f"/wise-skills/dashboard/learners/{learner.id}/")
    assert page.status_code == 200
    name = escape(Competence.objects.get(key=SORTING).name)
    required = setting_up["required"][SORTING]
    assert re.search(rf'<th scope="row">{re.escape(name)}</th>\s*<td>{required}</td><td>2</td>', page.content.decode())

    # Re-passing changes nothing (idempotent evidence).
    with django_capture_on_commit_callbacks(execute=True):
        call(client, sort_usage, "submit", student, {"placements": right})
    assert Evidence.objects.filter(user_id=learner.id, competence__key=SORTING).count() == 1


def test_workbench_student_without_a_django_user_sends_no_evidence(
    client, setting_up, django_capture_on_commit_callbacks
):
    sort_scenario = scenario_id_titled(setting_up["scenarios"], ITALY)
    sort_usage = block_usage(client, sort_scenario, "wise_waste_sorting", "nobody-here")
    CompetenceMapping.objects.create(
        source_key=usage_key_for("wise_waste_sorting", sort_usage),
        competence=Competence.objects.get(key=SORTING),
        level=2,
    )
    right = {item.id: item.bin for item in presets.preset_content("it").items}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = call(client, sort_usage, "submit", "nobody-here", {"placements": right})
    assert response.status_code == 200
    assert not callbacks
    assert not Evidence.objects.exists()


def test_platform_block_score_receiver_records_passes_and_withdraws_only_deleted_scores(
    setting_up, django_capture_on_commit_callbacks
):
    """The LMS path (edx-platform's PROBLEM_WEIGHTED_SCORE_CHANGED) uses the same mapping and pass mark."""
    from wise_skills.receivers import on_problem_weighted_score_changed

    usage = "block-v1:InnoWISEs+WISE101+2026_en+type@wise_waste_sorting+block@m2_sort_it"
    CompetenceMapping.objects.create(source_key=usage, competence=Competence.objects.get(key=SORTING), level=2)
    uid = setting_up["learner"].id

    def score(earned, deleted=False):
        with django_capture_on_commit_callbacks(execute=True):
            on_problem_weighted_score_changed(
                user_id=uid, usage_id=usage, weighted_earned=earned, weighted_possible=1.0, score_deleted=deleted
            )
        return Evidence.objects.filter(user_id=uid, source_key=usage).count()

    assert score(0.5) == 0  # below WISE_SKILLS_BLOCK_PASSING_SCORE (0.6)
    assert score(0.6) == 1
    assert score(0.2) == 1  # a weaker retry keeps the evidence (the best score counts)
    assert score(0.0, deleted=True) == 0  # a staff reset withdraws it
