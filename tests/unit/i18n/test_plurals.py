"""A sentence with a number in it has plural forms, in Python and in the blocks' JavaScript.

Slovenian has four forms, Croatian and Polish three: "{count} items" as one msgid reads wrong for most
numbers there. These tests find count-bearing msgids written without plural forms, and check that the
blocks' JavaScript gets every form and a plural table it can trust for any number.
"""

import gettext
import re
from pathlib import Path

import polib
import pytest
from wise_xblocks.common.i18n import (
    PLURAL_TABLE_KEY,
    PLURAL_TABLE_SIZE,
    TRANSLATIONS_DIR,
    BlockTranslator,
    Plural,
    ngettext_noop,
    translate_strings,
)

REPO = Path(__file__).resolve().parents[3]
TEMPLATES = [
    REPO / "xblocks/wise_xblocks/translations/text.pot",
    REPO / "plugin_app/wise_skills/locale/django.pot",
    REPO / "plugin_app/wise_skills/locale/djangojs.pot",
]
LANGUAGES = ("it", "sl", "hr", "pl", "fr", "nl", "de", "eo")
# A placeholder, then an English plural noun: "{count} items", "of %(total)s rows". The words listed follow a
# name placeholder ("{name} needs ...", "%(name)s as JSON"), they are not counted nouns.
COUNTED_NOUN = re.compile(r"(?:\{\w+\}|%\(\w+\)[sd]) ([a-z]+s)\b")
NOT_NOUNS = {"is", "as", "goes", "does", "has", "was", "needs", "takes", "mixes"}


def counted_nouns_without_plural(pot_path):
    found = []
    for entry in polib.pofile(str(pot_path)):
        if entry.msgid_plural or entry.obsolete:
            continue
        nouns = [word for word in COUNTED_NOUN.findall(entry.msgid) if word not in NOT_NOUNS]
        if nouns:
            found.append(entry.msgid)
    return found


@pytest.mark.parametrize("pot_path", TEMPLATES, ids=lambda p: p.name)
def test_a_number_before_a_noun_is_a_plural_message(pot_path):
    found = counted_nouns_without_plural(pot_path)
    assert not found, "use ngettext / ngettext_noop for these (several plural forms in sl, hr, pl):\n" + "\n".join(
        found
    )


def test_the_check_finds_a_count_without_plural_forms(tmp_path):
    pot = polib.POFile()
    pot.append(polib.POEntry(msgid="You sorted {correct} of {total} items."))
    pot.append(polib.POEntry(msgid="{name} needs a value."))
    pot.append(polib.POEntry(msgid="Groups of fewer than %(k)s learners are withheld."))
    pot.append(polib.POEntry(msgid="{count} row", msgid_plural="{count} rows"))
    pot.save(str(tmp_path / "t.pot"))
    assert counted_nouns_without_plural(tmp_path / "t.pot") == [
        "You sorted {correct} of {total} items.",
        "Groups of fewer than %(k)s learners are withheld.",
    ]


def _plural_rules():
    return [
        pytest.param(gettext.translation("text", TRANSLATIONS_DIR, languages=[language]).plural, id=language)
        for language in LANGUAGES
    ]


@pytest.mark.parametrize("plural", _plural_rules())
def test_every_language_repeats_its_plural_rule_every_hundred_above_200(plural):
    """The JS table covers 0..199 and looks up 100 + n % 100 beyond: true only for rules of that shape."""
    table = [plural(n) for n in range(PLURAL_TABLE_SIZE)]
    wrong = [n for n in range(PLURAL_TABLE_SIZE, 20_000) if plural(n) != table[100 + n % 100]]
    assert not wrong, f"the JS plural table would pick the wrong form for {wrong[:5]}"


def test_the_page_gets_every_form_and_the_table_in_polish():
    translator = BlockTranslator("pl")
    message = ngettext_noop("{count} item", "{count} items")
    strings = translate_strings(translator, {"count": message, "plain": "Submit"})
    entry, table = strings["count"], strings[PLURAL_TABLE_KEY]
    assert entry["count"] == "count"
    assert len(entry["forms"]) == 3  # one, few, many
    for number in (1, 3, 5, 12, 22, 25, 101, 1002):
        index = table[number] if number < PLURAL_TABLE_SIZE else table[100 + number % 100]
        assert entry["forms"][index] == translator.ngettext("{count} item", "{count} items", number)
    assert strings["plain"] == translator.gettext("Submit") != "Submit"
    assert len({*entry["forms"]}) == 3, "Polish needs three different forms"


def test_english_needs_no_catalog_and_no_table_entry_for_plain_strings():
    strings = translate_strings(BlockTranslator("en"), {"plain": "Submit"})
    assert strings == {"plain": "Submit"}
    forms = translate_strings(BlockTranslator("en"), {"n": ngettext_noop("{n} row", "{n} rows", "n")})
    assert forms["n"] == {"forms": ["{n} row", "{n} rows"], "count": "n"}
    assert forms[PLURAL_TABLE_KEY][:3] == [1, 0, 1]


def test_a_plural_goes_wherever_a_msgid_goes():
    message = ngettext_noop("At most {limit} row.", "At most {limit} rows.", "limit")
    assert isinstance(message, Plural)
    assert message.format(limit=1) == "At most 1 row."
    assert message.format(limit=40) == "At most 40 rows."
    polish = BlockTranslator("pl")
    assert polish.gettext(message).format(limit=3) == polish.ngettext(message.singular, message.plural, 3).format(
        limit=3
    )
    assert polish.gettext(message).format(limit=3) != polish.gettext(message).format(limit=5)
