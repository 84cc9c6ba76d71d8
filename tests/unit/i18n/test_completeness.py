"""Every shipped language is complete, reviewed-or-flagged, compiled and in step with the source.

- no untranslated and no fuzzy entry (gettext ignores fuzzy entries at run time: the learner
  would see English without anyone noticing);
- every plural form filled, as many as the language's Plural-Forms header says (Slovenian 4,
  Croatian and Polish 3);
- every catalog says in its metadata whether a native speaker has reviewed it;
- the committed .mo files are what msgfmt makes of the .po files (a forgotten `compile`);
- the catalogs hold exactly the messages the source has today: extraction is re-run into a
  temporary folder and compared (a forgotten `extract` after adding a string).
"""

import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parents[3]
SHIPPED = ("it", "sl", "hr", "pl", "fr", "nl", "de")
PSEUDO = "eo"
CATALOG_DIRS = {
    "blocks": (REPO / "xblocks/wise_xblocks/translations", "text"),
    "plugin": (REPO / "plugin_app/wise_skills/locale", "django"),
    "plugin-js": (REPO / "plugin_app/wise_skills/locale", "djangojs"),
}
REVIEW_STATUSES = {"needs-native-review", "reviewed"}
NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def shipped_catalogs():
    found = []
    for folder, domain in CATALOG_DIRS.values():
        for language in SHIPPED:
            po = folder / language / "LC_MESSAGES" / f"{domain}.po"
            if po.exists():
                found.append(po)
    return found


def all_catalogs():
    return shipped_catalogs() + [
        folder / PSEUDO / "LC_MESSAGES" / f"{domain}.po"
        for folder, domain in CATALOG_DIRS.values()
        if (folder / PSEUDO / "LC_MESSAGES" / f"{domain}.po").exists()
    ]


def _id(path):
    return str(path.relative_to(REPO))


def completeness_problems(po_path):
    """Untranslated, fuzzy or short-of-plural-forms entries of one catalog, as readable lines."""
    po = polib.pofile(str(po_path))
    match = NPLURALS.search(po.metadata.get("Plural-Forms", ""))
    nplurals = int(match.group(1)) if match else 2
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid[:60]!r}")
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(index, "") for index in range(nplurals)]
            if not all(form.strip() for form in forms) or len(entry.msgstr_plural) != nplurals:
                problems.append(f"plural forms missing ({nplurals} needed): {entry.msgid[:60]!r}")
        elif not entry.msgstr.strip():
            problems.append(f"untranslated: {entry.msgid[:60]!r}")
    return problems


def test_every_shipped_language_has_every_catalog():
    missing = [
        f"{folder.relative_to(REPO)}/{language}/LC_MESSAGES/{domain}.po"
        for folder, domain in CATALOG_DIRS.values()
        if (folder / f"{domain}.pot").exists()
        for language in (*SHIPPED, PSEUDO)
        if not (folder / language / "LC_MESSAGES" / f"{domain}.po").exists()
    ]
    assert not missing, "run `.venv/bin/python scripts/i18n.py extract`: missing " + ", ".join(missing)


@pytest.mark.parametrize("po_path", all_catalogs(), ids=_id)
def test_no_untranslated_or_fuzzy_entry(po_path):
    problems = completeness_problems(po_path)
    assert not problems, f"{len(problems)} problems (translate them, see docs/course_teams/translations.md):\n" + (
        "\n".join(problems[:40])
    )


def test_completeness_check_catches_untranslated_fuzzy_and_missing_plural(tmp_path):
    po = polib.POFile()
    po.metadata = {"Plural-Forms": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 ? 1 : 2);"}
    po.append(polib.POEntry(msgid="Save", msgstr=""))
    po.append(polib.POEntry(msgid="Cancel", msgstr="Anuluj", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="{n} row", msgid_plural="{n} rows", msgstr_plural={0: "{n} wiersz", 1: "", 2: ""}))
    po.save(str(tmp_path / "pl.po"))
    problems = completeness_problems(tmp_path / "pl.po")
    assert any(p.startswith("untranslated") for p in problems)
    assert any(p.startswith("fuzzy") for p in problems)
    assert any(p.startswith("plural forms missing (3 needed)") for p in problems)


@pytest.mark.parametrize("po_path", shipped_catalogs(), ids=_id)
def test_catalog_metadata_says_whether_a_native_speaker_reviewed_it(po_path):
    po = polib.pofile(str(po_path))
    assert po.metadata.get("X-Review-Status") in REVIEW_STATUSES, (
        "set the header field X-Review-Status to needs-native-review (machine-assisted) or reviewed"
    )
    if po.metadata["X-Review-Status"] == "needs-native-review":
        assert "not yet reviewed by a native speaker" in po.header


@pytest.mark.parametrize("po_path", all_catalogs(), ids=_id)
def test_committed_mo_is_compiled_from_the_po(po_path, tmp_path):
    mo = po_path.with_suffix(".mo")
    assert mo.exists(), f"{_id(mo)} is missing: run `.venv/bin/python scripts/i18n.py compile`"
    fresh = tmp_path / "fresh.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(po_path)], check=True)
    committed = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in polib.mofile(str(mo))
    }
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in polib.mofile(str(fresh))
    }
    assert committed == compiled, f"{_id(mo)} is older than its .po: run `.venv/bin/python scripts/i18n.py compile`"


def _message_ids(path):
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in polib.pofile(str(path)) if not e.obsolete and e.msgid}


@pytest.fixture(scope="module")
def fresh_templates(tmp_path_factory):
    out = tmp_path_factory.mktemp("pot")
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/i18n.py"), "extract", "--pot-dir", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("component", sorted(CATALOG_DIRS))
def test_catalogs_hold_exactly_the_messages_of_the_source(component, fresh_templates):
    folder, domain = CATALOG_DIRS[component]
    fresh = fresh_templates / f"{component}.pot"
    committed = folder / f"{domain}.pot"
    if not fresh.exists():
        assert not committed.exists(), f"{_id(committed)} has messages the source no longer has"
        return
    source = _message_ids(fresh)
    stale = []
    for path in [committed, *(folder / lang / "LC_MESSAGES" / f"{domain}.po" for lang in (*SHIPPED, PSEUDO))]:
        have = _message_ids(path) if path.exists() else set()
        if have != source:
            new, gone = source - have, have - source
            stale.append(
                f"{_id(path)}: {len(new)} new in the source (e.g. {sorted(m[1] for m in new)[:2]}), "
                f"{len(gone)} no longer in the source (e.g. {sorted(m[1] for m in gone)[:2]})"
            )
    assert not stale, "catalogs out of date: run `.venv/bin/python scripts/i18n.py extract`, translate, compile\n" + (
        "\n".join(stale)
    )
