"""The devsite's own app: connects plugin signal receivers at startup, as the LMS does, and
shows every unit of the WISE innovation course as a workbench scenario."""

import sys
from pathlib import Path

from django.apps import AppConfig

REPO = Path(__file__).resolve().parents[2]


class DevsiteConfig(AppConfig):
    name = "devsite"
    label = "devsite"

    def ready(self):
        from edx_django_utils.plugins import connect_plugin_receivers

        connect_plugin_receivers("lms.djangoapp")
        self.show_course_units()
        # The workbench only logs runtime.publish; in the LMS the grades app turns a block's "grade" into
        # openedx-events that wise_skills turns into evidence. lms_events stands in for that (devsite only).
        from .lms_events import install as install_lms_events

        install_lms_events()

    def show_course_units(self):
        # course_content is a folder of the repository, not part of the installed package.
        if not (REPO / "course_content" / "scenarios.py").exists():
            return
        if str(REPO) not in sys.path:
            sys.path.append(str(REPO))
        from course_content.scenarios import install_workbench_hook

        install_workbench_hook()
