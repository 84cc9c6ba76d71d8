"""Copy the shipped catalogue (frameworks/*.json, roles/*.json) into the database, and back out as JSON/CSV.

Upgrade-safe by construction:
* rows are matched by their stable keys and updated in place (ids, hence evidence, stay attached);
* a competence missing from a newer data file is marked inactive, never deleted (its evidence survives);
* a level dropped from a scale is deleted only if no requirement or mapping uses a level that high;
* role requirements from the file replace the file's earlier requirements for that role only.
Everything runs in one transaction: a bad file leaves the database as it was.
"""

from __future__ import annotations

import csv
import io
import json

from django.db import transaction
from django.utils.translation import gettext_noop

from .frameworks.catalogue import Catalogue, load_catalogue
from .models import Area, Competence, Framework, Level, Role, RoleRequirement, Sector

# English names, stored as they are; the pages translate them through the Django catalog (hence gettext_noop).
SECTORS = {
    "waste": gettext_noop("Waste & recycling"),
    "reuse": gettext_noop("Reuse & repair"),
    "tourism": gettext_noop("Sustainable tourism"),
    "agriculture": gettext_noop("Agriculture"),
}


def _esco(links):
    return [{"label": link.label, "uri": link.uri} for link in links]


def _sync(model, lookup: dict, wanted: dict, fields: list[str]) -> tuple[dict, int]:
    """Create or update rows in bulk. ``lookup``: key -> existing instance; ``wanted``: key -> field values.
    Returns (key -> instance, number of rows created or changed)."""
    create, update = [], []
    for key, values in wanted.items():
        obj = lookup.get(key)
        if obj is None:
            obj = model(**values)
            create.append(obj)
            lookup[key] = obj
        elif any(getattr(obj, f) != values[f] for f in fields):
            for f in fields:
                setattr(obj, f, values[f])
            update.append(obj)
    if create:
        model.objects.bulk_create(create)
    if update:
        model.objects.bulk_update(update, fields)
    return lookup, len(create) + len(update)


@transaction.atomic
def load_frameworks(catalogue: Catalogue | None = None, *, roles: bool = True, progress=None) -> dict:
    """Create or update every framework, level, area, competence (and role profile). Returns counts.

    A handful of queries whatever the size (bulk create/update), and a no-op when nothing changed.
    """
    catalogue = catalogue or load_catalogue()
    say = progress or (lambda message: None)
    counts = {"frameworks": 0, "competences": 0, "changed": 0, "deactivated": 0, "roles": 0}
    fw_fields = [
        "name",
        "full_name",
        "version",
        "data_version",
        "source",
        "source_url",
        "licence",
        "licence_url",
        "licence_notice",
        "attribution",
        "official_levels",
        "level_note",
        "order",
    ]
    frameworks, changed = _sync(
        Framework,
        {f.key: f for f in Framework.objects.all()},
        {
            fw.key: dict(
                key=fw.key,
                name=fw.name,
                full_name=fw.full_name,
                version=fw.version,
                data_version=fw.data_version,
                source=fw.source,
                source_url=fw.source_url,
                licence=fw.licence,
                licence_url=fw.licence_url,
                licence_notice=fw.licence_notice,
                attribution=fw.attribution,
                official_levels=fw.official_levels,
                level_note=fw.level_note,
                order=order,
            )
            for order, fw in enumerate(catalogue.frameworks.values())
        },
        fw_fields,
    )
    counts["changed"] += changed
    # Re-read after each bulk create: MySQL returns no primary keys from bulk inserts (MariaDB and sqlite do).
    frameworks = {f.key: f for f in Framework.objects.filter(key__in=list(catalogue.frameworks))}
    # Levels: a scale may shrink only if nothing uses the levels it drops.
    for fw in catalogue.frameworks.values():
        framework = frameworks[fw.key]
        in_use = max(
            [
                0,
                *RoleRequirement.objects.filter(competence__framework=framework).values_list("level", flat=True),
                *Competence.objects.filter(framework=framework, mappings__isnull=False).values_list(
                    "mappings__level", flat=True
                ),
            ]
        )
        if in_use > fw.max_level:
            raise ValueError(
                f"{fw.key}: the new scale stops at level {fw.max_level}, but requirements or mappings "
                f"use level {in_use}; lower them first"
            )
        Level.objects.filter(framework=framework, number__gt=fw.max_level).delete()
    _, changed = _sync(
        Level,
        {(lv.framework_id, lv.number): lv for lv in Level.objects.all()},
        {
            (frameworks[fw.key].id, lv.number): dict(
                framework=frameworks[fw.key],
                number=lv.number,
                name=lv.name,
                band=lv.band,
                description=lv.description,
                plain=lv.plain,
            )
            for fw in catalogue.frameworks.values()
            for lv in fw.levels
        },
        ["name", "band", "description", "plain"],
    )
    counts["changed"] += changed
    areas, changed = _sync(
        Area,
        {a.key: a for a in Area.objects.all()},
        {
            area.key: dict(key=area.key, framework=frameworks[fw.key], code=area.code, name=area.name, order=a_order)
            for fw in catalogue.frameworks.values()
            for a_order, area in enumerate(fw.areas)
        },
        ["framework", "code", "name", "order"],
    )
    counts["changed"] += changed
    areas = {a.key: a for a in Area.objects.all()}
    comp_fields = [
        "framework",
        "area",
        "code",
        "name",
        "description",
        "esco_occupations",
        "esco_skills",
        "order",
        "active",
    ]
    comps, changed = _sync(
        Competence,
        {c.key: c for c in Competence.objects.all()},
        {
            c.key: dict(
                key=c.key,
                framework=frameworks[c.framework],
                area=areas[c.area],
                code=c.code,
                name=c.name,
                description=c.description,
                esco_occupations=_esco(c.esco_occupations),
                esco_skills=_esco(c.esco_skills),
                order=c.order,
                active=True,
            )
            for c in catalogue.competences.values()
        },
        comp_fields,
    )
    counts["changed"] += changed
    comps = {c.key: c for c in Competence.objects.all()}
    # Upgrade-safe: a competence no longer in its framework's file is deactivated, never deleted.
    counts["deactivated"] = (
        Competence.objects.filter(framework__key__in=list(catalogue.frameworks), active=True)
        .exclude(key__in=list(catalogue.competences))
        .update(active=False)
    )
    counts["frameworks"] = len(catalogue.frameworks)
    counts["competences"] = len(catalogue.competences)
    for fw in catalogue.frameworks.values():
        say(f"{fw.name} {fw.version}: {len(catalogue.competences_of(fw.key))} competences")
    sectors = {s.key: s for s in Sector.objects.all()}
    for key, name in SECTORS.items():
        if key not in sectors:
            sectors[key] = Sector.objects.create(key=key, name=name)
    if roles:
        role_objs, changed = _sync(
            Role,
            {r.key: r for r in Role.objects.all()},
            {
                role.key: dict(
                    key=role.key,
                    name=role.name,
                    description=role.description,
                    esco_occupations=_esco(role.esco_occupations),
                    sector=sectors.get(role.sector) if role.sector else None,
                    data_version=role.data_version,
                )
                for role in catalogue.roles.values()
            },
            ["name", "description", "esco_occupations", "sector", "data_version"],
        )
        counts["changed"] += changed
        role_objs = {r.key: r for r in Role.objects.all()}
        wanted = {
            (role_objs[role.key].id, comps[r.competence].id): dict(
                role=role_objs[role.key], competence=comps[r.competence], level=r.level
            )
            for role in catalogue.roles.values()
            for r in role.requirements
        }
        shipped_roles = [role_objs[k].id for k in catalogue.roles]
        existing = {(r.role_id, r.competence_id): r for r in RoleRequirement.objects.filter(role_id__in=shipped_roles)}
        stale = [r.id for key, r in existing.items() if key not in wanted]
        RoleRequirement.objects.filter(id__in=stale).delete()
        _, changed = _sync(RoleRequirement, existing, wanted, ["level"])
        counts["changed"] += changed + len(stale)
        counts["roles"] = len(catalogue.roles)
        say(f"{counts['roles']} role profiles")
    return counts


