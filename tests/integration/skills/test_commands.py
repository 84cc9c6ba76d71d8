"""Management commands: load/export frameworks (idempotent, upgrade-safe), CSV import (all or nothing),
recompute, and the demo seed (idempotent, learner1 has gaps)."""

import csv
import io
import json
import shutil
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wise_skills import public_api
from wise_skills.frameworks import catalogue as cat
from wise_skills.models import (
    Competence,
    CompetenceMapping,
    Evidence,
    Framework,
    LearnerLevel,
    ManagerAssignment,
    Membership,
    Network,
    Role,
    Wise,
)


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_load_is_idempotent_and_reloading_a_newer_version_keeps_evidence(db, tmp_path):
    assert "68 competences" in run("load_wise_frameworks")
    assert "(0 rows created or changed, 0 competences deactivated)" in run("load_wise_frameworks")
    public_api.record_self_assessment(5, "course-v1:W+X+1", {"digcomp:5.4": 3, "digcomp:1.1": 2})
    # A newer DigComp data file drops 5.4 and renames 1.1.
    data, roles = tmp_path / "data", tmp_path / "roles"
    shutil.copytree(cat.DATA_DIR, data)
    roles.mkdir()
    doc = json.loads((data / "digcomp.json").read_text())
    doc["data_version"] = 2
    doc["areas"][4]["competences"] = [c for c in doc["areas"][4]["competences"] if c["code"] != "5.4"]
    doc["areas"][0]["competences"][0]["name"] = "Browsing and searching (renamed)"
    (data / "digcomp.json").write_text(json.dumps(doc))
    assert "1 competences deactivated" in run(
        "load_wise_frameworks", "--data-dir", str(data), "--roles-dir", str(roles)
    )
    assert Evidence.objects.filter(user_id=5).count() == 2  # nothing deleted
    assert not Competence.objects.get(key="digcomp:5.4").active
    assert Competence.objects.get(key="digcomp:1.1").name.endswith("(renamed)")
    assert Framework.objects.get(key="digcomp").data_version == 2


def test_a_bad_file_changes_nothing(db, tmp_path):
    run("load_wise_frameworks")
    data = tmp_path / "data"
    shutil.copytree(cat.DATA_DIR, data)
    doc = json.loads((data / "greencomp.json").read_text())
    doc["levels"] = doc["levels"][:2]  # the scale shrinks below levels that stored roles require
    (data / "greencomp.json").write_text(json.dumps(doc))
    # The shipped role files are checked against the file first ...
    with pytest.raises(CommandError, match=r"requirements/\d+: level 3 for 'greencomp:.*' is above the top level 2"):
        run("load_wise_frameworks", "--data-dir", str(data))
    # ... and without role files, the roles stored in the database are.
    (tmp_path / "no-roles").mkdir()
    with pytest.raises(CommandError, match="greencomp: the new scale stops at level 2, but requirements"):
        run("load_wise_frameworks", "--data-dir", str(data), "--roles-dir", str(tmp_path / "no-roles"))
    assert Framework.objects.get(key="greencomp").levels.count() == 4


def test_export_json_reloads_and_csv_has_licence_on_each_row(db, tmp_path):
    run("load_wise_frameworks")
    exported = json.loads(run("export_wise_frameworks"))
    for fw in exported["frameworks"]:
        framework, comps = cat.parse_framework(fw)  # valid against the same schema as the data files
        assert len(comps) == Competence.objects.filter(framework__key=fw["key"]).count()
    assert {r["key"] for r in exported["roles"]} == set(Role.objects.values_list("key", flat=True))
    target = tmp_path / "fw.csv"
    call_command("export_wise_frameworks", "--format", "csv", "-o", str(target), stderr=io.StringIO())
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == 68 and rows[0]["licence"] == "CC BY 4.0" and rows[0]["attribution"]


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_csv_import_of_a_whole_setup(db, tmp_path):
    run("load_wise_frameworks")
    run(
        "import_wise_csv",
        "wises",
        write(
            tmp_path,
            "w.csv",
            "key,name,country,region,sectors,network,network_name\n"
            "coop-a,Coop A,it,Lombardia,waste;reuse,net-it,Rete IT\n"
            "coop-b,Coop B,SI,Goriška,agriculture,net-it,\n",
        ),
    )
    run(
        "import_wise_csv",
        "roles",
        write(
            tmp_path,
            "r.csv",
            "role,name,sector,competence,level\nsorter-plus,Sorter plus,waste,sector:waste.sorting,4\n"
            "sorter-plus,Sorter plus,waste,digcomp:1.1,2\n",
        ),
    )
    out = run(
        "import_wise_csv",
        "memberships",
        write(
            tmp_path,
            "m.csv",
            "user_id,wise,role,start,end\n11,coop-a,sorter-plus,2026-01-01,\n12,coop-b,farm-worker,2026-01-01,2026-06-30\n",
        ),
    )
    assert "2 created" in out
    run("import_wise_csv", "managers", write(tmp_path, "g.csv", "user_id,wise\n90,coop-a\n"))
    run(
        "import_wise_csv",
        "mappings",
        write(tmp_path, "p.csv", "source_key,competence,level,title\ncourse-v1:W+S+1,sector:waste.sorting,2,Sorting\n"),
    )
    assert Wise.objects.get(key="coop-a").country == "IT"
    assert set(Wise.objects.get(key="coop-a").sectors.values_list("key", flat=True)) == {"waste", "reuse"}
    assert Network.objects.get(key="net-it").wises.count() == 2
    assert dict(Role.objects.get(key="sorter-plus").requirements.values_list("competence__key", "level")) == {
        "sector:waste.sorting": 4,
        "digcomp:1.1": 2,
    }
    assert Membership.objects.count() == 2 and ManagerAssignment.objects.get().user_id == 90
    assert CompetenceMapping.objects.get().course_key == "course-v1:W+S+1"
    assert "0 created, 2 updated" in run("import_wise_csv", "memberships", str(tmp_path / "m.csv"))  # idempotent


