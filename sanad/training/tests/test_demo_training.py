"""`manage.py demo_training`: after the staff and school demos, a trainer, the course and two cohorts, twice over."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sanad.audit.log import verify
from sanad.training.management.commands.demo_training import FINISHED, IN_PROGRESS
from sanad.training.models import Certificate, Cohort, Course

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo_settings(settings, tmp_path):
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path


def run(name: str) -> str:
    out = io.StringIO()
    call_command(name, stdout=out)
    return out.getvalue()


def test_refuses_before_the_school_demo():
    with pytest.raises(CommandError):
        run("demo_training")


def test_a_trainer_a_finished_cohort_and_one_in_progress(tmp_path):
    run("demo_staff")
    run("demo_schools")
    text = run("demo_training")
    assert "formatrice.demo" in text and "TOTP key" in text
    assert "formatrice.demo" in (tmp_path / "demo_accounts.txt").read_text()
    finished = Cohort.objects.get(name=FINISHED)
    assert finished.closed_at is not None
    assert all(e.passed_at for e in finished.enrolments.all())
    assert Certificate.objects.filter(enrolment__cohort=finished).count() == finished.enrolments.count()
    progressing = Cohort.objects.get(name=IN_PROGRESS)
    assert not any(e.passed_at for e in progressing.enrolments.all())
    assert progressing.enrolments.filter(attempts__isnull=False).exists()
    again = run("demo_training")
    assert Cohort.objects.count() == 2 and Course.objects.count() == 1
    assert "formatrice.demo" in again
    assert verify() is None