def export_json() -> dict:
    """The frameworks as they are in the database, in the shape of the data files (re-loadable)."""
    out = {"frameworks": [], "roles": []}
    for fw in Framework.objects.prefetch_related("levels", "areas__competences"):
        out["frameworks"].append(
            {
                "key": fw.key,
                "name": fw.name,
                "full_name": fw.full_name,
                "version": fw.version,
                "data_version": fw.data_version,
                "source": {"citation": fw.source, "url": fw.source_url},
                "licence": {"name": fw.licence, "url": fw.licence_url, "notice": fw.licence_notice},
                "attribution": fw.attribution,
                "level_scale": {"official": fw.official_levels, "note": fw.level_note},
                "levels": [
                    {
                        "number": lv.number,
                        "name": lv.name,
                        "band": lv.band,
                        "description": lv.description,
                        "plain": lv.plain,
                    }
                    for lv in fw.levels.all()
                ],
                "areas": [
                    {
                        "code": a.code,
                        "name": a.name,
                        "competences": [
                            {
                                "code": c.code,
                                "name": c.name,
                                "description": c.description,
                                "esco_occupations": c.esco_occupations,
                                "esco_skills": c.esco_skills,
                            }
                            for c in sorted(a.competences.all(), key=lambda c: c.order)
                            if c.active
                        ],
                    }
                    for a in fw.areas.all()
                ],
            }
        )
    for role in Role.objects.select_related("sector").prefetch_related("requirements__competence"):
        out["roles"].append(
            {
                "key": role.key,
                "name": role.name,
                "description": role.description,
                "sector": role.sector.key if role.sector else None,
                "esco_occupations": role.esco_occupations,
                "data_version": role.data_version,
                "source": "exported from wise_skills",
                "requirements": [{"competence": r.competence.key, "level": r.level} for r in role.requirements.all()],
            }
        )
    return out


CSV_COLUMNS = [
    "framework",
    "framework_version",
    "area",
    "area_name",
    "competence",
    "name",
    "description",
    "active",
    "esco_occupation_uris",
    "licence",
    "attribution",
]


def export_csv() -> str:
    """One row per competence (spreadsheet-friendly), with the framework's licence and attribution on each row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for c in Competence.objects.select_related("framework", "area"):
        writer.writerow(
            [
                c.framework.key,
                c.framework.version,
                c.area.key,
                c.area.name,
                c.key,
                c.name,
                c.description,
                "yes" if c.active else "no",
                " ".join(link["uri"] for link in c.esco_occupations),
                c.framework.licence,
                c.framework.attribution,
            ]
        )
    return buffer.getvalue()


def dumps(document: dict) -> str:
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"
