"""Import WISEs, roles, memberships, mappings and scope assignments from CSV.

All or nothing: every row is validated first; any error (each reported with its row number, counting the header
as row 1) means nothing is written. Then all rows are written in ONE transaction. Re-importing the same file is
idempotent (rows are matched by their keys).

Columns per kind (header row required; extra columns are refused so a typo in a header is caught):

    wises        key, name, country, region, sectors (semicolon-separated keys), network, network_name, org_key
    roles        role, name, sector, competence, level        (one row per requirement; name/sector repeated)
    memberships  user_id, wise, role, start (YYYY-MM-DD), end (optional)
    mappings     source_key, competence, level, title         (course or block usage key -> competence)
    managers     user_id, wise
    coordinators user_id, network

Only Open edX user ids are accepted for people: no names or e-mails are imported (see docs/managers/privacy.md).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import (
    Competence,
    CompetenceMapping,
    CoordinatorAssignment,
    ManagerAssignment,
    Membership,
    Network,
    Role,
    RoleRequirement,
    Sector,
    Wise,
    parse_source_key,
)

COLUMNS = {
    "wises": (["key", "name", "country"], ["region", "sectors", "network", "network_name", "org_key"]),
    "roles": (["role", "competence", "level"], ["name", "sector"]),
    "memberships": (["user_id", "wise", "role", "start"], ["end"]),
    "mappings": (["source_key", "competence", "level"], ["title"]),
    "managers": (["user_id", "wise"], []),
    "coordinators": (["user_id", "network"], []),
}
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


class ImportFailed(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(f"{len(errors)} error(s); nothing was imported:\n" + "\n".join(errors))


@dataclass
class Result:
    kind: str
    rows: int
    created: int = 0
    updated: int = 0


def read_rows(text: str, kind: str) -> list[tuple[int, dict]]:
    if kind not in COLUMNS:
        raise ImportFailed([f"unknown kind {kind!r}; use one of {', '.join(COLUMNS)}"])
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in (reader.fieldnames or [])]
    required, optional = COLUMNS[kind]
    problems = []
    missing = [c for c in required if c not in header]
    extra = [c for c in header if c not in required + optional]
    if missing:
        problems.append(f"row 1 (header): missing column(s) {', '.join(missing)}")
    if extra:
        problems.append(
            f"row 1 (header): unknown column(s) {', '.join(extra)}; allowed: {', '.join(required + optional)}"
        )
    if problems:
        raise ImportFailed(problems)
    rows = []
    for number, row in enumerate(reader, start=2):
        rows.append((number, {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}))
    if not rows:
        raise ImportFailed(["the file has a header but no rows"])
    return rows


def _int(value, what, errors, prefix, low=None, high=None):
    try:
        number = int(value)
    except ValueError:
        errors.append(f"{prefix}: {what} {value!r} is not a whole number")
        return None
    if (low is not None and number < low) or (high is not None and number > high):
        errors.append(f"{prefix}: {what} {number} must be between {low} and {high}")
        return None
    return number


def _date(value, what, errors, prefix):
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(f"{prefix}: {what} {value!r} is not a date like 2026-01-31")
        return None


def import_csv(text: str, kind: str, *, dry_run: bool = False) -> Result:
    rows = read_rows(text, kind)
    errors: list[str] = []
    plan = globals()[f"_plan_{kind}"](rows, errors)
    if errors:
        raise ImportFailed(errors)
    result = Result(kind=kind, rows=len(rows))
    if dry_run:
        return result
    with transaction.atomic():
        plan(result)
    return result


def _plan_wises(rows, errors):
    sectors = {s.key: s for s in Sector.objects.all()}
    networks = {n.key: n for n in Network.objects.all()}
    seen, items, named = set(), [], set()  # named: networks this file creates (a row with network_name)
    for n, row in rows:
        p = f"row {n}"
        key = row["key"]
        if not SLUG.match(key):
            errors.append(f"{p}: key {key!r} may use only letters, digits, - and _")
        if key in seen:
            errors.append(f"{p}: WISE {key!r} appears twice in the file")
        seen.add(key)
        if not row["name"]:
            errors.append(f"{p}: name is empty")
        country = row["country"].upper()
        if len(country) != 2 or not country.isalpha():
            errors.append(f"{p}: country {row['country']!r} must be a two-letter code such as IT, SI, HR, PL, BE")
        wanted = [s for s in row.get("sectors", "").split(";") if s.strip()]
        unknown = [s for s in wanted if s.strip() not in sectors]
        if unknown:
            errors.append(f"{p}: unknown sector(s) {', '.join(unknown)}; use {', '.join(sorted(sectors))}")
        net = row.get("network", "")
        if net and row.get("network_name"):
            named.add(net)
        if net and net not in networks and net not in named:
            errors.append(f"{p}: network {net!r} does not exist; add a network_name column value to create it")
        if net and not SLUG.match(net):
            errors.append(f"{p}: network key {net!r} may use only letters, digits, - and _")
        items.append((key, row, country, [s.strip() for s in wanted], net))

    def apply(result):
        for key, row, country, wanted, net in items:
            network = None
            if net:
                network = networks.get(net)
                if network is None:
                    network = networks[net] = Network.objects.create(key=net, name=row["network_name"], country=country)
            wise, created = Wise.objects.update_or_create(
                key=key,
                defaults=dict(
                    name=row["name"],
                    country=country,
                    region=row.get("region", ""),
                    network=network,
                    org_key=row.get("org_key", ""),
                ),
            )
            wise.sectors.set([sectors[s] for s in wanted])
            result.created += created
            result.updated += not created

    return apply


def _plan_roles(rows, errors):
    comps = dict(Competence.objects.values_list("key", "id"))
    tops = {
        c.key: c.framework.levels.count()
        for c in Competence.objects.select_related("framework").prefetch_related("framework__levels")
    }
    sectors = {s.key: s for s in Sector.objects.all()}
    roles: dict[str, dict] = {}
    for n, row in rows:
        p = f"row {n}"
        key = row["role"]
        if not SLUG.match(key):
            errors.append(f"{p}: role {key!r} may use only letters, digits, - and _")
        role = roles.setdefault(key, {"name": row.get("name") or key, "sector": row.get("sector", ""), "reqs": {}})
        if role["sector"] and role["sector"] not in sectors:
            errors.append(f"{p}: unknown sector {role['sector']!r}; use {', '.join(sorted(sectors))}")
        comp = row["competence"]
        if comp not in comps:
            errors.append(f"{p}: unknown competence {comp!r}; use keys like digcomp:1.1 (see export_wise_frameworks)")
            continue
        level = _int(row["level"], "level", errors, p, 1, tops.get(comp, 12))
        if comp in role["reqs"]:
            errors.append(f"{p}: {comp!r} is listed twice for role {key!r}")
        role["reqs"][comp] = level

    def apply(result):
        for key, spec in roles.items():
            role, created = Role.objects.update_or_create(
                key=key, defaults=dict(name=spec["name"], sector=sectors.get(spec["sector"]))
            )
            RoleRequirement.objects.filter(role=role).exclude(
                competence_id__in=[comps[c] for c in spec["reqs"]]
            ).delete()
            for comp, level in spec["reqs"].items():
                RoleRequirement.objects.update_or_create(
                    role=role, competence_id=comps[comp], defaults={"level": level}
                )
            result.created += created
            result.updated += not created

    return apply


def _plan_memberships(rows, errors):
    wises = dict(Wise.objects.values_list("key", "id"))
    roles = dict(Role.objects.values_list("key", "id"))
    items = []
    for n, row in rows:
        p = f"row {n}"
        uid = _int(row["user_id"], "user_id", errors, p, 1, 2**31 - 1)
        if row["wise"] not in wises:
            errors.append(f"{p}: unknown WISE {row['wise']!r}; import it first (kind wises)")
        if row["role"] not in roles:
            errors.append(f"{p}: unknown role {row['role']!r}; import it first (kind roles)")
        start = _date(row["start"], "start", errors, p)
        end = _date(row["end"], "end", errors, p) if row.get("end") else None
        if start and end and end < start:
            errors.append(f"{p}: end {end} is before start {start}")
        items.append((uid, row["wise"], row["role"], start, end))

    def apply(result):
        for uid, wise, role, start, end in items:
            _, created = Membership.objects.update_or_create(
                user_id=uid,
                wise_id=wises[wise],
                role_id=roles[role],
                start=start,
                defaults={"end": end, "confirmed": True, "source": "import"},
            )
            result.created += created
            result.updated += not created

    return apply


def _plan_mappings(rows, errors):
    comps = dict(Competence.objects.values_list("key", "id"))
    items = []
    for n, row in rows:
        p = f"row {n}"
        try:
            parse_source_key(row["source_key"])
        except ValidationError:
            errors.append(f"{p}: source_key {row['source_key']!r} is not a course key or block usage key")
        if row["competence"] not in comps:
            errors.append(f"{p}: unknown competence {row['competence']!r}")
        level = _int(row["level"], "level", errors, p, 1, 12)
        items.append((row["source_key"], row["competence"], level, row.get("title", "")))

    def apply(result):
        for source, comp, level, title in items:
            _, created = CompetenceMapping.objects.update_or_create(
                source_key=source, competence_id=comps[comp], defaults={"level": level, "title": title}
            )
            result.created += created
            result.updated += not created

    return apply


def _plan_assignments(rows, errors, model, field, lookup):
    items = []
    for n, row in rows:
        p = f"row {n}"
        uid = _int(row["user_id"], "user_id", errors, p, 1, 2**31 - 1)
        if row[field] not in lookup:
            errors.append(f"{p}: unknown {field} {row[field]!r}")
        items.append((uid, row[field]))

    def apply(result):
        for uid, key in items:
            _, created = model.objects.get_or_create(user_id=uid, **{f"{field}_id": lookup[key]})
            result.created += created

    return apply


def _plan_managers(rows, errors):
    return _plan_assignments(rows, errors, ManagerAssignment, "wise", dict(Wise.objects.values_list("key", "id")))


def _plan_coordinators(rows, errors):
    return _plan_assignments(
        rows, errors, CoordinatorAssignment, "network", dict(Network.objects.values_list("key", "id"))
    )
