"""Translations for the blocks.

Open edX loads a third-party block's catalog from <module>/translations/<lang>/LC_MESSAGES/text.mo.
We load the same catalog ourselves for the current Django language, so the workbench and the
LMS show the same text, and we hand it to templates as the XBlock i18n service would.
"""

import gettext
import os
from functools import lru_cache

TRANSLATIONS_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "translations")
DOMAIN = "text"
JS_NAMESPACE = "WiseXBlockI18N"


def gettext_noop(message):
    """Mark a module-level string for extraction; it is translated where it is shown."""
    return message


_ = gettext_noop


class Plural:
    """A message whose wording follows a number: `ngettext_noop("{limit} row", "{limit} rows", "limit")`.

    Slovenian has four forms, Croatian and Polish three ("2 wiersze", "5 wierszy"), so a count in a
    sentence needs ngettext, not one msgid. A Plural goes wherever a msgid goes: every gettext of ours
    (and the identity in pure modules) hands back something whose `.format(**values)` picks the form
    for values[count], so `gettext(template).format(**values)` works for both kinds.
    """

    def __init__(self, singular, plural, count="count"):
        self.singular, self.plural, self.count = singular, plural, count

    def format(self, **values):
        """In English (the source language): one form for 1, the other for every other number."""
        return (self.singular if values[self.count] == 1 else self.plural).format(**values)

    def in_language(self, ngettext):
        return _PluralIn(self, ngettext)

    def __eq__(self, other):
        return isinstance(other, Plural) and (self.singular, self.plural, self.count) == (
            other.singular,
            other.plural,
            other.count,
        )

    def __hash__(self):
        return hash((self.singular, self.plural, self.count))

    def __repr__(self):
        return f"Plural({self.singular!r}, {self.plural!r}, count={self.count!r})"


class _PluralIn:
    """A Plural in one language: the form is chosen when `.format()` sees the number."""

    def __init__(self, message, ngettext):
        self.message, self.ngettext = message, ngettext

    def format(self, **values):
        message = self.message
        return self.ngettext(message.singular, message.plural, values[message.count]).format(**values)


def ngettext_noop(singular, plural, count="count"):
    """Mark a message with a number for extraction (keyword ngettext_noop:1,2); translated where shown."""
    return Plural(singular, plural, count)


# JS picks a plural form from a table of the language's form index for 0..199: every formula our
# languages use depends on n itself below 100 and only on n % 100 above (tests/unit/i18n checks it),
# so n >= 200 looks up 100 + n % 100. The table saves the page a formula evaluator (no eval, no CSP).
PLURAL_TABLE_SIZE = 200
PLURAL_TABLE_KEY = "@plural"


def current_language():
    try:
        from django.utils import translation

        return translation.get_language() or "en"
    except Exception:  # Django not configured: a plain runtime in a unit test
        return "en"


@lru_cache(maxsize=32)
def translation_for(language):
    """The block catalog for `language` (e.g. "sl", "pt-br"), or None when we ship none."""
    candidates = [language, language.replace("-", "_"), language.split("-")[0]]
    try:
        return gettext.translation(DOMAIN, TRANSLATIONS_DIR, languages=candidates)
    except OSError:
        return None


class BlockTranslator:
    """gettext/ngettext in the learner's language, with English as the fallback."""

    def __init__(self, language=None):
        self.language = language or current_language()
        self.catalog = translation_for(self.language)

    def gettext(self, message):
        if isinstance(message, Plural):
            return message.in_language(self.ngettext)
        return self.catalog.gettext(message) if self.catalog else message

    def ngettext(self, singular, plural, number):
        if self.catalog:
            return self.catalog.ngettext(singular, plural, number)
        return singular if number == 1 else plural

    def plural_index(self, number):
        """Which plural form (0, 1, ...) the language uses for `number`."""
        if self.catalog and hasattr(self.catalog, "plural"):
            return int(self.catalog.plural(number))
        return int(number != 1)

    def plural_forms(self, message):
        """Every form of a Plural in this language, in the order of the catalog's plural index."""
        forms = {}
        for number in range(PLURAL_TABLE_SIZE):
            forms.setdefault(self.plural_index(number), self.ngettext(message.singular, message.plural, number))
        return [forms[index] for index in sorted(forms)]

    def template_service(self):
        """What xblock.utils templates merge into Django's catalog for {% trans %} tags."""
        return self.catalog


def translate_strings(translator, strings):
    """Translate a {key: msgid or Plural} map for the page's JavaScript (the fallback catalog).

    A Plural becomes {"forms": [...], "count": placeholder}, and the map gets the language's plural
    table under PLURAL_TABLE_KEY (common/public/js/i18n.js picks the form)."""
    translated = {}
    for key, message in strings.items():
        if isinstance(message, Plural):
            translated[key] = {"forms": translator.plural_forms(message), "count": message.count}
            translated.setdefault(
                PLURAL_TABLE_KEY, [translator.plural_index(number) for number in range(PLURAL_TABLE_SIZE)]
            )
        else:
            translated[key] = translator.gettext(message)
    return translated
