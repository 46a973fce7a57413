"""The notice ledger: a platform referral is one notice per item of content, each with its clock."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from sanad.audit.models import AuditEvent
from sanad.cases import actions, notices
from sanad.cases.models import NoticeState
from sanad.testing import staff_user

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=AbC123xyz&t=42"


@pytest.fixture
def platform_referral(analyst, platform_org, report_factory):
    report, _ = report_factory(
        categories=("sexual_exploitation",),
        platforms=("youtube",),
        identifiers=(YOUTUBE, "@demo.sextortion", "FR76 3000 6000 0112 3456 7890 189"),
    )
    case = actions.open_case(report, by=analyst)
    return actions.refer_case(
        case,
        target="platform",
        organisation=platform_org,
        brief="Retrait (fictif).",
        legal_ground="Loi 09-08",
        by=analyst,
    )


def test_one_notice_per_item_of_content_with_the_exact_link(platform_referral):
    found = list(platform_referral.notices.order_by("position"))
    assert [notice.content for notice in found] == [YOUTUBE, "@demo.sextortion"]  # the IBAN stays in the referral
    assert {notice.legal_ground for notice in found} == {"Loi 09-08"}
    assert {notice.category for notice in found} == {"sexual_exploitation"}
    assert {notice.clock for notice in found} == {"sexual_minor"}
    assert all(notice.due_at - notice.sent_at == timedelta(hours=24) for notice in found)
    assert AuditEvent.objects.filter(action="notice.sent", object_id=str(platform_referral.pk)).exists()


def test_the_notice_is_the_frozen_link_not_the_live_case(platform_referral, analyst, report_factory):
    later, _ = report_factory(identifiers=("@demo.later",), platforms=("youtube",))
    actions.link_report(later, case=platform_referral.case, by=analyst)
    assert [n.content for n in platform_referral.notices.all()] == [YOUTUBE, "@demo.sextortion"]


def test_other_content_gets_the_other_clock(analyst, platform_org, report_factory, settings):
    settings.SANAD_NOTICE_CLOCKS = {
        "sexual_minor": timedelta(hours=24),
        "threats": timedelta(hours=12),
        "other": timedelta(hours=48),
    }
    report, _ = report_factory(categories=("harassment",), identifiers=("@demo.harasser",))
    case = actions.open_case(report, by=analyst)
    referral = actions.refer_case(
        case, target="platform", organisation=platform_org, brief="", legal_ground="", by=analyst
    )
    notice = referral.notices.get()
    assert (notice.clock, notice.due_at - notice.sent_at) == ("other", timedelta(hours=48))
    assert notices.clock_for(["harassment", "threats"]) == ("threats", timedelta(hours=12))
    assert notices.clock_for(["threats", "sexual_exploitation"]) == ("threats", timedelta(hours=12))


def test_no_notices_for_a_police_referral(analyst, police, report_factory):
    report, _ = report_factory()
    case = actions.open_case(report, by=analyst)
    referral = actions.refer_case(case, target="police", organisation=police, brief="", legal_ground="", by=analyst)
    assert not referral.notices.exists()


def test_answers_stop_the_clock_and_give_the_time_to_removal(platform_referral):
    notice = platform_referral.notices.order_by("position").first()
    with time_machine.travel(notice.sent_at + timedelta(hours=5)):
        notices.acknowledge_notice(notice, by=None, via="api")
    with time_machine.travel(notice.sent_at + timedelta(hours=7, minutes=30)):
        notices.answer_notice(notice, state="removed", by=None, via="api")
    notice.refresh_from_db()
    assert notice.state == NoticeState.REMOVED
    assert notice.time_to_removal == timedelta(hours=7, minutes=30)
    assert notice.met_clock is True
    assert not notice.is_overdue(notice.due_at + timedelta(days=3))  # a met clock stops counting
    # The same answer again is a repeat; another one is refused.
    notices.answer_notice(notice, state="removed", by=None, via="api")
    with pytest.raises(notices.NoticeAlreadyAnswered):
        notices.answer_notice(notice, state="refused", reason="x", by=None, via="api")


def test_a_refusal_needs_the_platforms_reason(platform_referral):
    notice = platform_referral.notices.first()
    with pytest.raises(notices.NoticeRefusalNeedsReason):
        notices.answer_notice(notice, state="refused", reason="  ", by=None, via="api")
    notices.answer_notice(notice, state="refused", reason="Not against our rules (fictitious).", by=None, via="api")
    notice.refresh_from_db()
    assert (notice.state, notice.reason) == ("refused", "Not against our rules (fictitious).")
    assert notice.time_to_removal is None


def test_reminder_before_the_clock_then_expiry_escalated_to_supervisors(
    platform_referral, platform_org, supervisor, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    supervisor.email = "supervisor@centre.invalid"
    supervisor.save()
    staff_user("platform_liaison", platform_org, "liaison", email="trust@platform.invalid")
    first, second = platform_referral.notices.order_by("position")
    notices.answer_notice(second, state="restricted", by=None, via="api")
    with time_machine.travel(first.due_at - timedelta(hours=2)):
        assert notices.watch_notice_clocks.call() == 1
        assert notices.watch_notice_clocks.call() == 0  # once
    assert [message.to for message in mail.outbox] == [["trust@platform.invalid"]]
    with time_machine.travel(first.due_at + timedelta(minutes=1)):
        assert notices.watch_notice_clocks.call() == 1
        assert notices.watch_notice_clocks.call() == 0
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == NoticeState.EXPIRED and first.expired_at is not None
    assert second.state == NoticeState.RESTRICTED  # answered: no reminder, no expiry
    assert sorted(mail.outbox[-1].to) == ["supervisor@centre.invalid", "trust@platform.invalid"]
    assert "@demo" not in mail.outbox[-1].body and "youtube" not in mail.outbox[-1].body  # never content
    # A late removal is still recorded, and counted as late.
    with time_machine.travel(first.due_at + timedelta(hours=3)):
        notices.answer_notice(first, state="removed", by=None, via="staff")
    first.refresh_from_db()
    assert first.met_clock is False


def test_removal_times_per_platform_and_kind(platform_referral):
    first, second = platform_referral.notices.order_by("position")
    with time_machine.travel(first.sent_at + timedelta(hours=2)):
        notices.answer_notice(first, state="removed", by=None, via="api")
    with time_machine.travel(first.sent_at + timedelta(hours=30)):
        notices.answer_notice(second, state="restricted", by=None, via="api")
    [row] = notices.removal_times()
    assert row.organisation_id == platform_referral.organisation_id
    assert (row.clock, row.notices, row.taken_down, row.within_clock, row.waiting) == ("sexual_minor", 2, 2, 1, 0)
    assert row.median_hours == 16.0
    assert notices.removal_times(since=timezone.now() + timedelta(days=1)) == []
