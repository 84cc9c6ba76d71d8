#!/usr/bin/env python
"""Translation overlays of the data learners see, kept beside the data (like msgmerge for JSON).

    data_overlays.py update    every data file x language: add new English texts (empty), drop texts the
                               data no longer has, keep every existing translation
    data_overlays.py check     list what is missing or stale (exit 1 when anything is)

The data files and the fields that are translated are listed in DATA_SETS below; the format and the
run-time lookup are in xblocks/wise_xblocks/common/data_i18n.py. New overlays are marked
"review_status": "needs-native-review" until a native speaker has read them.
"""

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "xblocks"), str(REPO / "plugin_app")]

from wise_skills.frameworks import catalogue  # noqa: E402
from wise_xblocks.common.data_i18n import OVERLAY_FOLDER, overlay_problems, translatable_strings  # noqa: E402
from wise_xblocks.costing import scenario  # noqa: E402
from wise_xblocks.waste_sorting import presets  # noqa: E402

LANGUAGES = ["it", "sl", "hr", "pl", "fr", "nl", "de"]


def data_sets():
    """[(data file, fields)] for every shipped data file a learner or manager reads."""
    sets = []
    preset_dir = REPO / "xblocks/wise_xblocks/waste_sorting/presets"
    sets += [(p, presets.TEXT_FIELDS) for p in sorted(preset_dir.glob("*.json")) if p.name != "schema.json"]
    scenario_dir = REPO / "xblocks/wise_xblocks/costing/scenarios"
    sets += [(scenario_dir / f"{name}.json", scenario.TEXT_FIELDS) for name in scenario.TEMPLATES]
    sets += [(p, catalogue.FRAMEWORK_TEXT_FIELDS) for p in sorted(Path(catalogue.DATA_DIR).glob("*.json"))]
    sets += [(p, catalogue.ROLE_TEXT_FIELDS) for p in sorted(Path(catalogue.ROLES_DIR).glob("*.json"))]
    return sets


def overlay_file(data_file, language):
    return data_file.parent / OVERLAY_FOLDER / f"{data_file.stem}.{language}.json"


def read_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def write_overlay(data_file, fields, language, translations=None):
    """Create or update one overlay; `translations` ({English: text}) fill empty or changed entries."""
    path = overlay_file(data_file, language)
    old = read_json(path) if path.exists() else {}
    old_strings = old.get("strings", {})
    strings = {}
    for text in translatable_strings(read_json(data_file), fields):
        strings[text] = (translations or {}).get(text) or old_strings.get(text, "")
    doc = {
        "source": data_file.name,
        "language": language,
        "review_status": old.get("review_status", "needs-native-review"),
        "note": old.get(
            "note",
            "Machine-assisted translation; a native speaker must review it. Keys are the English texts of "
            "the data file; see docs/course_teams/translations.md.",
        ),
        "strings": strings,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return doc


def problems():
    found = []
    for data_file, fields in data_sets():
        for language in LANGUAGES:
            path = overlay_file(data_file, language)
            overlay = read_json(path) if path.exists() else None
            for problem in overlay_problems(read_json(data_file), fields, overlay):
                found.append(f"{path.relative_to(REPO)}: {problem}")
    return found


def main(argv):
    if argv[1:] == ["update"]:
        for data_file, fields in data_sets():
            for language in LANGUAGES:
                write_overlay(data_file, fields, language)
        return 0
    if argv[1:] == ["check"]:
        found = problems()
        print("\n".join(found) or "every overlay is complete")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