def test_csv_import_reports_every_bad_row_and_imports_nothing(db, tmp_path):
    run("load_wise_frameworks")
    path = write(
        tmp_path, "w.csv", "key,name,country,sectors\nok-one,OK,IT,waste\nbad key,X,Italy,space\nok-one,Again,IT,\n"
    )
    with pytest.raises(CommandError) as err:
        run("import_wise_csv", "wises", path)
    message = str(err.value)
    assert "nothing was imported" in message
    assert "row 3: key 'bad key' may use only" in message
    assert "row 3: country 'Italy' must be a two-letter code" in message
    assert "row 3: unknown sector(s) space" in message
    assert "row 4: WISE 'ok-one' appears twice" in message
    assert not Wise.objects.exists()  # row 2 was fine, but nothing is half-imported
    with pytest.raises(CommandError, match="unknown column"):
        run("import_wise_csv", "memberships", write(tmp_path, "m.csv", "user_id,wise,role,start,username\n"))
    with pytest.raises(
        CommandError, match=r"row 2: unknown WISE 'nope'.*\nrow 2: start '31/01/2026' is not a date like 2026-01-31"
    ):
        run(
            "import_wise_csv",
            "memberships",
            write(tmp_path, "m2.csv", "user_id,wise,role,start\n5,nope,farm-worker,31/01/2026\n"),
        )


def test_recompute_rebuilds_current_levels(db):
    run("load_wise_frameworks")
    public_api.record_self_assessment(5, "course-v1:W+X+1", {"digcomp:1.1": 2, "digcomp:1.2": 1})
    LearnerLevel.objects.all().delete()
    Evidence.objects.filter(competence__key="digcomp:1.2").update(
        verified=True, observed_at=datetime(2026, 1, 1, tzinfo=UTC)
    )
    out = run("recompute_wise_skills", "--batch-size", "1")
    assert "Recomputed the current levels of 1 learners" in out
    assert dict(LearnerLevel.objects.values_list("competence__key", "verified")) == {
        "digcomp:1.1": False,
        "digcomp:1.2": True,
    }


def test_seed_demo_is_idempotent_and_learner1_has_gaps(db):
    run("seed_wise_demo", "--learners", "16")
    counts = (
        Evidence.objects.count(),
        Membership.objects.count(),
        Wise.objects.count(),
        CompetenceMapping.objects.count(),
    )
    run("seed_wise_demo", "--learners", "16")
    assert (
        Evidence.objects.count(),
        Membership.objects.count(),
        Wise.objects.count(),
        CompetenceMapping.objects.count(),
    ) == counts
    assert counts[2] == 12 and set(Wise.objects.values_list("country", flat=True)) == {"IT", "SI", "HR", "PL", "BE"}
    User = get_user_model()
    for name in ("staff", "coordinator", "manager-it", "manager-si", "learner1"):
        assert User.objects.get(username=name).check_password("demo")
    assert User.objects.get(username="staff").is_superuser
    profile = public_api.learner_profile(User.objects.get(username="learner1").id)
    assert profile["memberships"] and profile["top_gaps"]
    assert {"self_assessment", "course_result", "manager_rating"} <= set(
        Evidence.objects.values_list("provenance", flat=True)
    )
