"""How the pages show data names and percentages in the reader's language (the active Django language).

Competence, area, level and role names live in English in the database (they are keys of the shipped catalogue as
much as labels); their translations are kept beside the data files (frameworks/data/i18n, frameworks/roles/i18n)
and picked here, at display time, so a page in Polish shows Polish names without a second copy of the catalogue in
the database. Names nobody translated (a WISE's own name, a network) come back unchanged.
"""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, pgettext

from .frameworks.catalogue import data_text


def data_name(text, language: str | None = None):
    """`text` (a competence, area, level or role name) in `language`, by default the active one."""
    if not isinstance(text, str) or not text:
        return text
    return data_text(text, language or get_language())


def day(value, format_name: str = "DATE_FORMAT") -> str:
    """A day (a date, or the ISO text the reports return) as the active language writes it: "1 mars 2026",
    "1. März 2026"; ``SHORT_DATE_FORMAT`` for table headers ("01/03/2026"). Anything else comes back as text."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, date):
        return "" if value is None else str(value)
    return date_format(value, format_name, use_l10n=True)


def country_name(code) -> str:
    """A country's name in the active language ("Italia", "Slovenija") from django-countries, which the LMS
    installs; the ISO code itself where it is not installed or does not know the code."""
    if not code:
        return ""
    try:
        from django_countries import countries
    except ImportError:
        return str(code)
    return str(countries.name(str(code).upper())) or str(code)


def grouped(value) -> str:
    """A count with the active language's thousands separator ("12 000", "12.000", "12,000"), whatever the
    host's USE_THOUSAND_SEPARATOR: row counts of exports reach the hundred thousands."""
    if value is None or value == "":
        return ""
    return number_format(value, use_l10n=True, force_grouping=True)


def percent(value, decimals: int = 0) -> str:
    """A percentage as the active language writes it: "12%" in Italian or Polish, "12 %" (no-break space) in
    French, German, Slovenian and Croatian (CLDR). The pattern is a translatable string, so a catalog decides."""
    if value is None or value == "":
        return ""
    number = number_format(value, decimal_pos=decimals, use_l10n=True)
    # Translators: how your language writes a percentage; %(value)s is the number. Use a no-break space
    # (U+00A0, or U+202F in French) where your language puts a space before "%".
    return pgettext("percentage", "%(value)s%%") % {"value": number}
