"""The plain-language "I can ..." scale the learner sees, loaded from statements/<framework>.json.

Pure: no XBlock or Django import. Frameworks have up to 8 levels; a learner far from the
labour market reads four short steps (plus "not yet"). Each step covers a range of the
framework's levels and `records` names the framework level a self-assessment on that step
is stored as (the lowest level of its range, whose autonomy descriptor matches the
sentence: DigComp 1 "with guidance", 3 "on my own", 5 "guiding others", 7 "guide others").

A role requires a framework level; the learner sees it as the lowest step whose recorded
level reaches it (`required_step`), so "gap in steps > 0" exactly when "gap in levels > 0".
"""

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import jsonschema

PACKAGE = "wise_xblocks.skills_check"
FOLDER = "statements"


class StatementsError(ValueError):
    """A statements file that does not follow its schema or is inconsistent; names file and field."""


@dataclass(frozen=True)
class Step:
    step: int
    statement: str
    covers: tuple
    records: int


@dataclass(frozen=True)
class Topic:
    topic: str
    example: str | None = None


@dataclass(frozen=True)
class StatementSet:
    framework: str
    scale: tuple
    competences: dict

    @property
    def steps(self):
        return [s.step for s in self.scale]

    @property
    def max_step(self):
        return self.scale[-1].step

    def level_for_step(self, step):
        for item in self.scale:
            if item.step == step:
                return item.records
        raise KeyError(step)

    def step_for_level(self, level):
        """The step whose range covers a framework level (for showing stored evidence)."""
        for item in self.scale:
            if level in item.covers:
                return item.step
        raise KeyError(level)

    def required_step(self, level):
        """The lowest step whose recorded level reaches `level` (the top step if none does)."""
        for item in self.scale:
            if item.records >= level:
                return item.step
        return self.max_step

    def topic(self, key):
        return self.competences.get(key)


def _schema():
    text = resources.files(PACKAGE).joinpath(FOLDER, "schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def parse_statements(data, name="<data>"):
    """Validate one decoded statements file and return its StatementSet."""
    try:
        jsonschema.validate(data, _schema())
    except jsonschema.ValidationError as error:
        where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
        raise StatementsError(f"{name}: {where}: {error.message}") from None
    framework = data["framework"]
    scale = tuple(Step(s["step"], s["statement"], tuple(s["covers"]), s["records"]) for s in data["scale"])
    if [s.step for s in scale] != list(range(scale[0].step, scale[0].step + len(scale))):
        raise StatementsError(f"{name}: scale: steps must be consecutive whole numbers in order")
    seen = set()
    for item in scale:
        if item.records not in item.covers:
            raise StatementsError(f"{name}: scale step {item.step}: records={item.records} is not in covers")
        if seen & set(item.covers):
            raise StatementsError(f"{name}: scale step {item.step}: covers a level another step covers")
        if seen and min(item.covers) <= max(seen):
            raise StatementsError(f"{name}: scale step {item.step}: levels must go up with the steps")
        seen |= set(item.covers)
    competences = {}
    for key, entry in data["competences"].items():
        if key.split(":", 1)[0] != framework:
            raise StatementsError(f"{name}: competences: {key!r} does not belong to framework {framework!r}")
        competences[key] = Topic(entry["topic"], entry.get("example"))
    return StatementSet(framework, scale, competences)


@lru_cache(maxsize=1)
def load_all():
    """{framework key: StatementSet} for every statements/*.json shipped with the block."""
    found = {}
    for entry in sorted(resources.files(PACKAGE).joinpath(FOLDER).iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json") or entry.name == "schema.json":
            continue
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise StatementsError(f"{entry.name}: not valid JSON: {error}") from None
        statement_set = parse_statements(data, entry.name)
        if entry.name != f"{statement_set.framework}.json":
            raise StatementsError(
                f"{entry.name}: framework {statement_set.framework!r} must live in {statement_set.framework}.json"
            )
        found[statement_set.framework] = statement_set
    return found


def msgids():
    """Every learner-facing string in the statements files, for the translation catalog."""
    found = []
    for statement_set in load_all().values():
        found += [s.statement for s in statement_set.scale]
        for topic in statement_set.competences.values():
            found += [topic.topic] + ([topic.example] if topic.example else [])
    return sorted(set(found))


MSGIDS_HEADER = '''"""GENERATED from statements/*.json: `python -m wise_xblocks.skills_check.statements`. Do not edit.

xgettext reads Python, not JSON: this module lists every learner-facing sentence of the
statements files as a _() call so `make translations` puts them into the block catalog.
A unit test fails when it is out of date with the JSON files.
"""

from ..common.i18n import _

MSGIDS = [
'''


def msgids_module_source():
    return MSGIDS_HEADER + "".join(f"    _({json.dumps(msgid, ensure_ascii=False)}),\n" for msgid in msgids()) + "]\n"


if __name__ == "__main__":
    from pathlib import Path

    Path(__file__).with_name("statements_msgids.py").write_text(msgids_module_source(), encoding="utf-8")
    print("wrote statements_msgids.py")
