"""Country and region presets: data files validated against presets/schema.json when loaded.

Adding a country is a new JSON file (and a test fixture), not a code change. Each file is
checked twice: against the JSON Schema (shape) and by content.parse_content (the same rules
as a Studio save, e.g. every item's bin exists).
"""

import json
from functools import lru_cache
from importlib import resources

import jsonschema

from .content import parse_content

PACKAGE = "wise_xblocks.waste_sorting"


class PresetError(ValueError):
    pass


def _folder():
    return resources.files(PACKAGE).joinpath("presets")


@lru_cache(maxsize=1)
def schema():
    return json.loads(_folder().joinpath("schema.json").read_text(encoding="utf-8"))


def validate_preset(doc, name="preset"):
    """The preset's Content, or PresetError saying which file and field to fix."""
    try:
        jsonschema.validate(doc, schema())
    except jsonschema.ValidationError as error:
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise PresetError(f"{name}: {where}: {error.message}") from None
    content, problems = parse_content(doc)
    if problems:
        first = problems.translated()[0]
        raise PresetError(f"{name}: {first['field']}: {first['message']}")
    return content


@lru_cache(maxsize=1)
def load_presets():
    """{preset id: (document, Content)} for every presets/*.json (the schema itself excluded)."""
    found = {}
    for entry in sorted(_folder().iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json") or entry.name == "schema.json":
            continue
        doc = json.loads(entry.read_text(encoding="utf-8"))
        content = validate_preset(doc, entry.name)
        if doc["id"] != entry.name[:-5]:
            raise PresetError(f"{entry.name}: id {doc['id']!r} must match the file name")
        found[doc["id"]] = (doc, content)
    return found


def preset_choices():
    return [{"id": key, "label": doc["label"]} for key, (doc, _content) in load_presets().items()]


def preset_content(preset_id):
    entry = load_presets().get(preset_id)
    return entry[1] if entry else None


# --- translations kept beside the presets (presets/i18n/<id>.<lang>.json, see common.data_i18n) ---------------
# The texts a learner (or an author picking a preset) reads. Not "source": citations stay as published.
TEXT_FIELDS = (
    "label",
    "notice",
    "intro",
    "bins[].name",
    "bins[].description",
    "items[].name",
    "items[].explanation",
    "items[].description",
    "items[].image_alt",
)


def localized_content(content, preset_id, language):
    """`content` (Content.to_dict() or a block's stored copy) in `language`: every text still equal to the
    shipped English is replaced by its translation (this preset's overlay first, then the other presets');
    an author's own wording stays. English or an unknown language: `content` unchanged."""
    from wise_xblocks.common.data_i18n import localize, table_for

    stems = [preset_id] if preset_id in load_presets() else []
    stems += [key for key in load_presets() if key != preset_id]
    return localize(content, TEXT_FIELDS, table_for(_folder(), stems, language))
