"""The Celery task that writes an export (the LMS's Celery app picks up shared tasks of installed apps).

It receives the job id only: the job row holds the kind, the format and the filters, and the task re-reads the
requester's scope when it runs, so a manager who lost their WISE in the meantime gets a failed job, not its data.
"""

from celery import shared_task


@shared_task(name="wise_skills.export", ignore_result=True)
def run_export(job_id: int) -> None:
    from .exports import produce

    produce(job_id)
