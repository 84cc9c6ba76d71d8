"""Translations of the data learners see (presets, costing templates, frameworks), kept beside the data.

PURE module: no XBlock or Django import.

Layout: next to each data file, ``i18n/<file stem>.<language>.json``::

    {
      "source": "be_bru.json",
      "language": "nl",
      "review_status": "needs-native-review",
      "strings": {"<English text exactly as in the data file>": "<translation>", ...}
    }

Why keyed by the English text, not by position or id:
- a block stores a *copy* of a preset or template, which authors then edit; at render time only the
  texts still equal to the shipped English are replaced, so an author's own wording is never
  overwritten by a stale translation;
- when the English data changes, the old key no longer matches: the learner sees the (correct)
  English and the completeness test (tests/unit/i18n/test_data_overlays.py) names the missing text.

English ("en") and any language without an overlay return the data unchanged. Translations are
machine-assisted until a native speaker reviews them (``review_status``); see
docs/course_teams/translations.md for how to correct them.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache

OVERLAY_FOLDER = "i18n"
REVIEW_STATUSES = ("needs-native-review", "reviewed")


def language_candidates(language):
    """'de-AT' -> ['de-at', 'de']; None/'' -> []."""
    if not language:
        return []
    language = language.lower().replace("_", "-")
    base = language.split("-")[0]
    return [language] if language == base else [language, base]


def _walk(node, parts):
    """Yield (container, key) for every place a field path points at ('items[].name', 'hints[]')."""
    if not parts:
        return
    head, rest = parts[0], parts[1:]
    if head.endswith("[]"):
        name = head[:-2]
        seq = node.get(name) if name else node
        if not isinstance(seq, list):
            return
        for index, child in enumerate(seq):
            if rest:
                if isinstance(child, dict):
                    yield from _walk(child, rest)
            else:
                yield seq, index
        return
    if not isinstance(node, dict) or head not in node:
        return
    if rest:
        yield from _walk(node[head], rest)
    else:
        yield node, head


def translatable_strings(doc, fields):
    """Every non-empty text a learner may see, in order, without repeats."""
    found = []
    for path in fields:
        for container, key in _walk(doc, path.split(".")):
            value = container[key]
            if isinstance(value, str) and value.strip() and value not in found:
                found.append(value)
    return found


def localize(doc, fields, table):
    """A deep copy of doc with each text in `fields` replaced by table[text] where there is one."""
    if not table:
        return doc
    doc = copy.deepcopy(doc)
    for path in fields:
        for container, key in _walk(doc, path.split(".")):
            value = container[key]
            if isinstance(value, str) and table.get(value):
                container[key] = table[value]
    return doc


def overlay_path(folder, stem, language):
    """Where the overlay of data file `<stem>.json` for `language` lives (a Traversable or Path)."""
    return folder.joinpath(OVERLAY_FOLDER, f"{stem}.{language}.json")


@lru_cache(maxsize=256)
def _read_overlay(path_text):
    with open(path_text, encoding="utf-8") as handle:
        return json.load(handle)


def read_overlay(folder, stem, language):
    """The overlay document for one data file and language, or None when there is none."""
    for candidate in language_candidates(language):
        if candidate == "en":
            return None
        path = overlay_path(folder, stem, candidate)
        if path.is_file():
            return _read_overlay(str(path))
    return None


def table_for(folder, stems, language):
    """{English: translation} for `language`, merged over several data files (first one wins)."""
    merged = {}
    for stem in reversed(list(stems)):
        overlay = read_overlay(folder, stem, language)
        if overlay:
            merged.update({k: v for k, v in overlay.get("strings", {}).items() if v})
    return merged


def overlay_problems(doc, fields, overlay, placeholder_pattern=None):
    """What an overlay lacks for its data file: missing or empty texts, texts the data no longer has."""
    problems = []
    strings = (overlay or {}).get("strings", {})
    wanted = translatable_strings(doc, fields)
    for text in wanted:
        if not strings.get(text, "").strip():
            problems.append(f"missing translation for {text[:70]!r}")
        elif placeholder_pattern is not None and sorted(placeholder_pattern.findall(text)) != sorted(
            placeholder_pattern.findall(strings[text])
        ):
            problems.append(f"placeholders differ in the translation of {text[:70]!r}")
    for text in strings:
        if text not in wanted:
            problems.append(f"stale entry (not in the data any more): {text[:70]!r}")
    if (overlay or {}).get("review_status") not in REVIEW_STATUSES:
        problems.append(f"review_status must be one of {REVIEW_STATUSES}")
    return problems
