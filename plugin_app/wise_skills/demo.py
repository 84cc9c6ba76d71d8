"""Realistic, deterministic demo data for `make demo` (manage.py seed_wise_demo). Idempotent: run it twice, get
the same data once.

The world: five WISE networks in IT, SI, HR, PL and BE; twelve WISEs in waste & recycling, reuse & repair,
sustainable tourism and agriculture; the shipped role profiles; 600 learners with memberships over time and
evidence from three sources (a start-of-course self-assessment, passed units of the WISE innovation course mapped to
competences, a few manager ratings), plus an end-of-course self-assessment for some, so trends show progress.

Accounts (password ``demo``): ``staff`` (superuser), ``coordinator`` (network it-nord), ``manager-it``
(WISE coop-ricicla-milano), ``manager-si`` (WISE zelena-nova-gorica), ``learner1`` .. ``learner600``.
``learner1`` is a sorting operator in coop-ricicla-milano whose profile shows gaps.

The WISE and network names are invented; they only look like the real landscape (see domain brief §5).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from . import public_api
from .loading import load_frameworks
from .models import (
    Competence,
    CompetenceMapping,
    CoordinatorAssignment,
    ManagerAssignment,
    Membership,
    Network,
    Role,
    Sector,
    Wise,
)

COURSE = "course-v1:InnoWISEs+WISE101+2026_en"
BLOCK = "block-v1:InnoWISEs+WISE101+2026_en+type@{type}+block@{block}"
START_CHECK = BLOCK.format(type="wise_skills_check", block="m1_skills_start")
END_CHECK = BLOCK.format(type="wise_skills_check", block="m5_skills_end")
PASSWORD = "demo"  # noqa: S105  (public demo accounts, documented; never run on production)
LEARNERS = 600  # ~50 per WISE: enough that most dashboard cells pass small-group suppression

NETWORKS = [
    ("it-nord", "Rete WISE Nord Italia", "IT"),
    ("si-mreza", "Mreža zaposlitvenih socialnih podjetij", "SI"),
    ("hr-mreza", "Mreža za radnu integraciju Sjever", "HR"),
    ("pl-siec", "Sieć Spółdzielni Socjalnych Południe", "PL"),
    ("be-reseau", "Réseau insertion Wallonie", "BE"),
]
# key, name, country, region, network, sectors, roles with weights
WISES = [
    (
        "coop-ricicla-milano",
        "Cooperativa Ricicla",
        "IT",
        "Lombardia",
        "it-nord",
        ["waste"],
        {"sorting-operator": 10, "collection-team-leader": 3, "job-coach": 1},
    ),
    (
        "coop-seconda-vita",
        "Seconda Vita",
        "IT",
        "Lombardia",
        "it-nord",
        ["reuse"],
        {"reuse-shop-assistant": 6, "repair-technician": 4, "reuse-shop-manager": 1},
    ),
    (
        "coop-orto-brescia",
        "Orto Sociale Brescia",
        "IT",
        "Lombardia",
        "it-nord",
        ["agriculture"],
        {"farm-worker": 8, "farm-team-leader": 2},
    ),
    (
        "coop-valli-trento",
        "Valli Accoglienti",
        "IT",
        "Trentino",
        "it-nord",
        ["tourism", "agriculture"],
        {"hospitality-assistant": 6, "tour-coordinator": 3, "farm-worker": 3},
    ),
    (
        "zelena-nova-gorica",
        "Zelena točka",
        "SI",
        "Goriška",
        "si-mreza",
        ["waste"],
        {"sorting-operator": 9, "collection-team-leader": 2, "wise-manager": 1},
    ),
    (
        "ponovno-maribor",
        "Ponovno",
        "SI",
        "Podravska",
        "si-mreza",
        ["reuse"],
        {"reuse-shop-assistant": 7, "repair-technician": 4},
    ),
    (
        "kmetija-pomurje",
        "Socialna kmetija Pomurje",
        "SI",
        "Pomurska",
        "si-mreza",
        ["agriculture", "tourism"],
        {"farm-worker": 7, "hospitality-assistant": 3},
    ),
    (
        "reciklaza-cakovec",
        "Reciklaža Međimurje",
        "HR",
        "Međimurska",
        "hr-mreza",
        ["waste"],
        {"sorting-operator": 11, "collection-team-leader": 2},
    ),
    (
        "otok-krk",
        "Zadruga Otok",
        "HR",
        "Primorsko-goranska",
        "hr-mreza",
        ["tourism"],
        {"tour-coordinator": 5, "hospitality-assistant": 6},
    ),
    (
        "spoldzielnia-katowice",
        "Spółdzielnia Socjalna Segreguj",
        "PL",
        "Śląskie",
        "pl-siec",
        ["waste"],
        {"sorting-operator": 10, "collection-team-leader": 2},
    ),
    (
        "spoldzielnia-krakow",
        "Drugie Życie",
        "PL",
        "Małopolskie",
        "pl-siec",
        ["reuse"],
        {"reuse-shop-assistant": 8, "repair-technician": 3},
    ),
    (
        "insertion-liege",
        "Atelier Réemploi Liège",
        "BE",
        "Wallonie",
        "be-reseau",
        ["reuse", "waste"],
        {"reuse-shop-assistant": 5, "sorting-operator": 5, "reuse-shop-manager": 1},
    ),
]
FALLBACK_MAPPINGS = [  # used when the course's competences.yaml is not beside the package (installed wheel)
    ("problem", "m2_bins_check", "Bins and colours", {"sector:waste.sorting": 1}),
    (
        "wise_waste_sorting",
        "m2_sort_it",
        "Sorting practice: Italy",
        {"sector:waste.sorting": 2, "sector:waste.contamination": 2},
    ),
    (
        "wise_costing",
        "m3_costing_tourism",
        "Exercise: price the farm-stay trip",
        {"sector:tourism.costing": 2, "entrecomp:2.4": 2},
    ),
]


def _mapping_entries():
    path = Path(__file__).resolve().parents[2] / "course_content" / "wise-innovation" / "competences.yaml"
    if path.is_file():
        # The same parser as the load_wise_course_mapping command, so the demo reads the file as course teams do.
        from .course_mapping import parse_mapping_file

        return [(e.type, e.block, e.title, e.competences) for e in parse_mapping_file(path)]
    return FALLBACK_MAPPINGS


def _utc(y, m, d):
    return datetime(y, m, d, 10, 0, tzinfo=UTC)


class DemoSeeder:
    def __init__(self, learners: int = LEARNERS, progress=None):
        self.learners = learners
        self.say = progress or (lambda message: None)
        self.rng = random.Random(2026)  # noqa: S311  (the same demo world every time, not security)

    def run(self) -> dict:
        load_frameworks()
        with transaction.atomic():
            wises = self._wises()
            users = self._users()
            mappings = self._mappings()
            plan = self._memberships(wises, users)
            # One transaction for the evidence too: one commit instead of one per learner (sqlite fsyncs each).
            self._evidence(plan, mappings, users)
        return {"wises": len(wises), "learners": len(plan), "mappings": len(mappings)}

    def _wises(self):
        sectors = {s.key: s for s in Sector.objects.all()}
        networks = {}
        for key, name, country in NETWORKS:
            networks[key], _ = Network.objects.update_or_create(key=key, defaults={"name": name, "country": country})
        wises = {}
        for key, name, country, region, net, sector_keys, _roles in WISES:
            wise, _ = Wise.objects.update_or_create(
                key=key, defaults=dict(name=name, country=country, region=region, network=networks[net])
            )
            wise.sectors.set([sectors[s] for s in sector_keys])
            wises[key] = wise
        self.say(f"{len(networks)} networks, {len(wises)} WISEs")
        return wises

    def _users(self):
        User = get_user_model()
        hashed = make_password(PASSWORD)  # hashed once: hundreds of users would otherwise take minutes to hash
        names = ["staff", "coordinator", "manager-it", "manager-si"] + [
            f"learner{i}" for i in range(1, self.learners + 1)
        ]
        existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
        User.objects.bulk_create(
            [
                User(username=n, password=hashed, is_staff=(n == "staff"), is_superuser=(n == "staff"))
                for n in names
                if n not in existing
            ]
        )
        users = {u.username: u for u in User.objects.filter(username__in=names)}
        staff = users["staff"]
        if not (staff.is_staff and staff.is_superuser):
            staff.is_staff = staff.is_superuser = True
            staff.save(update_fields=["is_staff", "is_superuser"])
        CoordinatorAssignment.objects.get_or_create(
            user_id=users["coordinator"].id, network=Network.objects.get(key="it-nord")
        )
        ManagerAssignment.objects.get_or_create(
            user_id=users["manager-it"].id, wise=Wise.objects.get(key="coop-ricicla-milano")
        )
        ManagerAssignment.objects.get_or_create(
            user_id=users["manager-si"].id, wise=Wise.objects.get(key="zelena-nova-gorica")
        )
        self.say(f"{len(users)} demo accounts (password '{PASSWORD}')")
        return users

    def _mappings(self):
        comps = dict(Competence.objects.values_list("key", "id"))
        rows = []
        for block_type, block, title, competences in _mapping_entries():
            source = BLOCK.format(type=block_type, block=block)
            for key, level in competences.items():
                if key not in comps:
                    continue
                obj, _ = CompetenceMapping.objects.update_or_create(
                    source_key=source, competence_id=comps[key], defaults={"level": level, "title": title}
                )
                rows.append(obj)
        self.say(f"{len(rows)} competence mappings for the WISE innovation course's units")
        return rows

    def _memberships(self, wises, users):
        roles = {r.key: r for r in Role.objects.all()}
        slots = []
        for key, *_rest, role_weights in WISES:
            for role_key, count in role_weights.items():
                slots += [(key, role_key)] * count
        # learner1 is a sorting operator at coop-ricicla-milano (the first slot), the rest follow in order.
        plan = []
        for i in range(1, self.learners + 1):
            wise_key, role_key = slots[(i - 1) % len(slots)]
            start = date(2025, self.rng.choice([9, 10, 11]), self.rng.randint(1, 28))
            plan.append((users[f"learner{i}"].id, wises[wise_key], roles[role_key], start))
        for uid, wise, role, start in plan:
            Membership.objects.update_or_create(
                user_id=uid,
                wise=wise,
                role=role,
                start=start,
                defaults={"confirmed": True, "source": "demo", "end": None},
            )
        # Some people move on: a few earlier memberships that ended (history for trends).
        for uid, wise, role, _start in plan[10::17]:
            Membership.objects.update_or_create(
                user_id=uid,
                wise=wise,
                role=role,
                start=date(2024, 3, 1),
                defaults={"end": date(2024, 12, 31), "confirmed": True, "source": "demo"},
            )
        self.say(f"{len(plan)} learners with memberships")
        return plan

    def _evidence(self, plan, mappings, users):
        reqs = {}
        for role in Role.objects.prefetch_related("requirements__competence"):
            reqs[role.id] = {r.competence.key: r.level for r in role.requirements.all()}
        by_comp = {}
        for m in mappings:
            by_comp.setdefault(m.competence_id, []).append(m.source_key)
        comp_ids = dict(Competence.objects.values_list("key", "id"))
        manager_it = users["manager-it"].id
        for n, (uid, wise, role, _start) in enumerate(plan, start=1):
            rng = random.Random(n)  # noqa: S311  per learner number: the same data whatever ids the database hands out
            required = reqs[role.id]
            # Start of course: people with low digital skills often rate themselves a little high.
            start_rating = {
                k: max(0, min(level, level - rng.randint(0, 3) + rng.randint(0, 1))) for k, level in required.items()
            }
            if uid == users["learner1"].id:
                start_rating = {k: max(0, level - 2) for k, level in required.items()}  # clear gaps to look at
            public_api.record_self_assessment(uid, START_CHECK, start_rating, _utc(2025, 11, 15))
            # Units of the course passed in February/March 2026 (mapped to competences).
            if uid != users["learner1"].id:
                for key in required:
                    for source in by_comp.get(comp_ids[key], [])[:2]:
                        if rng.random() < 0.55:
                            public_api.record_course_result(
                                uid, source, True, _utc(2026, rng.choice([2, 3]), rng.randint(1, 28))
                            )
            if rng.random() < 0.4:  # end of course self-assessment
                end_rating = {
                    k: min(level, v + rng.randint(0, 2))
                    for (k, level), v in zip(required.items(), start_rating.values(), strict=True)
                }
                public_api.record_self_assessment(uid, END_CHECK, end_rating, _utc(2026, 3, 20))
            if wise.key == "coop-ricicla-milano" and n % 3 == 0:  # the demo manager rated a third of them
                key = "sector:waste.sorting" if "sector:waste.sorting" in required else next(iter(required))
                public_api.record_manager_rating(manager_it, uid, key, min(required[key], 3), _utc(2026, 3, 25))
            if n % 25 == 0 or n == len(plan):
                self.say(f"evidence: {n}/{len(plan)} learners")
