"""Catalogs and data translations use the glossary's word for each idea (docs/course_teams/glossary.md).

For every English text that contains a glossary term, the translation must contain one of the glossary's words
for that term in its language. Words are compared by stem (the word less its last two or three letters),
so inflected forms count: Polish "pojemnika", Slovenian "ravni", German "Gegenstände". Longer terms are
matched first ("gross margin" before "margin"), so each part of a msgid is checked against one term.
"""

import json
import re
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parents[3]
GLOSSARY = REPO / "docs/course_teams/glossary.md"
LANGUAGES = ("it", "sl", "hr", "pl", "fr", "nl", "de")
CATALOGS = (
    "xblocks/wise_xblocks/translations/{lang}/LC_MESSAGES/text.po",
    "plugin_app/wise_skills/locale/{lang}/LC_MESSAGES/django.po",
    "plugin_app/wise_skills/locale/{lang}/LC_MESSAGES/djangojs.po",
)
# Data translations beside the data files (presets, costing templates, frameworks, roles): {"strings": {en: text}}.
OVERLAY_DIRS = ("xblocks/wise_xblocks", "plugin_app/wise_skills")
# Parts of a msgid that are names, not words to translate: placeholders, markup, OLX element lists, code
# names (wise_skills.exports.KINDS) and the title of a law.
NOT_TERMS = re.compile(r"\{\w+\}|%\(\w+\)[sd]|<[^>]+>|\(OLX:[^)]*\)|\w+(?:\.\w+)+|Waste Framework Directive")
# Where the English word means something else than the glossary entry, or the sentence is rephrased
# around it on purpose (the glossary asks for learner text that addresses the learner, not "the learner").
OTHER_SENSE = {
    ("hint", "Hints from course enrollments"): "suggested evidence, not an exercise hint",
    ("cost", "costs more than"): "the verb",
    ("cost", "what a product costs"): "the verb",
    ("cost", "what a trip costs"): "the verb",
    ("level", "nested too deeply"): "depth of a formula",
    ("learner", "for learners who cannot see it"): "rephrased: who cannot see it",
    ("learner", "a learner who changed their answers"): "rephrased: whoever changed their answers",
    ("learner", "A learner gave you a credential"): "rephrased: someone gave you",
    ("learner", "no learner"): "rephrased: nobody",
    ("cost", "costs the room rate"): "the verb",
    ("cost", "beds at cost"): "at cost price",
    ("cost", "hourly cost"): "a wage rate (Stundensatz, uurloon)",
    ("gap", "Identifying digital competence gaps"): "DigComp 5.4: its name follows the EU's own translations",
}
LABEL = re.compile(r"^\s*[a-z][a-z ]*:\s+")  # "on the farm: Deckungsbeitrag" -> "Deckungsbeitrag"


def stem(word):
    if len(word) <= 3:
        return word
    return word[: len(word) - 3] if len(word) >= 7 else word[: max(3, len(word) - 2)]


def _alternatives(cell):
    """'Bruttomarge; on the farm: **Deckungsbeitrag**' -> [['brutto'], ['deckungsbeit']] (stems per word)."""
    cell = re.sub(r"\(.*?\)", "", cell.replace("**", "").replace("*", ""))
    found = []
    for alternative in re.split(r"[,;]", cell):
        words = re.findall(r"[\w:-]+", LABEL.sub("", alternative).lower())
        stems = [stem(word) for word in words if len(word) > 2]
        if stems:
            found.append(stems)
    return found


def glossary_terms(text):
    """[(english term, {language: alternatives})], longest English term first."""
    terms = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("| ") or len(cells) != 1 + len(LANGUAGES) or cells[0] in ("English", "Language"):
            continue
        if set(cells[1]) <= {"-"}:
            continue
        english = re.sub(r"\(.*?\)", "", cells[0])
        by_language = {language: _alternatives(cell) for language, cell in zip(LANGUAGES, cells[1:])}
        terms += [(term.strip().lower(), by_language) for term in english.split("/") if term.strip()]
    return sorted(terms, key=lambda term: -len(term[0]))


