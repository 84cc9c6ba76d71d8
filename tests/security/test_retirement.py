# ruff: noqa: F811  (fixtures imported from the credentials tests)
"""Retirement across BOTH plugin apps, the way edx-platform does it.

edx-platform sends USER_RETIRE_LMS_CRITICAL / USER_RETIRE_LMS_MISC with ``user=<User>``; the plugin
framework connects the receivers each app lists in ``plugin_app["signals_config"]``. Those lists carry the
retirement entries only where edx-platform is installed, so this test asks each app for its config "as on
the platform" and calls every listed retirement receiver with the kwargs the platform sends.

Then EVERY model of wise_skills and wise_credentials is introspected: no column that can hold a user id
holds the retired user's id, and no text column holds their username, e-mail, name or an id-bearing key.
Running the retirement twice is harmless (no error, nothing else changes).
"""

import importlib
import inspect
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone
from wise_skills.models import CoordinatorAssignment, ManagerAssignment, Network, Wise

from tests.integration.credentials.conftest import cworld, signing_key  # noqa: F401  (fixtures)

APPS = ("wise_skills", "wise_credentials")
RETIREMENT_SIGNALS = ("USER_RETIRE_LMS_CRITICAL", "USER_RETIRE_LMS_MISC")
USER_FIELD_HINTS = ("user", "_by", "learner", "rater", "owner", "requester", "manager", "coordinator")


def platform_receivers(app_label):
    """[(signal name, receiver function)] the app would connect on an LMS that has the retirement signals."""
    config = apps.get_app_config(app_label)
    module = importlib.import_module(type(config).__module__)
    builder = getattr(module, "signals_config", None) or getattr(module, "signal_receivers", None)
    assert builder is not None, f"{app_label}: no signals_config()/signal_receivers() to ask for the LMS config"
    params = inspect.signature(builder).parameters
    built = builder(platform_present=True) if "platform_present" in params else builder()
    if isinstance(built, dict):
        lms = built["lms.djangoapp"]
        relative, receivers = lms["relative_path"], lms["receivers"]
    else:
        relative = config.plugin_app["signals_config"]["lms.djangoapp"]["relative_path"]
        receivers = built
    receiver_module = importlib.import_module(f"{config.name}.{relative}")
    found = []
    for entry in receivers:
        signal = entry["signal_path"].rsplit(".", 1)[1]
        if signal in RETIREMENT_SIGNALS:
            found.append((signal, getattr(receiver_module, entry["receiver_func_name"])))
    return found


def send_retirement(user):
    for app_label in APPS:
        for signal, receiver in platform_receivers(app_label):
            receiver(sender=None, signal=signal, user=user)


def user_columns(model):
    """Concrete fields of a model that can hold a user id: FKs to the user model, integer *user*/*_by* columns."""
    from django.contrib.auth import get_user_model

    fields = []
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is get_user_model():
            fields.append(field.attname)
        elif isinstance(field, (models.IntegerField,)) and not field.is_relation and not field.primary_key:
            if any(hint in field.name for hint in USER_FIELD_HINTS):
                fields.append(field.attname)
    return fields


def text_columns(model):
    return [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField, models.JSONField))
    ]


def leftovers(user, secrets):
    found = []
    for app_label in APPS:
        for model in apps.get_app_config(app_label).get_models():
            for column in user_columns(model):
                count = model.objects.filter(**{column: user.id}).count()
                if count:
                    found.append(f"{model._meta.label}.{column}: {count} row(s) with user id {user.id}")
            for column in text_columns(model):
                for value in model.objects.values_list(column, flat=True):
                    text = str(value)
                    hit = [s for s in secrets if s in text]
                    if hit:
                        found.append(f"{model._meta.label}.{column}: holds {hit}")
    return found


def every_row(app_labels=APPS):
    return {
        model._meta.label: sorted(map(str, model.objects.values_list()))
        for label in app_labels
        for model in apps.get_app_config(label).get_models()
    }


def test_both_apps_list_a_retirement_receiver_for_the_platform():
    for app_label in APPS:
        signals = {signal for signal, _ in platform_receivers(app_label)}
        assert signals, f"{app_label} connects no retirement receiver on the LMS"


def test_every_app_model_with_personal_columns_is_inspected():
    """The introspection finds the columns we know about, so it would find a new one too."""
    seen = {f"{m._meta.label}.{c}" for a in APPS for m in apps.get_app_config(a).get_models() for c in user_columns(m)}
    for must in (
        "wise_skills.Evidence.user_id",
        "wise_skills.Evidence.recorded_by_id",
        "wise_skills.ExportJob.user_id",
        "wise_credentials.Credential.user_id",
        "wise_credentials.Credential.revoked_by_id",
    ):
        assert must in seen, must


@pytest.fixture
def retiree(cworld, settings, tmp_path):
    """The learner 'ana' of the credentials world, who is also everything else a person can be in the plugin."""
    from wise_skills.credentials.issuing import issue
    from wise_skills.credentials.models import Credential
    from wise_skills.models_exports import ExportJob

    settings.MEDIA_ROOT = str(tmp_path)
    users = cworld["users"]
    ana, other = users["learner"], users["other"]
    # Distinctive identifiers, so a substring search cannot hit framework text by chance.
    ana.username, ana.email, ana.first_name, ana.last_name = "retiree-qx7", "qx7@retiree.invalid", "Zyxwa", "Qorvath"
    ana.save()
    issue(ana, "sector:waste.sorting", include_name=True)
    # Ana also manages WISE B, coordinates a network, rated a colleague, revoked a credential, asked for exports.
    b = cworld["wises"]["b"]
    ManagerAssignment.objects.create(user_id=ana.id, wise=b)
    CoordinatorAssignment.objects.create(user_id=ana.id, network=Network.objects.create(key="n9", name="N9"))
    from wise_skills import public_api

    public_api.record_manager_rating(ana.id, other.id, "digcomp:1.1", 2)
    now = timezone.now()
    Credential.objects.create(
        user_id=other.id,
        competence_id=Credential.objects.first().competence_id,
        level=1,
        wise=b,
        issued_at=now,
        valid_until=now + timedelta(days=1),
        kid="k",
        revoked_at=now,
        revoked_by_id=ana.id,
        revocation_reason="other",
    )
    ExportJob.objects.create(user_id=ana.id, kind="heatmap", file_format="csv", params={"wise": "wise-b"})
    ExportJob.objects.create(
        user_id=users["manager_a"].id, kind="learners", file_format="csv", status="failed", slot=None
    )
    assert leftovers(ana, []), "the retiree holds no row before retirement: the test would prove nothing"
    return ana


def test_retirement_leaves_no_row_holding_the_user(retiree):
    secrets = [retiree.username, retiree.email or "\x00none", "Zyxwa Qorvath", f"manager:{retiree.id}"]
    send_retirement(retiree)
    assert leftovers(retiree, secrets) == []


def test_retirement_twice_is_harmless(retiree, cworld):
    send_retirement(retiree)
    after_once = every_row()
    send_retirement(retiree)
    assert every_row() == after_once
    # Other people's data survives: the colleague Ana rated keeps the rating, Wise rows stay.
    other = cworld["users"]["other"]
    from wise_skills.models import Evidence

    assert Evidence.objects.filter(user_id=other.id, provenance="manager_rating").exists()
    assert Wise.objects.filter(key="wise-b").exists()
