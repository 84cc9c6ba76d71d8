"""A learner claims a competence credential and downloads it; an employer checks it on the verification page;
the WISE manager revokes it; the employer checks again and sees it revoked. Keyboard, axe and 360 px on the way."""

import json
from pathlib import Path

import pytest

from tests.integration.credentials.conftest import cworld, signing_key  # noqa: F401  (fixtures)

from .conftest import no_horizontal_overflow


@pytest.fixture
def world(transactional_db, cworld):  # noqa: F811  (the live server thread must see the data)
    return cworld


def sign_in(page, username):
    page.context.clear_cookies()
    page.goto("/login/?next=/wise-credentials/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_label("Password").press("Enter")
    page.wait_for_load_state()


def check_file(page, path):
    page.goto("/wise-credentials/verify/")
    page.get_by_label("Or choose the file").set_input_files(str(path))
    page.get_by_role("button", name="Check").click()
    return page.locator("#wc-result-title")


def test_claim_download_verify_revoke_verify_again(page, world, axe_check, tmp_path):
    sign_in(page, "ana")
    page.goto("/wise-credentials/")
    axe_check(page, "main")
    card = page.locator(".wc-card", has_text="Sorting waste into the right fractions")
    assert "Self-check" not in page.content()
    # Keyboard only: tick the name consent and claim.
    card.get_by_label("Show my name, Ana Novak, in the credential").focus()
    page.keyboard.press("Space")
    card.get_by_role("button", name="Claim credential").focus()
    page.keyboard.press("Enter")
    status = page.get_by_role("status")
    status.wait_for()
    assert "is ready" in status.inner_text()
    axe_check(page, "main")

    with page.expect_download() as info:
        status.get_by_role("link", name="Download as JSON").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    document = json.loads(Path(saved).read_text())
    assert document["credentialSubject"]["identifier"][0]["identityHash"] == "Ana Novak"
    with page.expect_download() as info:
        status.get_by_role("link", name="Download as JWT").click()
    jwt_file = tmp_path / info.value.suggested_filename
    info.value.save_as(jwt_file)
    assert jwt_file.read_text().count(".") == 2

    # An employer, signed out, checks the file.
    page.context.clear_cookies()
    title = check_file(page, saved)
    assert title.inner_text().strip() == "Valid credential"
    result = page.locator(".wc-result")
    assert "Ana Novak" in result.inner_text() and "Cooperativa Alfa" in result.inner_text()
    axe_check(page, "main")
    # Pasting the JWT works the same.
    page.get_by_label("Paste the credential").fill(jwt_file.read_text())
    page.get_by_role("button", name="Check").click()
    assert page.locator("#wc-result-title").inner_text().strip() == "Valid credential"

    # The manager of the learner's WISE revokes it.
    sign_in(page, "mgr-a")
    page.goto("/wise-credentials/manage/")
    axe_check(page, "main")
    page.get_by_label("Reason").select_option("evidence_withdrawn")
    page.get_by_role("button", name="Revoke").click()
    assert "was revoked" in page.get_by_role("status").inner_text()

    page.context.clear_cookies()
    title = check_file(page, saved)
    assert title.inner_text().strip() == "Revoked: do not rely on it"
    assert "The evidence behind it was withdrawn" in page.locator(".wc-result").inner_text()
    axe_check(page, "main")


def test_pages_fit_a_phone_and_a_tampered_paste_is_flagged(page, world, axe_check):
    page.set_viewport_size({"width": 360, "height": 640})
    sign_in(page, "ana")
    page.goto("/wise-credentials/")
    assert no_horizontal_overflow(page)
    page.locator(".wc-card", has_text="Sorting waste").get_by_role("button", name="Claim credential").click()
    page.get_by_role("status").wait_for()
    assert no_horizontal_overflow(page)
    token = page.request.get(page.get_by_role("link", name="Download as JWT").get_attribute("href")).text()
    header, payload, signature = token.split(".")
    page.goto("/wise-credentials/verify/")
    page.get_by_label("Paste the credential").fill(".".join([header, payload[:-4] + "AAAA", signature]))
    page.get_by_role("button", name="Check").click()
    assert page.locator("#wc-result-title").inner_text().strip().startswith(("Tampered", "Not a valid"))
    assert no_horizontal_overflow(page)
    axe_check(page, "main")
