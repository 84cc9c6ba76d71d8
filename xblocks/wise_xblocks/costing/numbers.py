"""Reading learners' amounts and showing amounts in the learner's locale. Pure.

Learners in Italy, Slovenia, Croatia, Poland, Belgium (French, Dutch) and Germany write
"1.234,50", an English-speaking learner "1,234.50", a Swiss-trained one "1'234.50", a
French or Polish one "1 234,50". We accept all of them with rules that never guess two
ways (documented for course teams in docs/course_teams/costing.md):

1. Currency signs and codes (€, EUR, PLN, zł, zl, kn, HRK) and a trailing "%" are
   ignored at either end; a leading "+", "-" or "−" gives the sign.
2. Spaces (also non-breaking and thin spaces) and apostrophes (' and ’) are only ever
   thousands separators.
3. When both "." and "," occur, the one that occurs last is the decimal separator and the
   other one separates thousands: "1.234,50" and "1,234.50" are both 1234.5.
4. When one of them occurs more than once, it separates thousands: "1.234.567".
5. When one of them occurs once and is followed by exactly three digits ("1.234",
   "1,234"), the learner's locale decides: in English it is read the English way ("1,234"
   = 1234, "1.234" = 1.234); in it/sl/hr/pl/fr/nl/de the continental way ("1.234" = 1234,
   "1,234" = 1.234). Every other single "." or "," is the decimal separator ("1234,5").
6. Thousands groups must have exactly three digits ("12.34.567" is refused), so a typo is
   reported instead of being read as a different amount.
"""

import math
import re

from ..common.i18n import _, ngettext_noop

MAX_INPUT_LENGTH = 40
LOCALES = ("en", "it", "sl", "hr", "pl", "fr", "nl", "de")
DEFAULT_LOCALE = "en"

CURRENCY_MARKS = ("EUR", "PLN", "HRK", "zł", "zl", "kn", "€", "%")
GROUP_MARKS = " \u00a0\u202f\u2009'\u2019"
MINUS_SIGNS = "-\u2212"


class AmountError(ValueError):
    """An answer that is not a number we can read unambiguously; `template` is an English msgid."""

    def __init__(self, template, **params):
        self.template = template
        self.params = params
        super().__init__(template.format(**params))

    def render(self, gettext=lambda message: message):
        return gettext(self.template).format(**self.params)


# How each locale writes 1234.5 in EUR and PLN: decimal mark, group mark, minimum digits before
# grouping starts (CLDR: Polish writes 1234 but 12 345), currency pattern ({n} the number).
FORMATS = {
    "en": {"decimal": ".", "group": ",", "min_grouping": 1, "pattern": {"EUR": "€{n}", "PLN": "PLN {n}"}},
    "it": {"decimal": ",", "group": ".", "min_grouping": 1, "pattern": {"EUR": "{n} €", "PLN": "{n} PLN"}},
    "sl": {"decimal": ",", "group": ".", "min_grouping": 1, "pattern": {"EUR": "{n} €", "PLN": "{n} PLN"}},
    "hr": {"decimal": ",", "group": ".", "min_grouping": 1, "pattern": {"EUR": "{n} €", "PLN": "{n} PLN"}},
    "pl": {"decimal": ",", "group": "\u00a0", "min_grouping": 2, "pattern": {"EUR": "{n} €", "PLN": "{n} zł"}},
    "fr": {"decimal": ",", "group": "\u202f", "min_grouping": 1, "pattern": {"EUR": "{n} €", "PLN": "{n} PLN"}},
    "nl": {"decimal": ",", "group": ".", "min_grouping": 1, "pattern": {"EUR": "€ {n}", "PLN": "PLN {n}"}},
    "de": {"decimal": ",", "group": ".", "min_grouping": 1, "pattern": {"EUR": "{n} €", "PLN": "{n} PLN"}},
}
CURRENCIES = ("EUR", "PLN")


def normalize_locale(locale):
    """'pt-br', 'de_DE', None -> one of LOCALES (English when we do not know the language)."""
    if not locale:
        return DEFAULT_LOCALE
    base = str(locale).replace("_", "-").split("-")[0].lower()
    return base if base in LOCALES else DEFAULT_LOCALE


def _strip_marks(text):
    changed = True
    while changed and text:
        changed = False
        for mark in CURRENCY_MARKS:
            for candidate in (mark, mark.lower(), mark.upper()):
                if text.startswith(candidate):
                    text, changed = text[len(candidate) :].strip(GROUP_MARKS + "\t"), True
                if text.endswith(candidate):
                    text, changed = text[: -len(candidate)].strip(GROUP_MARKS + "\t"), True
    return text


_GROUPED = re.compile(r"\d{1,3}(?:X\d{3})*\Z")


def _check_groups(integer_part, separator):
    if separator is None:
        return integer_part
    if not _GROUPED.match(integer_part.replace(separator, "X")):
        raise AmountError(
            _("“{text}”: thousands must be grouped by three digits, e.g. 12.345,50 or 12,345.50."), text=integer_part
        )
    return integer_part.replace(separator, "")


