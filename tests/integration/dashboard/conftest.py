# ruff: noqa: F811  (fixtures imported from the skills tests)
"""A small world for the dashboard: WISEs A and B (network n1), C (n2), learners with evidence, mapped units.

Reuses the skills core's fixtures (catalogue, world) so both test suites describe the same world."""

import json
import random
import re
from datetime import UTC, datetime

import pytest
from wise_skills.models import Competence, CompetenceMapping, Evidence, RoleRequirement
from wise_skills.public_api import refresh_levels

from tests.integration.skills.conftest import add_learners, catalogue, world  # noqa: F401  (fixtures)

EARLY = datetime(2026, 2, 1, tzinfo=UTC)
LATER = datetime(2026, 6, 1, tzinfo=UTC)


def seed_levels(user_ids, seed=1):
    """Self-assessed levels in every competence some role requires; half the learners improve later."""
    rng = random.Random(seed)
    comp_ids = sorted(set(RoleRequirement.objects.values_list("competence_id", flat=True)))
    rows = []
    for uid in user_ids:
        for comp_id in comp_ids:
            if rng.random() < 0.7:
                level = rng.randint(0, 4)
                rows.append(
                    Evidence(
                        user_id=uid,
                        competence_id=comp_id,
                        provenance="self_assessment",
                        source_key="block-early",
                        level=level,
                        observed_at=EARLY,
                        verified=False,
                    )
                )
                if uid % 2 == 0:
                    rows.append(
                        Evidence(
                            user_id=uid,
                            competence_id=comp_id,
                            provenance="self_assessment",
                            source_key="block-later",
                            level=min(level + 2, 6),
                            observed_at=LATER,
                            verified=False,
                        )
                    )
    Evidence.objects.bulk_create(rows)
    for uid in user_ids:
        refresh_levels(uid, comp_ids)


@pytest.fixture
def populated(world):  # noqa: F811
    """A: 9 sorting operators + 6 team leaders; B: 7 sorting operators; C: 8 tour coordinators + 2 assistants."""
    w = world["wises"]
    ids = add_learners(w["a"], "sorting-operator", 1000, 9) + add_learners(w["a"], "collection-team-leader", 1100, 6)
    ids += add_learners(w["b"], "sorting-operator", 1200, 7) + add_learners(w["c"], "tour-coordinator", 1300, 8)
    ids += add_learners(w["c"], "hospitality-assistant", 1400, 2)
    seed_levels(ids + [world["users"]["learner"].id])
    comps = list(Competence.objects.filter(requirements__role__key="sorting-operator").distinct()[:3])
    for i, comp in enumerate(comps):
        CompetenceMapping.objects.create(
            source_key=f"course-v1:WISE+M{i}+2026", competence=comp, level=5, title=f"Module {i}"
        )
    world["learner_ids"] = ids
    return world


def client_for(client, user):
    client.force_login(user)
    return client


def js_catalog(client, accept_language):
    """{msgid: translation or forms} of the dashboard's JavaScript catalog (/wise-skills/jsi18n/) in that language."""
    text = client.get("/wise-skills/jsi18n/", HTTP_ACCEPT_LANGUAGE=accept_language).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", text, re.S).group(1))


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Exports land in a throwaway MEDIA_ROOT (the devsite's default, '', would mean the current directory)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT
