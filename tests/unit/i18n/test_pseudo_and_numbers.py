"""The pseudo-locale keeps every placeholder and grows text; amounts read and print in all 7 locales."""

import sys
from pathlib import Path

import pytest
from wise_xblocks.costing.numbers import format_money, format_number, normalize_locale, parse_amount

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "scripts"))
from pseudo_locale import pseudo  # noqa: E402

from tests.unit.i18n.test_catalogs import placeholders  # noqa: E402

LANGUAGES = ("it", "sl", "hr", "pl", "fr", "nl", "de")


@pytest.mark.parametrize(
    "text",
    [
        "Save",
        "You sorted {correct} of {total} items correctly.",
        "%(n)s cells are withheld (fewer than %(k)s learners): %(share)s%% below.",
        "Coffee grounds go in the <strong>orange bag</strong> &amp; {bin}.",
        "Value {value:.2f} and %s and %d",
    ],
)
def test_pseudo_text_keeps_placeholders_markup_and_grows(text):
    out = pseudo(text)
    assert placeholders(out) == placeholders(text)
    for markup in ("<strong>", "</strong>", "&amp;", "{value:.2f}"):
        if markup in text:
            assert markup in out
    assert len(out) >= len(text) * 1.3
    assert out != text and out.startswith("⟦") and out.endswith("⟧")
    assert not any(word in out for word in ("Save", "sorted", "withheld", "Coffee"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_amounts_round_trip_in_every_shipped_locale(language):
    assert normalize_locale(language) == language
    for value in (0.5, 12.0, 1234.5, 987654.25):
        shown = format_number(value, language)
        assert parse_amount(shown, language) == pytest.approx(value), (language, shown)
        money = format_money(value, "EUR", language)
        assert parse_amount(money, language) == pytest.approx(value), (language, money)


def test_unknown_and_pseudo_locales_read_amounts_the_english_way():
    assert normalize_locale("eo") == "en"
    assert normalize_locale("pt-br") == "en"