def mismatches(pairs, terms, language):
    """(term, msgid, translation) for each glossary term whose word is missing from the translation."""
    found = []
    for msgid, translation in pairs:
        if translation.strip() == msgid.split(" (", 1)[0].strip():
            continue  # a local bin name with an English gloss ("Vetro (glass packaging)") stays the local name
        source = NOT_TERMS.sub(" ", msgid).lower()
        lowered = translation.lower()
        for term, by_language in terms:
            pattern = re.compile(r"\b" + re.escape(term) + r"(?:s|es)?\b")
            if not pattern.search(source):
                continue
            source = pattern.sub(" ", source)
            if any(term == t and marker.lower() in msgid.lower() for (t, marker) in OTHER_SENSE):
                continue
            if not any(all(part in lowered for part in stems) for stems in by_language[language]):
                found.append((term, msgid, translation))
    return found


def catalog_pairs(language):
    pairs = []
    for pattern in CATALOGS:
        path = REPO / pattern.format(lang=language)
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgid:
                continue
            text = entry.msgstr or " | ".join(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
            pairs.append((entry.msgid, text))
    return pairs


def overlay_files(language):
    return sorted(path for folder in OVERLAY_DIRS for path in (REPO / folder).glob(f"**/i18n/*.{language}.json"))


def overlay_pairs(path):
    strings = json.loads(path.read_text(encoding="utf-8"))["strings"]
    return [(english, text) for english, text in strings.items() if isinstance(text, str)]


TERMS = glossary_terms(GLOSSARY.read_text(encoding="utf-8"))


def test_the_glossary_has_the_terms_the_issue_names():
    names = {term for term, _ in TERMS}
    for term in ("bin", "residual waste", "break-even", "margin", "mark-up", "competence", "level", "gap"):
        assert term in names, term


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogs_use_the_glossary_words(language):
    found = mismatches(catalog_pairs(language), TERMS, language)
    assert not found, (
        f"{len(found)} translations in {language} do not use the glossary's word (docs/course_teams/glossary.md);\n"
        "use it, or add the form to the glossary if it is right:\n"
        + "\n".join(f"  {term!r}: {msgid[:70]!r} -> {text[:70]!r}" for term, msgid, text in found[:30])
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_data_translations_use_the_glossary_words(language):
    files = overlay_files(language)
    assert len(files) > 20, "the data translations were not found"
    found = [(path, *problem) for path in files for problem in mismatches(overlay_pairs(path), TERMS, language)]
    assert not found, f"{len(found)} data translations in {language} do not use the glossary's word:\n" + "\n".join(
        f"  {path.name} {term!r}: {en[:60]!r} -> {text[:60]!r}" for path, term, en, text in found[:30]
    )


def test_the_check_finds_a_translation_that_uses_another_word():
    terms = glossary_terms(
        "| English | it | sl | hr | pl | fr | nl | de |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| bin | contenitore | zabojnik | spremnik | pojemnik | poubelle | bak | Tonne |\n"
        "| gross margin | margine lordo | bruto marža | bruto marža | marża brutto | marge brute | brutomarge |"
        " Bruttomarge; on the farm: **Deckungsbeitrag** |\n"
        "| margin | margine | marža | marža | marża | marge | marge | Marge |\n"
    )
    pairs = [
        ("Choose a bin.", "Wybierz pojemnik."),
        ("The {bin} bin is full.", "Pojemnika {bin} jest pełny."),  # inflected: still the glossary word
        ("Empty the bin.", "Opróżnij kosz."),  # another word
        ("Gross margin per hectare", "Marża brutto na hektar"),
    ]
    assert mismatches(pairs, terms, "pl") == [("bin", "Empty the bin.", "Opróżnij kosz.")]
    assert mismatches([("Gross margin", "Deckungsbeitrag")], terms, "de") == []
    assert mismatches([("Gross margin", "Rohgewinn")], terms, "de") == [("gross margin", "Gross margin", "Rohgewinn")]
    assert mismatches([("Szkło (glass bin)", "Szkło")], terms, "pl") == [], "a local name keeps its own words"
