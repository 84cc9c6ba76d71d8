# ruff: noqa: F811  (fixtures imported from the dashboard and credentials tests)
"""Role x endpoint x method across EVERYTHING the plugin serves: the API, the dashboard pages, exports and the
credential pages (the API owners' own matrix, tests/integration/skills/test_api.py, covers GET on the API).

Endpoints are discovered from the URL resolver (namespaces wise_skills and wise_credentials): an endpoint
without an expectation below fails the test, so a new URL cannot be skipped silently. Each request runs in a
savepoint that is rolled back, so a successful POST (a revocation, an export) cannot change what the next
caller sees.

Also: no response a caller may read holds a row of a WISE outside their scope (names and keys of the other
WISEs are searched in every non-public body), and small-group suppression cannot be bypassed by combining
filters (differencing: a cell shown under filters must be shown without them, and the learners the filters
removed are 0 or at least K).
"""

import csv
import io
import itertools
import json
import random
import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wise_skills import public_api
from wise_skills.models import Membership, Role, Wise
from wise_skills.models_exports import ExportJob

from tests.integration.credentials.conftest import signing_key  # noqa: F401  (fixture)
from tests.integration.dashboard.conftest import catalogue, populated, world  # noqa: F401  (fixtures)

CALLERS = ["anonymous", "learner", "manager_a", "manager_b", "coordinator", "staff"]
NAMESPACES = ("wise_skills", "wise_credentials")
METHODS = ("GET", "POST", "PUT", "DELETE")


