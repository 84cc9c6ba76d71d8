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
        return self.catalog.gettext(message) if self.catalog else message

    def ngettext(self, singular, plural, number):
        if self.catalog:
            return self.catalog.ngettext(singular, plural, number)
        return singular if number == 1 else plural

    def template_service(self):
        """What xblock.utils templates merge into Django's catalog for {% trans %} tags."""
        return self.catalog


def translate_strings(translator, strings):
    """Translate a {key: msgid} map for the page's JavaScript (the fallback catalog)."""
    return {key: translator.gettext(message) for key, message in strings.items()}
