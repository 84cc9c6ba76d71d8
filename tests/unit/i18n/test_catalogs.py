"""Every shipped catalog compiles and keeps the placeholders of its source text.

A translation that drops "{count}" or turns "%(name)s" into "%(nom)s" crashes or lies at run
time; msgfmt --check catches printf-style mismatches, and the brace check below catches the
str.format() ones msgfmt does not know.
"""

import re
import subprocess
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parents[3]
CATALOGS = sorted(REPO.glob("xblocks/wise_xblocks/translations/*/LC_MESSAGES/*.po")) + sorted(
    REPO.glob("plugin_app/wise_skills/locale/*/LC_MESSAGES/*.po")
)
LANGUAGES = {"it", "sl", "hr", "pl", "fr", "nl", "de"}
PLACEHOLDER = re.compile(r"\{[a-zA-Z_][a-zA-Z0-9_]*\}|%\([a-zA-Z_][a-zA-Z0-9_]*\)[sdfr]|%[sdf]")


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def test_every_language_has_a_block_catalog():
    found = {po.parts[-3] for po in CATALOGS if "wise_xblocks" in po.parts}
    assert LANGUAGES <= found


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: str(p.relative_to(REPO)))
def test_catalog_compiles_with_msgfmt_check(po_path, tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(po_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: str(p.relative_to(REPO)))
def test_translations_keep_every_placeholder(po_path):
    problems = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete:
            continue
        if entry.msgstr and placeholders(entry.msgstr) != placeholders(entry.msgid):
            problems.append(f"{entry.msgid!r} -> {entry.msgstr!r}")
        for index, text in entry.msgstr_plural.items():
            if text and placeholders(text) != placeholders(entry.msgid_plural or entry.msgid):
                problems.append(f"{entry.msgid_plural!r}[{index}] -> {text!r}")
    assert not problems, "placeholder mismatches:\n" + "\n".join(problems)


def test_placeholder_check_catches_a_dropped_placeholder(tmp_path):
    po = polib.POFile()
    po.append(polib.POEntry(msgid="{count} items left", msgstr="ostalo je predmetov"))
    po.save(str(tmp_path / "bad.po"))
    with pytest.raises(AssertionError):
        test_translations_keep_every_placeholder(tmp_path / "bad.po")
