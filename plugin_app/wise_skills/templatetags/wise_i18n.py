"""Template filters for names and numbers in the reader's language: ``{% load wise_i18n %}``.

``{{ row.name|data_name }}`` shows a competence, area, level or role name translated from the data overlays;
``{{ cell.share_pct|percent }}`` writes "12%" or "12 %" as the active language does, ``{{ n|grouped }}`` "12 000" or
"12.000", ``{{ report.on|day }}`` "1 mars 2026" (``|day:"SHORT_DATE_FORMAT"`` for table headers). See
wise_skills.display.
"""

from django import template

from .. import display

register = template.Library()


@register.filter
def data_name(text):
    return display.data_name(text)


@register.filter
def percent(value):
    return display.percent(value)


@register.filter
def grouped(value):
    return display.grouped(value)


@register.filter
def day(value, format_name="DATE_FORMAT"):
    return display.day(value, format_name)


@register.filter
def country_name(code):
    return display.country_name(code)