def discovered_endpoints():
    """{'namespace:name': route} for every named URL of our two apps, found in the live resolver."""
    found = {}

    def walk(patterns, namespace, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = entry.namespace or namespace
                walk(entry.url_patterns, ns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and entry.name and namespace in NAMESPACES:
                found[f"{namespace}:{entry.name}"] = prefix + str(entry.pattern)

    walk(get_resolver().url_patterns, None, "")
    return found


@pytest.fixture
def matrix_world(populated, signing_key, django_user_model, settings, tmp_path):
    """The dashboard world (A: 15 learners, B: 7, C: 10), credentials for a learner of A and one of C, and an
    export job of manager A."""
    from wise_skills.credentials.issuing import issue

    settings.MEDIA_ROOT = str(tmp_path)
    users = populated["users"]
    learner = users["learner"]
    learner_c = django_user_model.objects.create_user("learner-c", password="x")
    Membership.objects.create(
        user_id=learner_c.id,
        wise=populated["wises"]["c"],
        role=Role.objects.get(key="tour-coordinator"),
        start="2026-01-01",
    )
    course = "course-v1:WISE+M0+2026"  # mapped to a competence by the dashboard world
    comp = None
    for who in (learner, learner_c):
        public_api.record_course_result(who.id, course, passed=True)
    from wise_skills.models import CompetenceMapping

    comp = CompetenceMapping.objects.get(source_key=course).competence
    populated["credential_a"] = issue(learner, comp.key)
    populated["credential_c"] = issue(learner_c, comp.key)
    populated["competence"] = comp
    populated["learner_c"] = learner_c
    populated["job_a"] = ExportJob.objects.create(
        user_id=users["manager_a"].id, kind="heatmap", file_format="csv", status="failed", slot=None
    )
    return populated


def variants(name, w):
    """[(label, kwargs)] to request for a URL name; several when in-scope and out-of-scope objects differ."""
    uid, cid = w["users"]["learner"].id, w["learner_c"].id
    table = {
        "wise_skills:api-framework": [("", {"key": "digcomp"})],
        "wise_skills:api-competence": [("", {"key": "digcomp:1.1"})],
        "wise_skills:api-role": [("", {"key": "sorting-operator"})],
        "wise_skills:api-wise": [("A", {"key": "wise-a"}), ("C", {"key": "wise-c"})],
        "wise_skills:api-wise-recommendations": [("A", {"key": "wise-a"}), ("C", {"key": "wise-c"})],
        "wise_skills:api-learner-profile": [("A", {"user_id": uid}), ("C", {"user_id": cid})],
        "wise_skills:learner": [("A", {"user_id": uid}), ("C", {"user_id": cid})],
        "wise_skills:export-direct": [("heatmap", {"kind": "heatmap"}), ("learners", {"kind": "learners"})],
        "wise_skills:export-status": [("", {"pk": w["job_a"].pk})],
        "wise_skills:export-download": [("", {"pk": w["job_a"].pk})],
        "wise_credentials:download-jwt": [("A", {"uuid": w["credential_a"].uuid})],
        "wise_credentials:download-json": [("A", {"uuid": w["credential_a"].uuid})],
        "wise_credentials:wise-profile": [("", {"key": "wise-a"})],
        "wise_credentials:achievement": [("", {"competence": w["competence"].key, "level": 1})],
        "wise_credentials:revoke": [("A", {"uuid": w["credential_a"].uuid}), ("C", {"uuid": w["credential_c"].uuid})],
    }
    return table.get(name, [("", {})])


def client_for(w, who):
    client = Client()
    if who != "anonymous":
        client.force_login(w["users"][who])
    return client


def call(client, method, url):
    """One request inside a savepoint that is rolled back afterwards."""
    with transaction.atomic():
        response = getattr(client, method.lower())(url)
        transaction.set_rollback(True)
    return response


def body_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


# "namespace:name|variant": statuses for (GET, POST, PUT, DELETE), each "anonymous learner manager_a manager_b
# coordinator staff", or one code for all six. 302 for anonymous pages = to the login page; 404 = out of scope
# (the object is not even confirmed); 405 = method not allowed. Reviewed by hand, not generated blindly:
# e.g. revoke|A is 302 (done) for manager A and staff only; learner|C is 404 for everybody but staff.
EXPECTED = {
    "wise_credentials:achievement|": ("200", "405", "405", "405"),
    "wise_credentials:api-verify|": ("405", "200", "405", "405"),
    "wise_credentials:claim|": (
        "302 405 405 405 405 405",
        "302 400 400 400 400 400",
        "302 405 405 405 405 405",
        "302 405 405 405 405 405",
    ),
    "wise_credentials:claim-list|": (
        "302 200 200 200 200 200",
        "302 405 405 405 405 405",
        "302 405 405 405 405 405",
        "302 405 405 405 405 405",
    ),
    "wise_credentials:download-json|A": (
        "302 200 404 404 404 404",
        "302 405 405 405 405 405",
        "302 405 405 405 405 405",
        "302 405 405 405 405 405",
    ),
    "wise_credentials:download-jwt|A": (
        "302 200 404 404 404 404",
        "302 405 405 405 405 405",
        "302 405 405 405 405 405",
        "302 405 405 405 405 405",
    ),
    "wise_credentials:issuer|": ("200", "405", "405", "405"),
    "wise_credentials:jwks|": ("200", "405", "405", "405"),
    "wise_credentials:manage|": (
        "302 403 200 200 403 200",
        "302 405 405 405 405 405",
        "302 405 405 405 405 405",
        "302 405 405 405 405 405",
    ),
    "wise_credentials:revocation-list|": ("200", "405", "405", "405"),
    "wise_credentials:revoke|A": (
        "302 405 405 405 405 405",
        "302 403 302 403 403 302",
        "302 405 405 405 405 405",
        "302 405 405 405 405 405",
    ),
    "wise_credentials:revoke|C": (
        "302 405 405 405 405 405",
        "302 403 403 403 403 302",
        "302 405 405 405 405 405",
        "302 405 405 405 405 405",
    ),
    "wise_credentials:verify|": ("200", "200", "405", "405"),
    "wise_credentials:wise-profile|": ("200", "405", "405", "405"),
    "wise_skills:api-competence|": (
        "401 200 200 200 200 200",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
    ),
    "wise_skills:api-competences|": (
        "401 200 200 200 200 200",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
    ),
    "wise_skills:api-framework|": (
        "401 200 200 200 200 200",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
    ),
    "wise_skills:api-frameworks|": (
        "401 200 200 200 200 200",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
    ),
    "wise_skills:api-gap-report|": (
        "401 403 200 200 200 200",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
    ),
    "wise_skills:api-learner-profile|A": (
        "401 200 200 404 200 200",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
    ),
    "wise_skills:api-learner-profile|C": (
        "401 404 404 404 404 200",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
    ),
    "wise_skills:api-manager-ratings|": (
        "401 403 405 405 405 405",
        "401 403 400 400 400 400",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
    ),
    "wise_skills:api-my-profile|": (
        "401 200 200 200 200 200",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
    ),
    "wise_skills:api-my-recommendations|": (
        "401 200 200 200 200 200",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
    ),
    "wise_skills:api-role|": (
        "401 200 200 200 200 200",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
    ),
    "wise_skills:api-roles|": (
        "401 200 200 200 200 200",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
        "401 405 405 405 405 405",
    ),
    "wise_skills:api-root|": ("200", "405", "405", "405"),
    "wise_skills:api-schema|": ("200", "405", "405", "405"),
    "wise_skills:api-top-gaps|": (
        "401 403 200 200 200 200",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
    ),
    "wise_skills:api-trend|": (
        "401 403 400 400 400 400",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
    ),
    "wise_skills:api-wise|A": (
        "401 403 200 404 200 200",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
    ),
    "wise_skills:api-wise|C": (
        "401 403 404 404 404 200",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
    ),
    "wise_skills:api-wise-recommendations|A": (
        "401 403 200 404 200 200",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
    ),
    "wise_skills:api-wise-recommendations|C": (
        "401 403 404 404 404 200",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
    ),
    "wise_skills:api-wises|": (
        "401 403 200 200 200 200",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
        "401 403 405 405 405 405",
    ),
    "wise_skills:dashboard|": ("302 302 302 302 200 200", "405", "405", "405"),
    "wise_skills:dashboard-print|": ("302 302 404 404 404 404", "405", "405", "405"),
    "wise_skills:export-direct|heatmap": ("302 404 200 200 200 200", "405", "405", "405"),
    "wise_skills:export-direct|learners": ("302 404 200 200 200 200", "405", "405", "405"),
    "wise_skills:export-download|": ("302 404 404 404 404 404", "405", "405", "405"),
    "wise_skills:export-request|": ("405", "302 403 400 400 400 400", "405", "405"),
    "wise_skills:export-status|": ("401 404 200 404 404 200", "405", "405", "405"),
    # The dashboard JavaScript's translations: public text, like the LMS's own JavaScript catalog.
    "wise_skills:jsi18n|": ("200", "405", "405", "405"),
    "wise_skills:learner|A": ("302 302 200 404 200 200", "405", "405", "405"),
    "wise_skills:learner|C": ("302 404 404 404 404 200", "405", "405", "405"),
    "wise_skills:profile|": ("302 200 200 200 200 200", "405", "405", "405"),
}


def test_every_endpoint_has_an_expectation_and_gets_it(matrix_world):
    endpoints = discovered_endpoints()
    assert len(endpoints) > 30, f"URL discovery found too little: {sorted(endpoints)}"
    clients = {who: client_for(matrix_world, who) for who in CALLERS}
    got, bodies = {}, []
    for name in sorted(endpoints):
        for label, kwargs in variants(name, matrix_world):
            url = reverse(name, kwargs=kwargs or None)
            row = {}
            for method in METHODS:
                statuses = []
                for who in CALLERS:
                    response = call(clients[who], method, url)
                    statuses.append(response.status_code)
                    if method == "GET" and response.status_code == 200:
                        bodies.append((who, url, body_of(response)))
                row[method] = statuses
            got[f"{name}|{label}"] = row
    expected = {key: dict(zip(METHODS, (expand(r) for r in rows), strict=True)) for key, rows in EXPECTED.items()}
    missing = sorted(set(got) - set(expected))
    assert not missing, f"endpoints without an expectation (add them to EXPECTED): {missing}"
    stale = sorted(set(expected) - set(got))
    assert not stale, f"expectations for endpoints that no longer exist: {stale}"
    public = {url for who, url, _ in bodies if who == "anonymous"}
    leaks = [(who, url, hit) for who, url, body in bodies if url not in public for hit in foreign(who, body)]
    assert not leaks, f"rows of WISEs outside the caller's scope: {leaks[:10]}"
    wrong = {
        key: {m: (expected[key][m], got[key][m]) for m in METHODS if expected[key][m] != got[key][m]} for key in got
    }
    assert not {k: v for k, v in wrong.items() if v}, (
        f"(expected, got): {json.dumps({k: v for k, v in wrong.items() if v})}"
    )


# What each caller must never read (outside their scope). The learner works in WISE A; the coordinator
# coordinates network n1 (WISEs A and B). Word boundaries: "WISE A" must not match "WISE Academy".
OUT_OF_SCOPE = {
    "learner": ("b", "c"),
    "manager_a": ("b", "c"),
    "manager_b": ("a", "c"),
    "coordinator": ("c",),
    "staff": (),
    "anonymous": (),
}


def foreign(who, body):
    hits = []
    for letter in OUT_OF_SCOPE[who]:
        for pattern in (rf"\bWISE {letter.upper()}\b", rf"\bwise-{letter}\b"):
            if re.search(pattern, body):
                hits.append(pattern)
    if who in ("manager_a", "manager_b", "coordinator", "learner") and re.search(r"\bNetwork Two\b", body):
        hits.append("Network Two")
    return hits


def foreign_learners(w, who):
    """Learner ids (as they appear in learner-level CSV rows) of the WISEs outside the caller's scope."""
    keys = {f"wise-{letter}" for letter in OUT_OF_SCOPE[who]}
    return sorted(set(Membership.objects.filter(wise__key__in=keys).values_list("user_id", flat=True)))


OUT_OF_SCOPE_FILTERS = [
    "/wise-skills/api/v1/reports/gaps/?wise={w}&group_by=wise",
    "/wise-skills/api/v1/reports/gaps/?network=n2&group_by=role",
    "/wise-skills/api/v1/reports/top-gaps/?wise={w}",
    "/wise-skills/api/v1/reports/trend/?from=2026-01-01&to=2026-07-01&wise={w}",
    "/wise-skills/api/v1/wises/?search={w}",
    "/wise-skills/dashboard/?wise={w}",
    "/wise-skills/dashboard/?network=n2",
    "/wise-skills/dashboard/print/?wise={w}",
    "/wise-skills/dashboard/export/heatmap.csv?wise={w}",
    "/wise-skills/dashboard/export/learners.csv?wise={w}",
    "/wise-skills/dashboard/export/learners.csv?network=n2",
    "/wise-credentials/manage/?wise={w}",
]


@pytest.mark.parametrize("who", ["manager_a", "manager_b", "coordinator", "learner"])
def test_filters_naming_another_wise_never_widen_the_scope(matrix_world, who):
    client = client_for(matrix_world, who)
    other = {"manager_a": "wise-b", "manager_b": "wise-a", "coordinator": "wise-c", "learner": "wise-b"}[who]
    for template in OUT_OF_SCOPE_FILTERS:
        url = template.format(w=other)
        response = call(client, "GET", url)
        assert response.status_code < 500, (who, url, response.status_code)
        if response.status_code == 200:
            # The caller typed the other WISE's key: it may be echoed back (filters, links with the query).
            # What must not come back is anything the caller did not type: its name, its rows.
            body = body_of(response)
            if response.get("Content-Type", "").startswith("application/json"):
                data = json.loads(body)
                data.pop("filters", None)
                hits = foreign(who, json.dumps(data))
            else:
                hits = [hit for hit in foreign(who, body) if "wise-" not in hit]
            if url.endswith(".csv") or ".csv?" in url:
                ids = [uid for uid in foreign_learners(matrix_world, who) if uid >= 1000]  # the world's plain ids
                hits += [uid for uid in ids if re.search(rf"(^|,){uid}(,|$)", body, re.M)]
            assert not hits, f"{who} reads {hits} at {url}"


def expand(row):
    codes = [int(code) for code in row.split()]
    return codes * len(CALLERS) if len(codes) == 1 else codes


# --- small-group suppression cannot be bypassed by combining filters ------------------------------------------
FILTER_VALUES = {
    "wise": ["wise-a", "wise-b", "wise-c", "wise-a,wise-b"],
    "role": ["sorting-operator", "collection-team-leader", "tour-coordinator", "hospitality-assistant"],
    "sector": ["waste", "tourism"],
    "network": ["n1", "n2"],
    "country": ["IT", "SI"],
    "framework": ["digcomp", "sector"],
}
GROUPINGS = ["wise", "role", "network", "competence", "area"]


def report(client, group_by, filters):
    query = "&".join(f"{k}={v}" for k, v in sorted(filters.items()))
    response = client.get(f"/wise-skills/api/v1/reports/gaps/?group_by={group_by}&page_size=500&{query}")
    assert response.status_code == 200, (group_by, filters, response.status_code, response.content[:200])
    return {cell["key"]: cell for cell in response.json()["results"]}


@pytest.mark.parametrize("who", ["staff", "coordinator", "manager_a"])
def test_small_group_suppression_survives_combined_filters(matrix_world, who, settings):
    """Differencing: for any filter combination, a cell shown with filters is also shown without them, and the
    learners the filters took out of it are 0 or at least K; no shown cell has fewer than K learners; in a
    one-dimension table a single withheld cell never stands alone (its value would be total minus the rest)."""
    k = settings.WISE_SKILLS_MIN_GROUP_SIZE if hasattr(settings, "WISE_SKILLS_MIN_GROUP_SIZE") else 5
    client = client_for(matrix_world, who)
    rng = random.Random(11)
    combos = []
    dims = list(FILTER_VALUES)
    for a, b in itertools.combinations(dims, 2):
        combos.append({a: rng.choice(FILTER_VALUES[a]), b: rng.choice(FILTER_VALUES[b])})
    combos += [{d: v} for d in dims for v in FILTER_VALUES[d]]
    checked_withheld = 0
    for group_by in GROUPINGS:
        unfiltered = report(client, group_by, {})
        for filters in combos:
            filtered = report(client, group_by, filters)
            for key, cell in filtered.items():
                if cell["withheld"]:
                    checked_withheld += 1
                    assert cell["learners"] is None and cell["mean_gap"] is None and cell["share_below"] is None
                    continue
                assert cell["learners"] >= k, (who, group_by, filters, cell)
                base = unfiltered.get(key)
                assert base is not None, f"{who}: {group_by}={key} appears only under {filters}"
                if base["withheld"]:
                    # Withheld unfiltered as a small group means fewer than K: it cannot be >= K under filters.
                    assert base["withheld_reason"] != "small_group", (who, group_by, key, filters)
                    continue
                removed = base["learners"] - cell["learners"]
                assert removed == 0 or removed >= k, (
                    f"{who}: {group_by}={key} under {filters} differs from the unfiltered cell by {removed} learners"
                )
            withheld = [c for c in filtered.values() if c["withheld"]]
            assert len(withheld) != 1 or len(filtered) == 1, (who, group_by, filters, "a lone withheld cell")
    if who == "staff":  # the only caller whose scope holds WISE C's two hospitality assistants
        assert checked_withheld, "no filter combination produced a withheld cell: the test would prove nothing"


def test_two_learners_of_one_role_are_never_shown(matrix_world):
    """WISE C has two hospitality assistants: no report, page or CSV export shows their numbers."""
    staff = client_for(matrix_world, "staff")
    cells = report(staff, "role", {"wise": "wise-c"})
    assert cells["hospitality-assistant"]["withheld"]
    cells = report(staff, "wise", {"role": "hospitality-assistant"})
    assert all(c["withheld"] for c in cells.values())
    top = staff.get("/wise-skills/api/v1/reports/top-gaps/?wise=wise-c&role=hospitality-assistant").json()
    assert top["results"] == []
    text = body_of(staff.get("/wise-skills/dashboard/export/heatmap.csv?wise=wise-c&role=hospitality-assistant"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows, "the export has no rows to check"
    for row in rows:
        assert row["withheld"] == "True", row
        assert all(row[col] == "" for col in ("learners", "pairs", "mean_gap", "share_below")), row


# Groupings where every value of the second lies inside exactly one value of the first.
NESTED = [("sector", "role"), ("network", "wise"), ("country", "wise")]


def parent_of(coarse, fine, key):
    if (coarse, fine) == ("sector", "role"):
        return Role.objects.get(key=key).sector.key
    wise = Wise.objects.get(key=key)
    return wise.network.key if coarse == "network" else wise.country


@pytest.mark.parametrize("who", ["staff", "coordinator", "manager_a"])
def test_suppression_survives_differencing_across_groupings(matrix_world, who, settings):
    """Two UNFILTERED reports with different groupings: a shown parent cell (sector tourism) minus its shown
    children (role tour-coordinator) must not isolate fewer than K learners (the withheld hospitality
    assistants): otherwise their learner count, pair count and gap sum are plain subtraction."""
    k = 5
    client = client_for(matrix_world, who)
    leaks = []
    for coarse, fine in NESTED:
        parents, children = report(client, coarse, {}), report(client, fine, {})
        for pkey, parent in parents.items():
            if parent["withheld"]:
                continue
            inside = [c for ckey, c in children.items() if parent_of(coarse, fine, ckey) == pkey]
            hidden = [c for c in inside if c["withheld"]]
            if not hidden:
                continue
            rest = parent["learners"] - sum(c["learners"] for c in inside if not c["withheld"])
            pairs = parent["pairs"] - sum(c["pairs"] for c in inside if not c["withheld"])
            if 0 < rest < k:
                gap = parent["mean_gap"] * parent["pairs"] - sum(
                    c["mean_gap"] * c["pairs"] for c in inside if not c["withheld"]
                )
                leaks.append(
                    f"{coarse}={pkey} ({parent['learners']} learners) minus the shown {fine} cells leaves {rest} "
                    f"learner(s), {pairs} pairs, mean gap {gap / pairs:.3f}: the withheld "
                    f"{[c['key'] for c in hidden]} recovered"
                )
    assert not leaks, "small-group suppression bypassed by differencing:\n" + "\n".join(leaks)
