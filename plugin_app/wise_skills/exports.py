"""CSV and XLSX exports of the dashboard's reports: same filters, same scope, same suppression as the page.

Every kind of export reads its rows from wise_skills.dashboard.data (itself built on wise_skills.reports), so an
export can never show a cell the page withholds.

Language: names of competences, areas and roles are written in the language of the person who asked (for a queued
job, the language of the page they asked from, kept in the job's params). Column headers differ by format, on
purpose:

* CSV is for data tools: its header row is the REST API's field names (stable whatever the language), so a script
  reads every CSV the same way;
* XLSX is for people: its header row is the columns' titles in the requester's language, and a second sheet,
  "About", lists each title with its field name, and says which filters, date and small-group rule made the file.

Two ways out:

* ``stream_csv`` answers a direct download with a StreamingHttpResponse, one CSV line at a time;
* ``request_export`` records an ExportJob and hands it to the Celery task ``wise_skills.export`` (export_tasks),
  which writes the file row by row into a temporary file, keeps ``rows_done``/``rows_total`` up to date for the
  page's progress bar, and saves the result through Django's default storage (as Open edX instructor reports do).

One running export per user and kind: the database refuses a second one (see models_exports).
"""

from __future__ import annotations

import csv
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .dashboard import data
from .dashboard.forms import params_of, view_from_params
from .display import data_name
from .models_exports import ExportJob
from .permissions import Scope

log = logging.getLogger(__name__)

# Learners per query when streaming learner rows: bounded memory on every database (MySQL's client fetches a
# whole result set, so .iterator() alone would not bound it there).
LEARNER_BATCH = 1000


def _r(value, digits=4):
    return None if value is None else round(float(value), digits)


@dataclass(frozen=True)
class Kind:
    """A report that can be exported: its columns, its rows and (cheaply) how many rows it will have."""

    key: str
    headers: Callable[[Scope, data.View], list[str]]
    rows: Callable[[Scope, data.View], Iterator[list]]
    count: Callable[[Scope, data.View], int]


def _heatmap_headers(scope, view):
    hm_rows = view.rows if view.rows in data.ROW_DIMENSIONS else "competence"
    col = data.columns_for(scope, view)
    return [
        hm_rows,
        f"{hm_rows}_name",
        col,
        f"{col}_name",
        "learners",
        "pairs",
        "mean_gap",
        "share_below",
        "share_learners_below",
        "withheld",
        "withheld_reason",
        "on",
    ]


def _heatmap_rows(scope, view):
    hm = data.heatmap(scope, view)
    for row in hm["rows"]:
        for column, cell in zip(hm["columns"], row["cell_list"], strict=True):
            if cell is None:
                continue
            yield [
                row["key"],
                row["name"],
                column["key"],
                column["name"],
                cell["learners"],
                cell["pairs"],
                _r(cell["mean_gap"]),
                _r(cell["share_below"]),
                _r(cell["share_learners_below"]),
                cell["withheld"],
                cell["withheld_reason"],
                hm["on"],
            ]


def _areas_rows(scope, view):
    report = data.area_levels(scope, view)
    for row in report["rows"]:
        yield [
            row["area"],
            row["name"],
            row["learners"],
            _r(row["required"]),
            _r(row["current"]),
            _r(row["mean_gap"]),
            _r(row["share_below"]),
            row["withheld"],
            row["withheld_reason"],
            report["on"],
        ]


def _trend_rows(scope, view):
    report = data.trend(scope, view)
    if report is None:
        return
    for row in report["results"]:
        yield [
            row["area"],
            row["area_name"],
            _r(row["mean_gap_from"]),
            _r(row["mean_gap_to"]),
            _r(row["mean_gap_change"]),
            _r(row["share_below_from"]),
            _r(row["share_below_to"]),
            _r(row["share_below_change"]),
            row["withheld"],
            report["from"],
            report["to"],
        ]


