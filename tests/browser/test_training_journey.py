"""Journey: a resource-team teacher takes the resource-team course on a phone, in both languages.

She triages a practice case on the practice triage page, chooses the recipient and sees the real
referral preview, assesses it on the school protocol's steps, reads the feedback, answers the
check after the course, passes and downloads her certificate; its code checks on the public page
(without JavaScript); the trainer sees the cohort.
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import BrowserContext, Page, expect

from sanad.accounts.models import Organisation, User
from sanad.schools.models import TeamMember
from sanad.testing import PASSWORD, make_school
from sanad.training import courses
from sanad.training.loading import load_library
from sanad.training.models import CaseStudy, Certificate, QuestionSet, TraineeRole
from tests.browser import journey
from tests.browser.conftest import LANGUAGES
from tests.browser.test_administration_journey import sign_in

pytestmark = [pytest.mark.browser]

TEACHER_KEY = "3a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5"
TRAINER_KEY = "4b1c2d3e4f5061728394a5b6c7d8e9f00a1b2c3d"


def people() -> tuple[User, User]:
    load_library()
    school = make_school("DEMO-RS-C9", "Collège Al Amal (test)")
    teacher = User.objects.create_user(
        username="f.enseignante",
        password=PASSWORD,
        organisation=school.organisation,
        role=User.Role.SCHOOL_TEAM,
        first_name="Fatima",
        last_name="Exemple",
    )
    TeamMember.objects.create(school=school, user=teacher, position=TeamMember.Position.TEACHER)
    centre = Organisation.objects.create(name="Centre national Sanad (test)", kind=Organisation.Kind.CENTRE)
    trainer = User.objects.create_user(
        username="s.formatrice", password=PASSWORD, organisation=centre, role=User.Role.TRAINER, first_name="Salma"
    )
    for user, key in ((teacher, TEACHER_KEY), (trainer, TRAINER_KEY)):
        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True, key=key)
    course = courses.build_course(
        title={"ar": "دورة فريق الموارد", "fr": "Parcours équipe ressource"},
        role=TraineeRole.RESOURCE_TEACHER,
        pass_mark=70,
        studies=[CaseStudy.objects.get(slug="class-group-insults")],
        post=QuestionSet.objects.get(slug="resource-team-check"),
        by=trainer,
    )
    courses.open_cohort(course, name="Pilote Rabat-Salé-Kénitra", trainees=[teacher], by=trainer)
    return teacher, trainer


@pytest.mark.parametrize("language", LANGUAGES)
def test_training_journey(
    language: str,
    new_context: Callable[..., BrowserContext],
    screenshot: Callable[[Page, str], Path],
    tmp_path: Path,
) -> None:
    teacher, trainer = people()
    page = new_context().new_page()
    sign_in(page, language, teacher, TEACHER_KEY)
    page.locator(".staff-nav").get_by_role("link", name=journey.t(language, "Training")).click()
    page.get_by_role("link", name="دورة فريق الموارد" if language == "ar" else "Parcours équipe ressource").click()
    screenshot(page, f"{language}-70-training-course")

    # The case study, on the practice triage page: the teacher reads it and decides.
    page.locator("main form button.button-primary").first.click()
    expect(page.locator(".practice-banner")).to_be_visible()
    page.check('input[name="urgency"][value="P2"]')
    page.check('input[name="categories"][value="harassment"]')
    screenshot(page, f"{language}-71-training-triage")
    page.get_by_role("button", name=journey.t(language, "Save and continue")).click()

    # The referral: the preview is the real package a school would receive.
    page.check('input[name="referral"][value="school"]')
    page.get_by_role("button", name=journey.t(language, "Preview what will be sent")).click()
    expect(page.locator(".package-school")).to_be_visible()
    page.get_by_role("button", name=journey.t(language, "Send the referral (practice)")).click()

    # The school protocol: level 2, every step applies.
    page.check('input[name="protocol_level"][value="2"]')
    for box in page.locator('input[name="protocol_steps"]').all():
        box.check()
    page.get_by_role("button", name=journey.t(language, "Finish and see the feedback")).click()
    expect(page.locator(".score")).to_contain_text("100")
    screenshot(page, f"{language}-72-training-feedback")
    page.get_by_role("link", name=journey.t(language, "Back to the course")).click()

    # The check after the course: five questions of four kinds, without JavaScript's help.
    page.locator("main form button.button-primary").first.click()
    page.check('input[name="q1"][value="P0"]')
    for key in ("sexual", "threat", "self_harm"):
        page.check(f'input[name="q2"][value="{key}"]')
    for place, key in enumerate(("record", "listen", "assess", "parents", "follow_up_week"), start=1):
        page.select_option(f'select[name="q3_{key}"]', str(place))
    for key, target in (("knife", "police"), ("comments", "platform"), ("sad", "support")):
        page.select_option(f'select[name="q4_{key}"]', target)
    page.check('input[name="q5"][value="nothing"]')
    page.get_by_role("button", name=journey.t(language, "Send my answers")).click()
    page.get_by_role("link", name=journey.t(language, "Back to the course")).click()

    # Passed: the certificate, a PDF in Arabic and French.
    certificate_link = page.get_by_role("link", name=journey.t(language, "Download the certificate (PDF)"))
    expect(certificate_link).to_be_visible()
    screenshot(page, f"{language}-73-training-passed")
    with page.expect_download() as download:
        certificate_link.click()
    saved = tmp_path / "certificate.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    certificate = Certificate.objects.get(enrolment__trainee=teacher)
    assert TeamMember.objects.get(user=teacher).trained_on is not None

    # Anyone checks the code, with JavaScript off.
    public = new_context(javascript=False).new_page()
    public.goto(journey.path(language, f"certificates/verify/?code={certificate.code}"))
    expect(public.locator("main")).to_contain_text(journey.t(language, "Valid certificate."))
    expect(public.locator("main")).to_contain_text(certificate.initials)
    expect(public.locator("main")).not_to_contain_text("Exemple")

    # The trainer sees the cohort, its scores and what most got wrong.
    trainer_page = new_context().new_page()
    sign_in(trainer_page, language, trainer, TRAINER_KEY)
    trainer_page.goto(journey.path(language, "staff/training/trainer/"))
    trainer_page.get_by_role("link", name="Pilote Rabat-Salé-Kénitra").click()
    expect(trainer_page.locator("main table")).to_contain_text("Fatima Exemple")
    expect(trainer_page.locator("main table")).to_contain_text(certificate.code)
    screenshot(trainer_page, f"{language}-74-training-cohort")
