"""Reading amounts the way learners in eight locales write them, and showing amounts back."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wise_xblocks.costing.numbers import (
    LOCALES,
    AmountError,
    format_money,
    format_number,
    format_percent,
    normalize_locale,
    parse_amount,
)

CONTINENTAL = [locale for locale in LOCALES if locale != "en"]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    "text,expected",
    [
        ("1234.5", 1234.5),
        ("1234,50", 1234.5),
        ("1.234,50", 1234.5),
        ("1,234.50", 1234.5),
        ("1 234,50", 1234.5),
        ("1\u00a0234,50", 1234.5),  # no-break space (pl, fr)
        ("1\u202f234,50", 1234.5),  # narrow no-break space (fr)
        ("1'234.50", 1234.5),  # Swiss
        ("1’234.50", 1234.5),
        ("1.234.567", 1234567),  # a repeated mark groups thousands
        ("1,234,567", 1234567),
        ("1.234.567,8", 1234567.8),
        ("€1,234.50", 1234.5),
        ("1.234,50 €", 1234.5),
        ("EUR 1234,50", 1234.5),
        ("1234,50 eur", 1234.5),
        ("1 234,50 zł", 1234.5),
        ("PLN 1234.50", 1234.5),
        ("1234,50 kn", 1234.5),
        ("-12,5", -12.5),
        ("−12.5", -12.5),  # the typographic minus
        ("+7", 7),
        ("- € 3,20", -3.2),
        ("0,5", 0.5),
        (",5", 0.5),
        ("33,3 %", 33.3),
        ("7", 7),
        ("  42  ", 42),
        ("1234,5678", 1234.5678),  # four decimals: never a thousands group
        ("12,34", 12.34),
    ],
)
def test_unambiguous_forms_read_the_same_in_every_locale(locale, text, expected):
    assert parse_amount(text, locale) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["1.234", "1,234"])
def test_a_single_mark_before_three_digits_follows_the_locale(text):
    # English: "," groups thousands, "." is the decimal point.
    assert parse_amount("1,234", "en") == 1234 and parse_amount("1.234", "en") == pytest.approx(1.234)
    for locale in CONTINENTAL:
        assert parse_amount("1.234", locale) == 1234
        assert parse_amount("1,234", locale) == pytest.approx(1.234)


def test_more_than_three_digits_before_a_single_mark_make_it_decimal():
    assert parse_amount("1234.567", "de") == pytest.approx(1234.567)
    assert parse_amount("1234,567", "en") == pytest.approx(1234.567)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "12a",
        "1.2.3,4,5",
        "12.34.567",
        "1,23,456",
        "1 23,5",
        "1.234 567,8",
        "5.",
        "1,2.3.4",
        "€",
        "1e5",
        "0x10",
        "12/3",
        "--5",
        "1 234.567,8",
        "x" * 41,
    ],
)
def test_unreadable_answers_raise_amount_error_with_a_message(text):
    with pytest.raises(AmountError) as info:
        parse_amount(text, "it")
    assert info.value.render()


def test_non_text_is_refused():
    with pytest.raises(AmountError):
        parse_amount(12, "en")


@pytest.mark.parametrize(
    "locale,money_eur,money_pln",
    [
        ("en", "€1,234.50", "PLN 1,234.50"),
        ("it", "1.234,50 €", "1.234,50 PLN"),
        ("sl", "1.234,50 €", "1.234,50 PLN"),
        ("hr", "1.234,50 €", "1.234,50 PLN"),
        ("pl", "1234,50 €", "1234,50 zł"),  # Polish groups from five digits (CLDR)
        ("fr", "1\u202f234,50 €", "1\u202f234,50 PLN"),
        ("nl", "€ 1.234,50", "PLN 1.234,50"),
        ("de", "1.234,50 €", "1.234,50 PLN"),
    ],
)
def test_money_in_each_locale(locale, money_eur, money_pln):
    assert format_money(1234.5, "EUR", locale) == money_eur
    assert format_money(1234.5, "PLN", locale) == money_pln


def test_formatting_details():
    assert format_number(12345.678, "pl") == "12\u00a0345,68"
    assert format_number(1234567.891, "de", 0) == "1.234.568"
    assert format_number(2.675, "en") == "2.68"  # commercial rounding
    assert format_money(-12, "EUR", "it") == "-12,00 €"
    assert format_money(-12, "EUR", "en") == "-€12.00"
    assert format_percent(0.22, "it") == "22%" and format_percent(0.22, "de") == "22\u00a0%"
    assert format_percent(0.095, "sl") == "9,5\u00a0%"
    assert format_percent(0.3333, "en") == "33.3%"
    assert format_number(1234.5, "en", 2, grouping=False) == "1234.50"


@pytest.mark.parametrize("raw,expected", [("pt-br", "en"), ("de_DE", "de"), ("PL", "pl"), (None, "en"), ("", "en")])
def test_locale_names_are_normalised(raw, expected):
    assert normalize_locale(raw) == expected


@settings(max_examples=150, deadline=None)
@given(
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.sampled_from(LOCALES), st.sampled_from(["EUR", "PLN"])
)
def test_what_we_show_a_learner_reads_back_as_the_same_amount(value, locale, currency):
    shown = format_money(value, currency, locale)
    assert parse_amount(shown, locale) == pytest.approx(round(value, 2), abs=0.006)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=45), st.sampled_from(LOCALES))
def test_fuzz_only_amount_errors(text, locale):
    try:
        value = parse_amount(text, locale)
    except AmountError:
        return
    assert isinstance(value, float)