def _learner_rows(scope, view):
    """Every learner x required competence pair in scope: individual rows, for people whose scope includes the
    learner's WISE (wise_skills.permissions: a manager or coordinator sees their own learners)."""
    qs = data.learner_pair_rows(scope, view)
    ids = list(qs.values_list("user_id", flat=True).distinct().order_by("user_id"))
    for start in range(0, len(ids), LEARNER_BATCH):
        for row in qs.filter(user_id__in=ids[start : start + LEARNER_BATCH]).iterator(chunk_size=2000):
            yield list(row)


def _learner_count(scope, view):
    return data.learner_pair_rows(scope, view).order_by().count()


def _count_by_listing(rows):
    return lambda scope, view: sum(1 for _ in rows(scope, view))


KINDS = {
    "heatmap": Kind("heatmap", _heatmap_headers, _heatmap_rows, _count_by_listing(_heatmap_rows)),
    "areas": Kind(
        "areas",
        lambda s, v: [
            "area",
            "area_name",
            "learners",
            "required",
            "current",
            "mean_gap",
            "share_below",
            "withheld",
            "withheld_reason",
            "on",
        ],
        _areas_rows,
        _count_by_listing(_areas_rows),
    ),
    "trend": Kind(
        "trend",
        lambda s, v: [
            "area",
            "area_name",
            "mean_gap_from",
            "mean_gap_to",
            "mean_gap_change",
            "share_below_from",
            "share_below_to",
            "share_below_change",
            "withheld",
            "from",
            "to",
        ],
        _trend_rows,
        _count_by_listing(_trend_rows),
    ),
    "learners": Kind(
        "learners",
        lambda s, v: ["user_id", "wise", "role", "competence", "competence_name", "required", "current", "gap"],
        _learner_rows,
        _learner_count,
    ),
}
FORMATS = ("csv", "xlsx")


class ExportError(ValueError):
    """Unknown kind or format; the message lists what is allowed."""


def kind_of(key: str) -> Kind:
    try:
        return KINDS[key]
    except KeyError:
        raise ExportError(f"unknown export kind {key!r}; use one of {', '.join(KINDS)}") from None