def parse_amount(text, locale=DEFAULT_LOCALE):
    """The number a learner typed, as a float; AmountError (with a message to show) when unreadable."""
    if not isinstance(text, str):
        raise AmountError(_("Please type a number."))
    if len(text) > MAX_INPUT_LENGTH:
        raise AmountError(
            ngettext_noop(
                "The answer is longer than {limit} character.", "The answer is longer than {limit} characters.", "limit"
            ),
            limit=MAX_INPUT_LENGTH,
        )
    original = text
    text = _strip_marks(text.strip().strip(GROUP_MARKS + "\t"))
    negative = False
    if text and (text[0] in MINUS_SIGNS or text[0] == "+"):
        negative = text[0] != "+"
        text = _strip_marks(text[1:].strip(GROUP_MARKS + "\t"))
    if not text:
        raise AmountError(_("Please type a number."))
    if not re.fullmatch(r"[0-9.,\u00a0\u202f\u2009 '\u2019]+", text) or not text[0].isdigit() and text[0] not in ".,":
        raise AmountError(
            _(
                "“{text}” is not a number we can read: use digits, one decimal separator and, "
                "if you like, thousands separators."
            ),
            text=original.strip()[:MAX_INPUT_LENGTH],
        )
    # Rule 2: spaces and apostrophes group thousands; normalise them to one mark.
    spaced = any(mark in text for mark in GROUP_MARKS)
    for mark in GROUP_MARKS:
        text = text.replace(mark, "_")
    dots, commas = text.count("."), text.count(",")
    decimal = group = None
    if dots and commas:  # rule 3
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        group = "," if decimal == "." else "."
        if text.count(decimal) > 1:
            raise AmountError(_("“{text}” has more than one decimal separator."), text=original.strip())
    elif dots > 1 or commas > 1:  # rule 4
        group = "." if dots else ","
    elif dots or commas:  # rule 5
        mark = "." if dots else ","
        after = text.split(mark)[1]
        before = text.split(mark)[0]
        if len(after) == 3 and after.isdigit() and 1 <= len(before.replace("_", "")) and not spaced:
            continental = normalize_locale(locale) != "en"
            reads_as_group = (mark == ".") == continental
            if reads_as_group and re.fullmatch(r"\d{1,3}", before):
                group = mark
            else:
                decimal = mark
        else:
            decimal = mark
    if spaced:
        if group is not None and group != "_":
            raise AmountError(_("“{text}” mixes several thousands separators."), text=original.strip())
        group = "_"
    integer_part, _sep, fraction = text.partition(decimal) if decimal else (text, "", "")
    if decimal and not fraction.isdigit():
        raise AmountError(_("“{text}”: digits must follow the decimal separator."), text=original.strip())
    integer_part = _check_groups(integer_part, group) if integer_part else "0"
    if not integer_part.isdigit():
        raise AmountError(
            _(
                "“{text}” is not a number we can read: use digits, one decimal separator and, "
                "if you like, thousands separators."
            ),
            text=original.strip(),
        )
    value = float(f"{integer_part}.{fraction or '0'}")
    if not math.isfinite(value) or value > 1e15:
        raise AmountError(_("The number is too large."))
    return -value if negative else value


def format_number(value, locale=DEFAULT_LOCALE, decimals=2, grouping=True):
    """1234.5 -> '1,234.50' (en), '1.234,50' (de), '1 234,50' (fr, narrow no-break space)."""
    spec = FORMATS[normalize_locale(locale)]
    from .expression import round_half_away

    rounded = round_half_away(float(value), decimals)
    text = f"{abs(rounded):.{decimals}f}"
    integer, _sep, fraction = text.partition(".")
    if grouping and len(integer) > 3 and len(integer) >= 4 + spec["min_grouping"] - 1:
        groups = []
        while len(integer) > 3:
            groups.insert(0, integer[-3:])
            integer = integer[:-3]
        integer = spec["group"].join([integer, *groups])
    body = integer + (spec["decimal"] + fraction if fraction else "")
    return ("-" if rounded < 0 else "") + body


def format_money(value, currency="EUR", locale=DEFAULT_LOCALE, decimals=2):
    spec = FORMATS[normalize_locale(locale)]
    pattern = spec["pattern"].get(currency, "{n} " + currency)
    number = format_number(value, locale, decimals)
    # The sign goes before the whole amount: "-€12.00", "-12,00 €".
    if number.startswith("-"):
        return "-" + pattern.replace("\u00a0", " ").format(n=number[1:])
    return pattern.format(n=number)


def format_percent(fraction, locale=DEFAULT_LOCALE, decimals=1):
    number = format_number(fraction * 100, locale, decimals)
    spec = FORMATS[normalize_locale(locale)]
    if spec["decimal"] + "0" * decimals == number[-(decimals + 1) :] and decimals:
        number = number[: -(decimals + 1)]  # 22.0 % -> 22 %
    return number + (
        "\u00a0%" if normalize_locale(locale) in ("fr", "de", "sl", "hr") else "%"
    )  # CLDR percent patterns
