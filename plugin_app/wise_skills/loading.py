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

from .frameworks.catalogue import Catalogue, load_catalogue
from .models import Area, Competence, Framework, Level, Role, RoleRequirement, Sector

SECTORS = {"waste": "Waste & recycling", "reuse": "Reuse & repair", "tourism": "Sustainable tourism",
           "agriculture": "Agriculture"}


def _esco(links):
    return [{"label": link.label, "uri": link.uri} for link in links]


@transaction.atomic
def load_frameworks(catalogue: Catalogue | None = None, *, roles: bool = True, progress=None) -> dict:
    """Create or update every framework, level, area, competence (and role profile). Returns counts."""
    catalogue = catalogue or load_catalogue()
    say = progress or (lambda message: None)
    counts = {"frameworks": 0, "competences": 0, "deactivated": 0, "roles": 0}
    for order, fw in enumerate(catalogue.frameworks.values()):
        framework, _ = Framework.objects.update_or_create(key=fw.key, defaults=dict(
            name=fw.name, full_name=fw.full_name, version=fw.version, data_version=fw.data_version,
            source=fw.source, source_url=fw.source_url, licence=fw.licence, licence_url=fw.licence_url,
            licence_notice=fw.licence_notice, attribution=fw.attribution, official_levels=fw.official_levels,
            level_note=fw.level_note, order=order))
        for lv in fw.levels:
            Level.objects.update_or_create(framework=framework, number=lv.number, defaults=dict(
                name=lv.name, band=lv.band, description=lv.description, plain=lv.plain))
        top = fw.max_level
        in_use = max([*RoleRequirement.objects.filter(competence__framework=framework).values_list("level", flat=True),
                      *framework.competences.values_list("mappings__level", flat=True).exclude(mappings__level=None),
                      0])
        if in_use > top:
            raise ValueError(f"{fw.key}: the new scale stops at level {top}, but requirements or mappings use "
                             f"level {in_use}; lower them first")
        Level.objects.filter(framework=framework, number__gt=top).delete()
        areas = {}
        for a_order, area in enumerate(fw.areas):
            areas[area.key], _ = Area.objects.update_or_create(key=area.key, defaults=dict(
                framework=framework, code=area.code, name=area.name, order=a_order))
        keys = []
        for comp in catalogue.competences_of(fw.key):
            Competence.objects.update_or_create(key=comp.key, defaults=dict(
                framework=framework, area=areas[comp.area], code=comp.code, name=comp.name,
                description=comp.description, esco_occupations=_esco(comp.esco_occupations),
                esco_skills=_esco(comp.esco_skills), order=comp.order, active=True))
            keys.append(comp.key)
        counts["deactivated"] += (Competence.objects.filter(framework=framework, active=True)
                                  .exclude(key__in=keys).update(active=False))
        counts["frameworks"] += 1
        counts["competences"] += len(keys)
        say(f"{fw.name} {fw.version}: {len(keys)} competences")
    for key, name in SECTORS.items():
        Sector.objects.get_or_create(key=key, defaults={"name": name})
    if roles:
        comp_ids = dict(Competence.objects.values_list("key", "id"))
        for role in catalogue.roles.values():
            obj, _ = Role.objects.update_or_create(key=role.key, defaults=dict(
                name=role.name, description=role.description, esco_occupations=_esco(role.esco_occupations),
                sector=Sector.objects.filter(key=role.sector).first() if role.sector else None,
                data_version=role.data_version))
            wanted = {comp_ids[r.competence]: r.level for r in role.requirements}
            RoleRequirement.objects.filter(role=obj).exclude(competence_id__in=wanted).delete()
            for comp_id, level in wanted.items():
                RoleRequirement.objects.update_or_create(role=obj, competence_id=comp_id, defaults={"level": level})
            counts["roles"] += 1
        say(f"{counts['roles']} role profiles")
    return counts


def export_json() -> dict:
    """The frameworks as they are in the database, in the shape of the data files (re-loadable)."""
    out = {"frameworks": [], "roles": []}
    for fw in Framework.objects.prefetch_related("levels", "areas__competences"):
        out["frameworks"].append({
            "key": fw.key, "name": fw.name, "full_name": fw.full_name, "version": fw.version,
            "data_version": fw.data_version, "source": {"citation": fw.source, "url": fw.source_url},
            "licence": {"name": fw.licence, "url": fw.licence_url, "notice": fw.licence_notice},
            "attribution": fw.attribution, "level_scale": {"official": fw.official_levels, "note": fw.level_note},
            "levels": [{"number": lv.number, "name": lv.name, "band": lv.band, "description": lv.description,
                        "plain": lv.plain} for lv in fw.levels.all()],
            "areas": [{"code": a.code, "name": a.name, "competences": [
                {"code": c.code, "name": c.name, "description": c.description,
                 "esco_occupations": c.esco_occupations, "esco_skills": c.esco_skills}
                for c in sorted(a.competences.all(), key=lambda c: c.order) if c.active]}
                for a in fw.areas.all()],
        })
    for role in Role.objects.select_related("sector").prefetch_related("requirements__competence"):
        out["roles"].append({
            "key": role.key, "name": role.name, "description": role.description,
            "sector": role.sector.key if role.sector else None, "esco_occupations": role.esco_occupations,
            "data_version": role.data_version, "source": "exported from wise_skills",
            "requirements": [{"competence": r.competence.key, "level": r.level} for r in role.requirements.all()],
        })
    return out


CSV_COLUMNS = ["framework", "framework_version", "area", "area_name", "competence", "name", "description",
               "active", "esco_occupation_uris", "licence", "attribution"]


def export_csv() -> str:
    """One row per competence (spreadsheet-friendly), with the framework's licence and attribution on each row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for c in Competence.objects.select_related("framework", "area"):
        writer.writerow([c.framework.key, c.framework.version, c.area.key, c.area.name, c.key, c.name,
                         c.description, "yes" if c.active else "no",
                         " ".join(link["uri"] for link in c.esco_occupations), c.framework.licence,
                         c.framework.attribution])
    return buffer.getvalue()


def dumps(document: dict) -> str:
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"