def _cell(value):
    """Spreadsheet-safe text: a cell starting with =, +, - or @ is a formula to Excel/LibreOffice (CSV injection).
    Only text is prefixed; numbers stay numbers."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# Titles of the XLSX columns (the CSV keeps the field names). One entry per field any export can have.
COLUMN_TITLES = {
    "area": _("Area code"),
    "area_name": _("Competence area"),
    "competence": _("Competence code"),
    "competence_name": _("Competence"),
    "network": _("Network code"),
    "network_name": _("Network"),
    "wise": _("WISE code"),
    "wise_name": _("WISE"),
    "role": _("Role code"),
    "role_name": _("Role"),
    "user_id": _("Learner ID"),
    "learners": _("Learners"),
    "pairs": _("Learner-competence pairs"),
    "required": _("Required level (mean)"),
    "current": _("Current level (mean)"),
    "gap": _("Gap"),
    "mean_gap": _("Mean gap"),
    "share_below": _("Share of pairs below requirement"),
    "share_learners_below": _("Share of learners below requirement"),
    "withheld": _("Withheld"),
    "withheld_reason": _("Why withheld"),
    "on": _("Levels on"),
    "mean_gap_from": _("Mean gap at start"),
    "mean_gap_to": _("Mean gap at end"),
    "mean_gap_change": _("Change of mean gap"),
    "share_below_from": _("Share below at start"),
    "share_below_to": _("Share below at end"),
    "share_below_change": _("Change of share below"),
    "from": _("Start date"),
    "to": _("End date"),
}


def column_title(field: str) -> str:
    return str(COLUMN_TITLES.get(field, field))


def iter_rows(kind: Kind, scope: Scope, view: data.View, language: str | None = None) -> Iterator[list]:
    """The header (field names), then the rows, with names in ``language`` (default: the language active when the
    first row is read; a streamed response passes it explicitly, as it is consumed after the view returned)."""
    language = language or translation.get_language()
    headers = kind.headers(scope, view)
    yield headers
    name_columns = [i for i, field in enumerate(headers) if field.endswith("_name")]
    for row in kind.rows(scope, view):
        row = list(row)
        for i in name_columns:
            row[i] = data_name(row[i], language)
        yield [_cell(v) for v in row]


class _Echo:
    """csv.writer target that hands back each line instead of buffering it."""

    def write(self, value):
        return value


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow(row)


def stream_csv(kind: Kind, scope: Scope, view: data.View, filename: str):
    from django.http import StreamingHttpResponse

    # The language is read now: the generator runs after the view has returned.
    rows = iter_rows(kind, scope, view, translation.get_language())
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- jobs ------------------------------------------------------------------------------------------------------


def stale_after() -> timedelta:
    """A job still pending/running after this long lost its worker: its slot is freed (setting, in minutes)."""
    return timedelta(minutes=int(getattr(settings, "WISE_SKILLS_EXPORT_STALE_MINUTES", 120)))


def free_stale_slots(user_id: int, kind: str) -> int:
    cutoff = timezone.now() - stale_after()
    return ExportJob.objects.filter(user_id=user_id, kind=kind, slot=True, created__lt=cutoff).update(
        status=ExportJob.FAILED,
        slot=None,
        finished=timezone.now(),
        error="The export did not finish in time (no worker?); ask for it again.",
    )


def request_export(
    user_id: int, kind_key: str, file_format: str, view: data.View, language: str | None = None
) -> tuple[ExportJob, bool]:
    """Record an export and start its task once the transaction commits; the file is written in ``language``
    (default: the active language, i.e. the requester's page).

    Returns (job, True), or (the job already running for this user and kind, False): the unique index decides,
    so two simultaneous requests cannot both start one."""
    kind_of(kind_key)
    if file_format not in FORMATS:
        raise ExportError(f"unknown format {file_format!r}; use one of {', '.join(FORMATS)}")
    free_stale_slots(user_id, kind_key)
    try:
        with transaction.atomic():
            params = {**params_of(view), "language": language or translation.get_language() or settings.LANGUAGE_CODE}
            job = ExportJob.objects.create(user_id=user_id, kind=kind_key, file_format=file_format, params=params)
    except IntegrityError:
        running = ExportJob.objects.filter(user_id=user_id, kind=kind_key, slot=True).first()
        if running is None:  # it finished between our insert and this read: try once more
            return request_export(user_id, kind_key, file_format, view, language)
        return running, False
    transaction.on_commit(lambda: dispatch(job.id))
    return job, True


def dispatch(job_id: int):
    """Hand the job to Celery: inline when the host runs tasks eagerly (devsite without a broker), else queued."""
    from .export_tasks import run_export

    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        return run_export.apply(args=[job_id])
    options = {}
    queue = getattr(settings, "WISE_SKILLS_EXPORT_QUEUE", None)
    if queue:
        options["queue"] = queue
    return run_export.apply_async(args=[job_id], **options)


def _progress_step(total: int) -> int:
    return max(500, (total or 0) // 100)


def produce(job_id: int) -> ExportJob | None:
    """Write the export of ``job_id`` (the Celery task's body). Safe to call twice: a finished job is left alone."""
    from django.contrib.auth import get_user_model

    from .permissions import scope_for

    now = timezone.now()
    claimed = ExportJob.objects.filter(id=job_id, status=ExportJob.PENDING).update(
        status=ExportJob.RUNNING, started=now
    )
    if not claimed:
        log.info("export %s is not pending any more; nothing to do", job_id)
        return ExportJob.objects.filter(id=job_id).first()
    job = ExportJob.objects.get(id=job_id)
    try:
        user = get_user_model().objects.filter(id=job.user_id).first()
        scope = scope_for(user)  # the scope NOW, not when the export was asked for
        if not scope.sees_reports:
            raise PermissionError("the requester may no longer see skills-gap reports")
        kind = kind_of(job.kind)
        view = view_from_params(job.params)
        total = kind.count(scope, view)
        ExportJob.objects.filter(id=job.id).update(rows_total=total)
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            name, done = _write(job, kind, scope, view, total)
        ExportJob.objects.filter(id=job.id).update(
            status=ExportJob.DONE, slot=None, file_name=name, rows_done=done, rows_total=done, finished=timezone.now()
        )
    except Exception as exc:  # noqa: BLE001 - the job records why; the worker must not retry a broken export
        log.exception("export %s failed", job_id)
        ExportJob.objects.filter(id=job.id).update(
            status=ExportJob.FAILED, slot=None, error=str(exc)[:2000], finished=timezone.now()
        )
    return ExportJob.objects.get(id=job_id)


def _write(job: ExportJob, kind: Kind, scope: Scope, view: data.View, total: int) -> tuple[str, int]:
    step = _progress_step(total)
    done = 0

    def progress(rows):
        nonlocal done
        for row in rows:
            yield row
            done += 1
            if done % step == 0:
                ExportJob.objects.filter(id=job.id).update(rows_done=done)

    rows = iter_rows(kind, scope, view)
    fields = next(rows)
    with tempfile.TemporaryDirectory(prefix="wise-export-") as tmp:
        path = os.path.join(tmp, f"export.{job.file_format}")
        if job.file_format == "csv":
            with open(path, "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(fields)
                for row in progress(rows):
                    writer.writerow(row)
        else:
            _write_xlsx(path, kind, view, fields, progress(rows))
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        target = f"wise_skills/exports/{job.user_id}/{job.id}-{kind.key}-{stamp}.{job.file_format}"
        with open(path, "rb") as handle:
            name = default_storage.save(target, File(handle, name=os.path.basename(target)))
    return name, done


def _write_xlsx(path: str, kind: Kind, view: data.View, fields: list[str], rows: Iterable[list]) -> None:
    """The data sheet (titled columns, frozen header row) and the "About" sheet that explains it."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from .reports import min_group_size

    book = Workbook(write_only=True)  # rows go to a temporary XML file, not into memory
    sheet = book.create_sheet(title=kind.key[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def titled(text):
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        return cell

    sheet.append([titled(column_title(f)) for f in fields])
    for row in rows:
        sheet.append(row)
    about = book.create_sheet(title=str(_("About"))[:31])
    about.append([titled(str(_("Column"))), titled(str(_("Field name (CSV and API)")))])
    for field in fields:
        about.append([column_title(field), field])
    about.append([])
    filters = "; ".join(f"{name}={', '.join(values)}" for name, values in sorted(view.filters.items()))
    about.append([str(_("Filters")), filters or str(_("none"))])
    if view.date_from:
        about.append([str(_("Start date")), view.date_from])
    about.append([str(_("Levels on")), view.date_to or timezone.localdate()])
    about.append(
        [
            str(_("Small groups")),
            ngettext(
                "Cells over fewer than {k} learner are withheld, as on the dashboard.",
                "Cells over fewer than {k} learners are withheld, as on the dashboard.",
                min_group_size(),
            ).format(k=min_group_size()),
        ]
    )
    book.save(path)


# --- retirement -------------------------------------------------------------------------------------------------


def _delete_files(jobs) -> int:
    removed = 0
    for name in jobs.exclude(file_name="").values_list("file_name", flat=True):
        if default_storage.exists(name):
            default_storage.delete(name)
            removed += 1
    return removed


def forget_user(user_id: int) -> dict:
    """Retirement: remove every export that is about or by ``user_id``. Idempotent.

    * the user's own export jobs and their files;
    * every learner-level export file (kind "learners"), whoever asked for it: such a file may hold a row of the
      retired learner and cannot be edited in place; the job stays listed, marked failed with the reason.

    Aggregate exports (heatmap, areas, trend) hold no individual rows and are kept.
    To be called from wise_skills.retirement.retire_user.
    """
    user_id = int(user_id)
    own = ExportJob.objects.filter(user_id=user_id)
    files = _delete_files(own)
    jobs = own.delete()[0]
    learner_files = ExportJob.objects.filter(kind="learners").exclude(file_name="")
    files += _delete_files(learner_files)
    learner_files.update(
        file_name="",
        status=ExportJob.FAILED,
        slot=None,
        error="Removed: a learner in it asked for their data to be deleted.",
    )
    return {"export_jobs": jobs, "export_files": files}
