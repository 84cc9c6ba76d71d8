"""load_wise_course_mapping: the course's competences.yaml -> CompetenceMapping rows (idempotent, validated, atomic)."""

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.urls import reverse
from wise_skills.course_mapping import MappingFileError, parse_mapping_file
from wise_skills.models import CompetenceMapping

REPO = Path(__file__).resolve().parents[3]
COURSE_FILE = REPO / "course_content" / "wise-innovation" / "competences.yaml"
RUN = "course-v1:InnoWISEs+WISE101+2026_en"
SORT_IT = "block-v1:InnoWISEs+WISE101+2026_en+type@wise_waste_sorting+block@m2_sort_it"


def run(*args):
    out = StringIO()
    call_command("load_wise_course_mapping", *args, stdout=out)
    return out.getvalue()


def write(tmp_path, mappings, **top):
    doc = {"format": 1, "passing_score": 0.6, "mappings": mappings, **top}
    path = tmp_path / "competences.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


ENTRY = {
    "block": "m2_sort_it",
    "type": "wise_waste_sorting",
    "title": "Sorting",
    "competences": {"sector:waste.sorting": 2},
}


def test_shipped_file_loads_every_entry_and_rerun_changes_nothing(catalogue):
    entries = parse_mapping_file(COURSE_FILE)
    expected = sum(len(e.competences) for e in entries)
    out = run(str(COURSE_FILE), "--course-key", RUN)
    assert f"{expected} created, 0 updated, 0 unchanged" in out
    assert CompetenceMapping.objects.filter(course_key=RUN).count() == expected
    row = CompetenceMapping.objects.get(source_key=SORT_IT, competence__key="sector:waste.sorting")
    assert (row.level, row.title) == (2, "Sorting practice: Italy")
    snapshot = sorted(CompetenceMapping.objects.values_list("id", "source_key", "competence_id", "level", "title"))
    out = run(str(COURSE_FILE), "--course-key", RUN)
    assert f"0 created, 0 updated, {expected} unchanged, 0 not in the file" in out
    assert (
        sorted(CompetenceMapping.objects.values_list("id", "source_key", "competence_id", "level", "title")) == snapshot
    )


def test_other_run_gets_its_own_keys(catalogue, tmp_path):
    path = write(tmp_path, [ENTRY])
    run(str(path), "--course-key", "course-v1:InnoWISEs+WISE101+2026_sl")
    assert CompetenceMapping.objects.get().source_key == (
        "block-v1:InnoWISEs+WISE101+2026_sl+type@wise_waste_sorting+block@m2_sort_it"
    )


def test_changed_level_updates_and_removed_entry_is_reported_then_pruned(catalogue, tmp_path):
    second = {"block": "m2_bins_check", "type": "problem", "title": "Bins", "competences": {"sector:waste.sorting": 1}}
    run(str(write(tmp_path, [ENTRY, second])), "--course-key", RUN)
    changed = {**ENTRY, "competences": {"sector:waste.sorting": 3}}
    path = write(tmp_path, [changed])
    out = run(str(path), "--course-key", RUN)
    assert "1 updated" in out and "1 not in the file" in out and "m2_bins_check" in out
    assert CompetenceMapping.objects.count() == 2  # reported, not deleted
    assert CompetenceMapping.objects.get(source_key=SORT_IT).level == 3
    out = run(str(path), "--course-key", RUN, "--prune")
    assert "1 pruned" in out
    assert list(CompetenceMapping.objects.values_list("source_key", flat=True)) == [SORT_IT]


def test_dry_run_changes_nothing(catalogue, tmp_path):
    out = run(str(write(tmp_path, [ENTRY])), "--course-key", RUN, "--dry-run")
    assert "would have created" in out and "1 created" in out
    assert not CompetenceMapping.objects.exists()


@pytest.mark.parametrize(
    "bad, message",
    [
        (
            {"competences": {"sector:no.such": 1}},
            "entry 2 field 'competences.sector:no.such': not an active competence",
        ),
        ({"competences": {"sector:waste.sorting": 9}}, "entry 2 field 'competences.sector:waste.sorting': level 9"),
        ({"competences": {"sector:waste.sorting": "two"}}, "entry 2 field 'competences.sector:waste.sorting'"),
        ({"block": "has space"}, "entry 2 field 'block'/'type'"),
        ({"type": ""}, "entry 2 field 'type'"),
        ({"competences": {}}, "entry 2 field 'competences'"),
    ],
)
def test_invalid_entry_is_named_and_nothing_is_half_imported(catalogue, tmp_path, bad, message):
    second = {"block": "m3_other", "type": "problem", "title": "Other", "competences": {"sector:waste.sorting": 1}}
    path = write(tmp_path, [ENTRY, {**second, **bad}])
    with pytest.raises(CommandError) as err:
        run(str(path), "--course-key", RUN)
    assert message in str(err.value)
    assert not CompetenceMapping.objects.exists()  # entry 1 was valid, yet nothing is written


def test_bad_course_key_and_bad_format_are_errors(catalogue, tmp_path):
    with pytest.raises(CommandError, match="--course-key 'WISE101' is not a course key"):
        run(str(write(tmp_path, [ENTRY])), "--course-key", "WISE101")
    with pytest.raises(CommandError, match="format: must be 1"):
        run(str(write(tmp_path, [ENTRY], format=2)), "--course-key", RUN)
    with pytest.raises(MappingFileError, match="cannot read"):
        parse_mapping_file(tmp_path / "missing.yaml")


def test_admin_lists_competence_mappings(catalogue, admin_client):
    run(str(COURSE_FILE), "--course-key", RUN)
    page = admin_client.get(reverse("admin:wise_skills_competencemapping_changelist"))
    assert page.status_code == 200
    assert "m2_sort_it" in page.content.decode()
