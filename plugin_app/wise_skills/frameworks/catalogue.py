"""The competence catalogue as plain Python: frameworks, levels, areas, competences and role profiles.

PURE module: no Django import. It reads the JSON files beside it, validates each one against its JSON
Schema, and returns frozen dataclasses. Two readers use it:

* the ``load_wise_frameworks`` management command, which copies the catalogue into the database;
* the skills self-assessment XBlock, which shows competences and level statements even when the
  plugin app is not installed (plain workbench): ``from wise_skills.frameworks.catalogue import load_catalogue``.

Competence keys are ``"<framework key>:<code>"`` (``"digcomp:1.1"``, ``"entrecomp:2.3"``,
``"greencomp:1.2"``, ``"sector:waste.sorting"``). They are the stable identifiers used everywhere
(evidence, role requirements, mappings, the public API): codes never change meaning across data versions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import jsonschema

HERE = Path(__file__).resolve().parent
DATA_DIR = HERE / "data"
ROLES_DIR = HERE / "roles"
SCHEMA_DIR = HERE / "schema"


class CatalogueError(ValueError):
    """A data file is invalid. The message names the file and what to fix."""


@dataclass(frozen=True)
class Level:
    number: int
    name: str
    description: str
    band: str = ""
    plain: str = ""  # "I can ..." statement in plain language, for learners


@dataclass(frozen=True)
class Area:
    key: str  # "<framework>:<area code>", e.g. "digcomp:1"
    framework: str
    code: str
    name: str


@dataclass(frozen=True)
class EscoLink:
    label: str
    uri: str


@dataclass(frozen=True)
class Competence:
    key: str  # "digcomp:1.1"
    framework: str  # "digcomp"
    code: str  # "1.1"
    area: str  # area key, "digcomp:1"
    name: str
    description: str
    esco_occupations: tuple[EscoLink, ...] = ()
    esco_skills: tuple[EscoLink, ...] = ()
    order: int = 0


@dataclass(frozen=True)
class Framework:
    key: str
    name: str
    version: str
    data_version: int
    source: str  # citation
    source_url: str
    licence: str
    licence_url: str
    licence_notice: str
    attribution: str
    official_levels: bool
    level_note: str
    levels: tuple[Level, ...]
    areas: tuple[Area, ...]
    full_name: str = ""

    @property
    def max_level(self) -> int:
        return max(level.number for level in self.levels)

    def level(self, number: int) -> Level | None:
        return next((level for level in self.levels if level.number == number), None)


@dataclass(frozen=True)
class RoleRequirement:
    competence: str
    level: int


@dataclass(frozen=True)
class Role:
    key: str
    name: str
    description: str
    sector: str | None
    data_version: int
    source: str
    requirements: tuple[RoleRequirement, ...]
    esco_occupations: tuple[EscoLink, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    frameworks: dict[str, Framework]
    competences: dict[str, Competence]  # in framework, then file order
    roles: dict[str, Role] = field(default_factory=dict)

    def framework_of(self, competence_key: str) -> Framework:
        return self.frameworks[self.competences[competence_key].framework]

    def competences_of(self, framework_key: str) -> list[Competence]:
        return [c for c in self.competences.values() if c.framework == framework_key]


@cache
def _schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def _validate(document: dict, schema_name: str, path: Path) -> None:
    validator = jsonschema.Draft202012Validator(_schema(schema_name))
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        raise CatalogueError(f"{path.name}: at {where}: {first.message} (schema {schema_name})")


def _esco(items) -> tuple[EscoLink, ...]:
    return tuple(EscoLink(label=i["label"], uri=i["uri"]) for i in items or ())


def parse_framework(document: dict, path: Path = Path("<memory>")) -> tuple[Framework, list[Competence]]:
    """Validate one framework document and turn it into dataclasses; errors name the file and the field."""
    _validate(document, "framework.schema.json", path)
    key = document["key"]
    numbers = [lvl["number"] for lvl in document["levels"]]
    if numbers != list(range(1, len(numbers) + 1)):
        raise CatalogueError(f"{path.name}: levels must be numbered 1..N in order, got {numbers}")
    areas, competences, seen = [], [], set()
    order = 0
    for area in document["areas"]:
        area_key = f"{key}:{area['code']}"
        areas.append(Area(key=area_key, framework=key, code=area["code"], name=area["name"]))
        for item in area["competences"]:
            comp_key = f"{key}:{item['code']}"
            if comp_key in seen:
                raise CatalogueError(
                    f"{path.name}: competence code {item['code']!r} appears twice; codes must be unique"
                )
            seen.add(comp_key)
            order += 1
            competences.append(
                Competence(
                    key=comp_key,
                    framework=key,
                    code=item["code"],
                    area=area_key,
                    name=item["name"],
                    description=item.get("description", ""),
                    esco_occupations=_esco(item.get("esco_occupations")),
                    esco_skills=_esco(item.get("esco_skills")),
                    order=order,
                )
            )
    framework = Framework(
        key=key,
        name=document["name"],
        full_name=document.get("full_name", ""),
        version=document["version"],
        data_version=document["data_version"],
        source=document["source"]["citation"],
        source_url=document["source"]["url"],
        licence=document["licence"]["name"],
        licence_url=document["licence"]["url"],
        licence_notice=document["licence"]["notice"],
        attribution=document["attribution"],
        official_levels=document["level_scale"]["official"],
        level_note=document["level_scale"]["note"],
        levels=tuple(
            Level(
                number=lvl["number"],
                name=lvl["name"],
                description=lvl["description"],
                band=lvl.get("band", ""),
                plain=lvl.get("plain", ""),
            )
            for lvl in document["levels"]
        ),
        areas=tuple(areas),
    )
    return framework, competences


def parse_role(
    document: dict, frameworks: dict[str, Framework], competences: dict[str, Competence], path: Path = Path("<memory>")
) -> Role:
    """Validate a role profile; every required competence must exist and its level must be on that scale."""
    _validate(document, "role.schema.json", path)
    requirements, seen = [], set()
    for index, req in enumerate(document["requirements"]):
        comp = competences.get(req["competence"])
        if comp is None:
            raise CatalogueError(
                f"{path.name}: requirements/{index}: unknown competence {req['competence']!r}; "
                f"use a key like 'digcomp:1.1' from the framework files"
            )
        if req["competence"] in seen:
            raise CatalogueError(f"{path.name}: requirements/{index}: {req['competence']!r} is listed twice")
        seen.add(req["competence"])
        top = frameworks[comp.framework].max_level
        if req["level"] > top:
            raise CatalogueError(
                f"{path.name}: requirements/{index}: level {req['level']} for {req['competence']!r} is above "
                f"the top level {top} of {comp.framework}"
            )
        requirements.append(RoleRequirement(competence=req["competence"], level=req["level"]))
    return Role(
        key=document["key"],
        name=document["name"],
        description=document["description"],
        sector=document["sector"],
        data_version=document["data_version"],
        source=document["source"],
        requirements=tuple(requirements),
        esco_occupations=_esco(document.get("esco_occupations")),
    )


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CatalogueError(f"{path.name}: not valid JSON: {exc}") from exc


# Fixed order so that listings are stable: the EU frameworks first, then the sector skills.
FRAMEWORK_ORDER = ("digcomp", "entrecomp", "greencomp", "sector")


def load_catalogue(data_dir: Path | None = None, roles_dir: Path | None = None) -> Catalogue:
    """Read, validate and return every framework and role profile shipped with the app.

    Cached for the default folders (the files are part of the package and do not change while a process runs).
    """
    if data_dir is None and roles_dir is None:
        return _default_catalogue()
    return _load(Path(data_dir or DATA_DIR), Path(roles_dir or ROLES_DIR))


@lru_cache(maxsize=1)
def _default_catalogue() -> Catalogue:
    return _load(DATA_DIR, ROLES_DIR)


def _load(data_dir: Path, roles_dir: Path) -> Catalogue:
    frameworks: dict[str, Framework] = {}
    competences: dict[str, Competence] = {}
    files = sorted(
        data_dir.glob("*.json"),
        key=lambda p: (FRAMEWORK_ORDER.index(p.stem) if p.stem in FRAMEWORK_ORDER else 99, p.stem),
    )
    for path in files:
        framework, comps = parse_framework(_read(path), path)
        if framework.key != path.stem:
            raise CatalogueError(f"{path.name}: key {framework.key!r} must match the file name ({path.stem!r})")
        frameworks[framework.key] = framework
        for comp in comps:
            competences[comp.key] = comp
    roles: dict[str, Role] = {}
    if roles_dir.is_dir():
        for path in sorted(roles_dir.glob("*.json")):
            role = parse_role(_read(path), frameworks, competences, path)
            if role.key != path.stem:
                raise CatalogueError(f"{path.name}: key {role.key!r} must match the file name ({path.stem!r})")
            roles[role.key] = role
    return Catalogue(frameworks=frameworks, competences=competences, roles=roles)


def split_key(competence_key: str) -> tuple[str, str]:
    """'digcomp:1.1' -> ('digcomp', '1.1'); raises CatalogueError on a malformed key."""
    framework, sep, code = competence_key.partition(":")
    if not sep or not framework or not code:
        raise CatalogueError(
            f"{competence_key!r} is not a competence key; expected '<framework>:<code>', e.g. 'digcomp:1.1'"
        )
    return framework, code


# --- translations kept beside the data (data/i18n/<framework>.<lang>.json, roles/i18n/<role>.<lang>.json) ------
# Same format as wise_xblocks.common.data_i18n: {"strings": {English text: translation}}. Names only: the
# official descriptors of DigComp, EntreComp and GreenComp stay in English (the EU publishes its own
# translations; see docs/course_teams/translations.md).
FRAMEWORK_TEXT_FIELDS = ("areas[].name", "areas[].competences[].name", "levels[].name", "levels[].plain")
ROLE_TEXT_FIELDS = ("name",)


@lru_cache(maxsize=32)
def _translations(language: str) -> dict[str, str]:
    table: dict[str, str] = {}
    base = (language or "").lower().replace("_", "-").split("-")[0]
    if not base or base == "en":
        return table
    for folder in (DATA_DIR, ROLES_DIR):
        for path in sorted((folder / "i18n").glob(f"*.{base}.json")):
            table.update({k: v for k, v in _read(path).get("strings", {}).items() if v})
    return table


def data_text(text: str, language: str | None) -> str:
    """A competence, area, level or role name in `language` ("de", "pl", "fr-be"...), English when untranslated."""
    return _translations(language or "").get(text, text)
