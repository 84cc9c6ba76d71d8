"""The landing page: what a newcomer sees first, with links to every block scenario and report."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from workbench.scenarios import get_scenarios

COURSE_PREFIX = "wise_course."


def _natural(scenario_id):
    """ "wise_costing.10" after "wise_costing.9"."""
    prefix, _, number = scenario_id.rpartition(".")
    return prefix, number.zfill(6)


def _optional_url(name):
    """Pages that later features add (dashboard) are linked only when their URL exists."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def landing(request):
    scenarios = sorted(
        (
            (scenario_id, scenario.description)
            for scenario_id, scenario in get_scenarios().items()
            if scenario_id.startswith("wise_")
        ),
        key=lambda pair: _natural(pair[0]),
    )
    exercises = [pair for pair in scenarios if not pair[0].startswith(COURSE_PREFIX)]
    course_units = [pair for pair in scenarios if pair[0].startswith(COURSE_PREFIX)]
    # One Studio editor per block type (the first scenario of each): what a course team edits in Studio.
    editors = {}
    for scenario_id, description in exercises:
        editors.setdefault(scenario_id.split(".", 1)[0], (scenario_id, description))
    return render(
        request,
        "devsite/landing.html",
        {
            "scenarios": exercises,
            "course_units": course_units,
            "editors": list(editors.values()),
            "api_root": reverse("wise_skills:api-root"),
            "dashboard": _optional_url("wise_skills:dashboard"),
            "profile": _optional_url("wise_skills:profile"),
            "credentials": _optional_url("wise_credentials:claim-list"),
            "verify": _optional_url("wise_credentials:verify"),
        },
    )


def favicon(request):
    """Browsers ask for /favicon.ico on every page; answer so the console stays clean."""
    return HttpResponse(status=204)
