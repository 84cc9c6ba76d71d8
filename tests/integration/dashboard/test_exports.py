"""Exports: same filters, scope and suppression as the page and the API; only the requester downloads; one running
export per user and kind (the database refuses a second one)."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from openpyxl import load_workbook
from wise_skills import exports
from wise_skills.dashboard.data import View
from wise_skills.models import Competence, ExportJob, ManagerAssignment

from tests.integration.dashboard.conftest import client_for

API = "/wise-skills/api/v1/reports/gaps/"


def request_export(client, django_capture_on_commit_callbacks, kind="heatmap", fmt="csv", **filters):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/wise-skills/exports/", {"kind": kind, "format": fmt, **filters})
    assert response.status_code == 302, response.content[:500]
    return ExportJob.objects.filter(kind=kind, file_format=fmt).latest("id")


def download(client, job):
    response = client.get(f"/wise-skills/exports/{job.id}/download/")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def csv_rows(payload: bytes):
    return list(csv.DictReader(io.StringIO(payload.decode("utf-8"))))


def norm(text):
    """Numbers compare as numbers (XLSX keeps 3.0 as 3, CSV writes 3.0)."""
    try:
        return float(text)
    except ValueError:
        return text


def api_cells(client, group_by, **filters):
    query = {"group_by": group_by, "page_size": 500, **filters}
    body = client.get(API, query).json()
    return {c["key"]: c for c in body["results"]}


def test_heatmap_export_rows_equal_the_api_rows(populated, client, django_capture_on_commit_callbacks):
    client_for(client, populated["users"]["staff"])
    job = request_export(client, django_capture_on_commit_callbacks, wise="wise-c")
    assert job.status == "done" and job.rows_done == job.rows_total > 0
    status = client.get(f"/wise-skills/exports/{job.id}/status/").json()
    assert status["status"] == "done" and status["download_url"].endswith(f"/{job.id}/download/")
    rows = csv_rows(download(client, job))
    api = api_cells(client, "competence,role", wise="wise-c")
    assert len(rows) == len(api) == job.rows_total
    for row in rows:
        cell = api[f"{row['competence']}|{row['role']}"]
        assert (row["withheld"] == "True") == cell["withheld"]
        if cell["withheld"]:
            assert row["mean_gap"] == row["learners"] == ""  # suppressed in the file too
        else:
            assert int(row["learners"]) == cell["learners"]
            assert float(row["mean_gap"]) == pytest.approx(cell["mean_gap"], abs=1e-4)
            assert float(row["share_below"]) == pytest.approx(cell["share_below"], abs=1e-4)
    assert any(r["withheld"] == "True" and r["role"] == "hospitality-assistant" for r in rows)


def xlsx_sheets(payload: bytes) -> dict[str, list[list]]:
    book = load_workbook(io.BytesIO(payload), read_only=True)
    return {ws.title: [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)] for ws in book}


def test_xlsx_has_the_same_rows_as_csv_under_titled_columns(populated, client, django_capture_on_commit_callbacks):
    client_for(client, populated["users"]["manager_a"])
    csv_job = request_export(client, django_capture_on_commit_callbacks, kind="areas", wise="wise-a")
    xlsx_job = request_export(client, django_capture_on_commit_callbacks, kind="areas", fmt="xlsx", wise="wise-a")
    from_csv = list(csv.reader(io.StringIO(download(client, csv_job).decode())))
    sheets = xlsx_sheets(download(client, xlsx_job))
    data_sheet, about = sheets["areas"], sheets["About"]
    rows = [[norm(str(v)) for v in row] for row in data_sheet[1:]]
    assert rows == [[norm(v) for v in row] for row in from_csv[1:]] and len(rows) > 0
    # The CSV's header is the field names; the XLSX's is their titles, and "About" maps one to the other.
    assert from_csv[0][:3] == ["area", "area_name", "learners"]
    titles = dict(row[:2] for row in about[1 : 1 + len(from_csv[0])])
    assert [titles[title] for title in data_sheet[0]] == from_csv[0]
    assert data_sheet[0][:3] == ["Area code", "Competence area", "Learners"]
    assert ["Filters", "wise=wise-a"] in about


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_queued_export_is_written_in_the_language_it_was_asked_in(
    populated, client, django_capture_on_commit_callbacks, fmt
):
    """Names (and XLSX titles) follow the page the manager asked from, though the worker has no request."""
    client_for(client, populated["users"]["manager_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/wise-skills/exports/", {"kind": "heatmap", "format": fmt, "wise": "wise-a"}, HTTP_ACCEPT_LANGUAGE="pl"
        )
    assert response.status_code == 302
    job = ExportJob.objects.filter(kind="heatmap", file_format=fmt).latest("id")
    assert job.params["language"] == "pl" and job.status == "done"
    payload = download(client, job)
    if fmt == "csv":
        rows = csv_rows(payload)
    else:
        sheet = xlsx_sheets(payload)["heatmap"]
        assert sheet[0][:2] == ["Kod kompetencji", "Kompetencja"]
        fields = list(exports.KINDS["heatmap"].headers(None, View(filters={"wise": ["wise-a"]})))
        rows = [dict(zip(fields, row, strict=True)) for row in sheet[1:]]
    roles = {r["role"]: r["role_name"] for r in rows}
    assert roles["sorting-operator"] == "Operator sortowni"
    english = dict(Competence.objects.values_list("key", "name"))
    translated = [r for r in rows if r["competence_name"] != english[r["competence"]]]
    assert translated, "no competence name was written in Polish"


def test_direct_csv_names_follow_the_page_language(populated, client):
    client_for(client, populated["users"]["manager_a"])
    response = client.get("/wise-skills/dashboard/export/heatmap.csv", {"wise": "wise-a"}, HTTP_ACCEPT_LANGUAGE="fr")
    rows = csv_rows(b"".join(response.streaming_content))
    assert {r["role_name"] for r in rows if r["role"] == "sorting-operator"} == {"Opérateur de tri"}
    assert list(rows[0])[:2] == ["competence", "competence_name"]  # field names, whatever the language


def test_learner_export_of_a_manager_has_their_wise_only(populated, client, django_capture_on_commit_callbacks):
    client_for(client, populated["users"]["manager_a"])
    job = request_export(client, django_capture_on_commit_callbacks, kind="learners", wise="wise-a")
    rows = csv_rows(download(client, job))
    assert rows and {r["wise"] for r in rows} == {"wise-a"}
    # Even without a WISE filter the scope decides.
    job = request_export(client, django_capture_on_commit_callbacks, kind="learners", fmt="xlsx")
    sheet = load_workbook(io.BytesIO(download(client, job)), read_only=True).active
    assert {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"wise-a"}


def test_only_the_requester_or_staff_can_see_and_download(populated, client, django_capture_on_commit_callbacks):
    client_for(client, populated["users"]["manager_a"])
    job = request_export(client, django_capture_on_commit_callbacks, wise="wise-a")
    client.logout()
    client_for(client, populated["users"]["manager_b"])
    assert client.get(f"/wise-skills/exports/{job.id}/download/").status_code == 404
    assert client.get(f"/wise-skills/exports/{job.id}/status/").status_code == 404
    client.logout()
    assert client.get(f"/wise-skills/exports/{job.id}/download/").status_code == 302  # to the login page
    client_for(client, populated["users"]["staff"])
    assert client.get(f"/wise-skills/exports/{job.id}/download/").status_code == 200


def test_learners_cannot_export(populated, client):
    client_for(client, populated["users"]["learner"])
    response = client.post("/wise-skills/exports/", {"kind": "heatmap", "format": "csv"})
    assert response.status_code == 403 and not ExportJob.objects.exists()
    assert client.get("/wise-skills/dashboard/export/heatmap.csv").status_code == 404


def test_one_running_export_per_user_and_kind(populated, client, django_capture_on_commit_callbacks):
    manager = populated["users"]["manager_a"]
    ExportJob.objects.create(user_id=manager.id, kind="heatmap", file_format="csv")
    with pytest.raises(IntegrityError), transaction.atomic():
        ExportJob.objects.create(user_id=manager.id, kind="heatmap", file_format="xlsx")
    client_for(client, manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/wise-skills/exports/", {"kind": "heatmap", "format": "xlsx"}, follow=True)
    assert "already running" in response.content.decode()
    assert ExportJob.objects.filter(user_id=manager.id).count() == 1
    # Another kind may run beside it, and finished jobs do not block.
    request_export(client, django_capture_on_commit_callbacks, kind="areas", wise="wise-a")
    ExportJob.objects.filter(kind="heatmap").update(status="done", slot=None)
    request_export(client, django_capture_on_commit_callbacks, kind="heatmap")
    assert ExportJob.objects.filter(user_id=manager.id, kind="heatmap").count() == 2


def test_a_stale_job_frees_its_slot(populated):
    manager = populated["users"]["manager_a"]
    old = ExportJob.objects.create(user_id=manager.id, kind="heatmap", file_format="csv")
    ExportJob.objects.filter(id=old.id).update(created=timezone.now() - timedelta(days=1))
    job, created = exports.request_export(manager.id, "heatmap", "csv", View())
    assert created and ExportJob.objects.get(id=old.id).status == "failed"


def test_the_task_rechecks_the_scope_when_it_runs(populated):
    manager = populated["users"]["manager_a"]
    job = ExportJob.objects.create(
        user_id=manager.id, kind="learners", file_format="csv", params={"filters": {"wise": ["wise-a"]}}
    )
    ManagerAssignment.objects.filter(user_id=manager.id).delete()
    done = exports.produce(job.id)
    assert done.status == "failed" and "no longer" in done.error and not done.file_name
    assert exports.produce(job.id).status == "failed"  # a second run leaves a finished job alone


def test_direct_csv_is_streamed_with_the_page_filters(populated, client):
    client_for(client, populated["users"]["coordinator"])
    response = client.get("/wise-skills/dashboard/export/heatmap.csv", {"network": "n1"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(b"".join(response.streaming_content))
    assert rows and {r["wise"] for r in rows} == {"wise-a", "wise-b"}
    assert client.get("/wise-skills/dashboard/export/nope.csv").status_code == 404


def test_unknown_kind_or_format_is_a_400(populated, client):
    client_for(client, populated["users"]["staff"])
    assert client.post("/wise-skills/exports/", {"kind": "nope", "format": "csv"}).status_code == 400
    assert client.post("/wise-skills/exports/", {"kind": "heatmap", "format": "pdf"}).status_code == 400


def test_the_page_lists_the_job_with_its_progress(populated, client, django_capture_on_commit_callbacks):
    client_for(client, populated["users"]["manager_a"])
    running = ExportJob.objects.create(
        user_id=populated["users"]["manager_a"].id,
        kind="learners",
        file_format="csv",
        status="running",
        rows_done=5,
        rows_total=20,
    )
    page = client.get("/wise-skills/dashboard/?wise=wise-a").content.decode()
    assert f'data-job="{running.id}"' in page and "5 of 20 rows" in page and 'data-status="running"' in page
    assert "Refresh the list" in page
    # Counts as each language writes them (row counts reach the hundred thousands).
    ExportJob.objects.filter(id=running.id).update(rows_done=12000, rows_total=40000)
    de = client.get("/wise-skills/dashboard/?wise=wise-a", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "12.000 von 40.000" in de, de.split('class="wise-export-count">', 1)[1][:80]
    fr = client.get("/wise-skills/dashboard/?wise=wise-a", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "12\u00a0000" in fr and "40\u00a0000" in fr  # Django's French format: a no-break space


def test_retirement_forgets_the_users_exports_and_every_learner_level_file(
    populated, client, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    client_for(client, populated["users"]["manager_a"])
    learners = request_export(client, django_capture_on_commit_callbacks, kind="learners", wise="wise-a")
    heatmap = request_export(client, django_capture_on_commit_callbacks, kind="heatmap", wise="wise-a")
    client.logout()
    client_for(client, populated["users"]["staff"])
    own = request_export(client, django_capture_on_commit_callbacks, kind="areas", wise="wise-a")
    assert all(default_storage.exists(j.file_name) for j in (learners, heatmap, own))

    counts = exports.forget_user(1000)  # a learner of WISE A
    learners.refresh_from_db()
    assert default_storage.exists(ExportJob.objects.get(id=heatmap.id).file_name)  # aggregates are kept
    assert learners.file_name == "" and learners.status == "failed"
    assert counts == {"export_jobs": 0, "export_files": 1}
    assert client.get(f"/wise-skills/exports/{learners.id}/download/").status_code == 404

    counts = exports.forget_user(populated["users"]["staff"].id)
    assert counts["export_jobs"] == 1 and not default_storage.exists(own.file_name)
    assert exports.forget_user(populated["users"]["staff"].id) == {"export_jobs": 0, "export_files": 0}
