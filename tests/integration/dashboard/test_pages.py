"""The dashboard and profile pages through the Django test client: scope, filters, drill-down, suppression."""

import json
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
import wise_skills
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wise_skills.models import Area, Competence

from tests.integration.dashboard.conftest import add_learners, client_for, js_catalog, seed_levels

DASH = "/wise-skills/dashboard/"


def cells(html, attr="data-mean-gap"):
    return re.findall(rf'{attr}="([^"]*)"', html)


def column_keys(html):
    head = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    return re.findall(r'data-key="([^"]*)"', head)


def test_anonymous_is_sent_to_the_login_page(populated, client):
    for url in (DASH, "/wise-skills/profile/", "/wise-skills/dashboard/print/?wise=wise-a"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")


def test_a_learner_is_sent_to_their_own_profile(populated, client):
    client_for(client, populated["users"]["learner"])
    response = client.get(DASH)
    assert response.status_code == 302 and response["Location"] == "/wise-skills/profile/"
    page = client.get("/wise-skills/profile/").content.decode()
    assert "My skills profile" in page and "Sorting operator at WISE A" in page
    assert "wise-profile-table" in page
    assert client.get("/wise-skills/dashboard/learners/1000/").status_code == 404


def test_manager_lands_on_their_wise_and_never_sees_another(populated, client):
    client_for(client, populated["users"]["manager_a"])
    response = client.get(DASH)
    assert response.status_code == 302 and response["Location"] == DASH + "?wise=wise-a"
    page = client.get(DASH + "?wise=wise-a").content.decode()
    assert "Skills profile of WISE A" in page
    assert "WISE B" not in page and "WISE C" not in page
    assert set(column_keys(page)) == {"sorting-operator", "collection-team-leader"}
    ids = {int(i) for i in re.findall(r'data-user-id="(\d+)"', page)}
    assert ids and all(1000 <= i < 1200 or i == populated["users"]["learner"].id for i in ids)
    # Editing the URL to B's key gives a form error and no B numbers.
    other = client.get(DASH + "?wise=wise-b").content.decode()
    assert "WISE B" not in other and "Select a valid choice" in other
    assert "Skills profile of" not in other
    assert client.get("/wise-skills/dashboard/learners/1200/").status_code == 404
    assert client.get("/wise-skills/dashboard/learners/1000/").status_code == 200
    assert client.get("/wise-skills/dashboard/print/?wise=wise-b").status_code == 404


def test_coordinator_sees_the_wises_of_their_network_only(populated, client):
    client_for(client, populated["users"]["coordinator"])
    page = client.get(DASH).content.decode()
    assert set(column_keys(page)) == {"wise-a", "wise-b"}
    assert "WISE C" not in page


def test_staff_drill_down_network_wise_role(populated, client):
    client_for(client, populated["users"]["staff"])
    page = client.get(DASH).content.decode()
    assert set(column_keys(page)) == {"n1", "n2"}
    assert 'href="/wise-skills/dashboard/?network=n1&amp;rows=competence"' in page
    page = client.get(DASH + "?network=n1").content.decode()
    assert set(column_keys(page)) == {"wise-a", "wise-b"}
    assert "network=n1&amp;wise=wise-a" in page
    page = client.get(DASH + "?network=n1&wise=wise-a").content.decode()
    assert set(column_keys(page)) == {"sorting-operator", "collection-team-leader"}
    assert 'aria-current="page">WISE A</a>' in page  # the breadcrumb ends at the WISE
    page = client.get(DASH + "?network=n1&wise=wise-a&role=sorting-operator").content.decode()
    assert set(column_keys(page)) == {"sorting-operator"}
    ids = {int(i) for i in re.findall(r'data-user-id="(\d+)"', page)}
    assert ids and all(1000 <= i < 1100 or i == populated["users"]["learner"].id for i in ids)


def test_filters_narrow_the_rows_and_columns(populated, client):
    client_for(client, populated["users"]["staff"])
    page = client.get(DASH + "?framework=digcomp").content.decode()
    rows = re.findall(r'<th scope="row" data-key="([^"]*)"', page)
    assert rows and all(r.startswith("digcomp:") for r in rows)
    page = client.get(DASH + "?country=SI").content.decode()
    assert set(column_keys(page)) == {"wise-c"}
    page = client.get(DASH + "?rows=area&network=n1").content.decode()
    rows = re.findall(r'<th scope="row" data-key="([^"]*)"', page)
    assert rows and all(r.count(":") == 1 for r in rows) and "Competence area" in page
    bad = client.get(DASH + "?date_from=2026-06-01&date_to=2026-01-01").content.decode()
    assert "The start of the trend must be before its end." in bad


def test_small_groups_are_withheld_in_the_page(populated, client):
    """WISE C: 8 tour coordinators (shown) and 2 hospitality assistants (withheld)."""
    client_for(client, populated["users"]["staff"])
    page = client.get(DASH + "?wise=wise-c").content.decode()
    assert set(column_keys(page)) == {"tour-coordinator", "hospitality-assistant"}
    assert 'data-withheld="small_group"' in page
    assert "withheld to protect small groups" in page
    # Narrowing to the small role does not reveal it.
    page = client.get(DASH + "?wise=wise-c&role=hospitality-assistant").content.decode()
    assert cells(page) == [] and 'data-withheld="' in page


def test_trend_between_two_dates(populated, client):
    client_for(client, populated["users"]["staff"])
    page = client.get(DASH + "?wise=wise-a&date_from=2026-03-01&date_to=2026-07-01").content.decode()
    trend = page.split('id="wise-trend-table"', 1)[1].split("</table>", 1)[0]
    assert "(better)" in trend  # half the learners improved in June


def test_the_print_view_has_the_profile_and_no_forms(populated, client):
    client_for(client, populated["users"]["manager_a"])
    page = client.get("/wise-skills/dashboard/print/?wise=wise-a").content.decode()
    assert "Skills profile of WISE A" in page and "wise-areas-table" in page
    assert "<form" not in page and 'media="print"' in page


def test_switched_off_app_answers_404(populated, client, settings):
    settings.WISE_SKILLS_ENABLED = False
    client_for(client, populated["users"]["staff"])
    assert client.get(DASH).status_code == 404
    assert client.get("/wise-skills/profile/").status_code == 404


def test_dashboard_query_count_does_not_grow_with_learners(populated, client):
    client_for(client, populated["users"]["staff"])
    url = DASH + "?wise=wise-a&date_from=2026-03-01"

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    seed_levels(add_learners(populated["wises"]["a"], "sorting-operator", 5000, 30, start=date(2026, 1, 1)), seed=3)
    assert count() == before


def test_table_alternative_has_the_chart_numbers(populated, client):
    client_for(client, populated["users"]["staff"])
    page = client.get(DASH + "?wise=wise-a").content.decode()
    import json

    chart = json.loads(page.split('id="wise-area-chart" type="application/json">', 1)[1].split("</script>", 1)[0])
    table = page.split('id="wise-areas-table"', 1)[1].split("</table>", 1)[0]
    values = [float(v) for v in re.findall(r'data-value="([^"]*)"', table)]
    assert values[0::2] == chart["required"] and values[1::2] == chart["current"]


@pytest.mark.parametrize("lang", ["it", "fr"])
def test_pages_follow_the_language(populated, client, lang):
    client_for(client, populated["users"]["staff"])
    page = client.get(DASH, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert f'<html lang="{lang}"' in page


def test_a_learner_without_a_role_still_gets_a_profile(populated, client, django_user_model):
    newcomer = django_user_model.objects.create_user("newcomer", password="x")
    client_for(client, newcomer)
    page = client.get("/wise-skills/profile/").content.decode()
    assert "You have no role in a WISE yet" in page and "No level is required yet." in page


def test_a_past_report_date_applies_to_every_part_of_the_profile(populated, client):
    """On 2026-03-01 nobody had the June improvements yet: every mean gap is at least today's."""
    client_for(client, populated["users"]["staff"])
    now = client.get(DASH + "?wise=wise-a").content.decode()
    then = client.get(DASH + "?wise=wise-a&date_to=2026-03-01").content.decode()

    def top(page):
        table = page.split('id="wise-top-table"', 1)[1].split("</table>", 1)[0]
        return dict(re.findall(r'<th scope="row">([^<]+)</th><td>([\d.]+)</td>', table.replace("\n", "")))

    past, today = top(then), top(now)
    assert past and sum(map(float, past.values())) > sum(map(float, today.values()))
    assert sum(map(float, cells(then))) > sum(map(float, cells(now)))


SHIPPED = ["it", "sl", "hr", "pl", "fr", "nl", "de"]
FRAMEWORKS_DIR = Path(wise_skills.__file__).parent / "frameworks"


def overlay(lang: str) -> dict[str, str]:
    """Every data translation of `lang`, read from the files beside the data (not through the code under test)."""
    table = {}
    for folder in (FRAMEWORKS_DIR / "data" / "i18n", FRAMEWORKS_DIR / "roles" / "i18n"):
        for path in folder.glob(f"*.{lang}.json"):
            table.update(json.loads(path.read_text(encoding="utf-8"))["strings"])
    return table


def row_headers(html: str) -> list[str]:
    return [unescape(t) for t in re.findall(r'<th scope="row"[^>]*>([^<]*)</th>', html)]


@pytest.mark.parametrize("lang", SHIPPED)
def test_competence_role_and_area_names_are_in_the_readers_language(populated, client, lang):
    client_for(client, populated["users"]["staff"])
    words = overlay(lang)
    page = client.get(DASH, {"wise": "wise-a"}, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    heatmap = page.split('class="wise-heatmap"', 1)[1].split("</table>", 1)[0]
    keys = re.findall(r'<th scope="row" data-key="([^"]*)"', heatmap)
    english = dict(Competence.objects.filter(key__in=keys).values_list("key", "name"))
    assert row_headers(heatmap) == [words.get(english[k], english[k]) for k in keys]
    assert sum(words.get(english[k], english[k]) != english[k] for k in keys) >= len(keys) // 2
    head = heatmap.split("</thead>", 1)[0]
    assert words["Sorting operator"] in unescape(head) and "Sorting operator" not in head
    chart = json.loads(page.split('id="wise-area-chart" type="application/json">', 1)[1].split("</script>", 1)[0])
    areas = dict(Area.objects.values_list("name", "name"))
    assert chart["labels"] and all(label in {words.get(a, a) for a in areas} for label in chart["labels"])
    role_options = page.split('name="role"', 1)[1].split("</select>", 1)[0]
    assert words["Sorting operator"] in unescape(role_options)


@pytest.mark.parametrize("lang", SHIPPED)
def test_a_learners_own_profile_names_their_role_and_competences_in_their_language(populated, client, lang):
    learner = populated["users"]["learner"]
    client_for(client, learner)
    words = overlay(lang)
    page = unescape(client.get("/wise-skills/profile/", HTTP_ACCEPT_LANGUAGE=lang).content.decode())
    assert words["Sorting operator"] in page
    table = page.split('id="wise-profile-table"', 1)[1].split("</table>", 1)[0]
    names = row_headers(table)
    english = set(Competence.objects.values_list("name", flat=True))
    assert names and all(name in {words.get(e, e) for e in english} for name in names)
    assert any(name not in english for name in names)


@pytest.mark.parametrize(
    "lang,space",
    [("en", ""), ("it", ""), ("pl", ""), ("nl", ""), ("fr", "\u202f")]
    + [(lang, "\u00a0") for lang in ("de", "sl", "hr")],
)
def test_percentages_are_written_as_each_language_writes_them(populated, client, lang, space):
    """CLDR: "12%" in English, Italian, Polish and Dutch; a no-break space before "%" in German, Slovenian and
    Croatian, a narrow one in French."""
    client_for(client, populated["users"]["staff"])
    page = client.get(DASH, {"wise": "wise-a"}, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    shares = re.findall(r'<span class="wise-share">([^<]*)<span', page)
    assert shares and all(re.fullmatch(rf"\d+{space}%", share) for share in shares), shares[:3]


@pytest.mark.parametrize(
    "lang,long_day,short_day",
    [("en", "March 1, 2026", "03/01/2026"), ("de", "1. März 2026", "01.03.2026"), ("fr", "1 mars 2026", "01/03/2026")],
)
def test_trend_dates_are_written_as_the_readers_language_writes_them(populated, client, lang, long_day, short_day):
    client_for(client, populated["users"]["staff"])
    page = client.get(DASH, {"wise": "wise-a", "date_from": "2026-03-01"}, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    trend = page.split('id="wise-trend-title"', 1)[1].split("</table>", 1)[0]
    assert long_day in unescape(trend) and "2026-03-01" not in trend
    assert f'<th scope="col">{short_day}</th>' in trend


@pytest.mark.parametrize("lang,italy", [("en", "Italy"), ("it", "Italia"), ("sl", "Italija"), ("de", "Italien")])
def test_countries_are_named_in_the_readers_language(populated, client, lang, italy):
    """django-countries (installed in the LMS) names them; the filter keeps the ISO code as its value."""
    from wise_skills.models import Wise

    Wise.objects.filter(key="wise-a").update(country="IT")
    client_for(client, populated["users"]["staff"])
    page = unescape(client.get(DASH, {"wise": "wise-a"}, HTTP_ACCEPT_LANGUAGE=lang).content.decode())
    assert f'<option value="IT">{italy}</option>' in page
    assert f'<p class="wise-meta">{italy}' in page


def test_without_django_countries_the_iso_code_is_shown(monkeypatch):
    import sys

    from django.utils import translation
    from wise_skills.display import country_name

    with translation.override("en"):
        assert country_name("si") == "Slovenia"
        monkeypatch.setitem(sys.modules, "django_countries", None)  # as on a host without the package
        assert country_name("si") == "si" and country_name("") == ""


@pytest.mark.parametrize(
    ("lang", "rule", "forms"),
    [
        ("pl", "n%10>=2 && n%10<=4", ["{done} wiersz", "{done} wiersze", "{done} wierszy"]),
        ("sl", "n%100==1", None),
        ("de", "n != 1", ["{done} Zeile", "{done} Zeilen"]),
    ],
)
def test_the_pages_javascript_gets_its_strings_and_plural_rule_in_the_readers_language(
    populated, client, lang, rule, forms
):
    page = client_for(client, populated["users"]["staff"]).get(DASH, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert page.index('<script src="/wise-skills/jsi18n/" defer>') < page.index("wise_skills/js/dashboard.js"), (
        "catalog first"
    )
    assert rule in client.get("/wise-skills/jsi18n/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    entries = js_catalog(client, lang)
    assert len(entries["{done} row"]) == {"pl": 3, "sl": 4, "de": 2}[lang]
    if forms:
        assert entries["{done} row"] == forms
    assert entries["Download"] != "Download"
