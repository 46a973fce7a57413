"""The school protocol and the national centre's back-office, end to end, without signals and
without invented reports.

A school case that asks the centre (level 3, a take-down) is in the national queue at once and
is triaged into a case that points to it; later requests are picked up by the centre; the
take-down links reach the platform as typed; the platform's answers reach the school; the
centre transfers a case to a school with consent or a safeguarding decision; the school
closing it answers the referral; the case page shows the school case's whole record; the
centre shows a chosen file to the school.
"""

import re
from datetime import UTC, datetime, timedelta
from html import escape

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from sanad.accounts.models import Organisation, User
from sanad.audit.models import AuditEvent
from sanad.cases import actions as case_actions
from sanad.cases.models import Case, CaseStatus, Referral, ReferralStatus
from sanad.cases.school_requests import pick_up
from sanad.cases.tests.casework import references_in_table
from sanad.cases.tests.conftest import make_school
from sanad.cases.tests.referral_helpers import case_with_files, form_data, preview, refer_url, send
from sanad.intake.models import Report
from sanad.schools import actions as school_actions
from sanad.schools.actions import PupilEntry
from sanad.schools.models import Author, Origin, ProtocolRun, RunOutcome, StepRecord, Takedown, TeamMember, ToldBy
from sanad.testing import staff_user, team_member

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]  # also on SQLite, as the demo runs

NOW = datetime(2026, 3, 2, 9, 15, tzinfo=UTC)
FACTS = "Un élève menace une camarade de publier ses photos (exemple fictif)."
VICTIM = "Salma Exemple"
AUTHOR = "Youssef Fictif"
BRIEF = "Une élève de 3e subit des moqueries en ligne ; merci de suivre le protocole (fictif)."
REASON = "Risque de déscolarisation : l'école doit protéger l'élève dès demain (fictif)."


def in_french(text: str) -> str:
    """The refer pages are read in French (referral_helpers): their messages as the analyst sees them
    ({% translate %} does not escape the apostrophes)."""
    with translation.override("fr"):
        return gettext(text)


@pytest.fixture
def teacher(school):
    return team_member("teacher", school)


@pytest.fixture
def head(school):
    return team_member("head", school, TeamMember.Position.HEAD)


@pytest.fixture
def platform_liaison(platform_org):
    return staff_user("platform_liaison", platform_org, User.Role.LIAISON)


def record_school_case(school, teacher, **overrides) -> ProtocolRun:
    fields = {
        "told_by": ToldBy.VICTIM,
        "categories": ["harassment", "threats"],
        "facts": FACTS,
        "evidence_kept": True,
        "author": Author.PUPIL,
        "pupils": [PupilEntry("victim", VICTIM, "3e B"), PupilEntry("involved", AUTHOR, "3e A")],
    }
    fields.update(overrides)
    return school_actions.record_case(school, by=teacher, **fields)


def escalate(run: ProtocolRun, teacher, capture, because=("threats",)) -> ProtocolRun:
    with capture(execute=True):
        school_actions.assess(run, by=teacher, level=3, serious_because=list(because))
    run.refresh_from_db()
    return run


def triage(run: ProtocolRun, analyst, client) -> Case:
    """The analyst opens the school's request from the queue and takes it."""
    response = client.post(f"/en/staff/school-requests/{run.pk}/open-case/", {"urgency": run.centre_urgency})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Case.objects.get(school_case=run)


def finish_every_step(run: ProtocolRun, by) -> None:
    """Every step but the last recorded or marked not applicable, as a team would over a month."""
    if run.level is None:
        school_actions.assess(run, by=by, level=1, serious_because=[])
    for step in run.protocol.steps[:-1]:
        if StepRecord.objects.get(run=run, code=step.code).state != "pending":
            continue
        if step.not_applicable:
            school_actions.skip_step(run, step.code, by=by, reason="Sans objet (fictif).")
        else:
            school_actions.complete_step(run, step.code, by=by, note="Fait (fictif).")


def oncall_mails() -> list:
    return [message for message in mail.outbox if message.subject.startswith("[Sanad P0]")]


# Escalation


def test_level_3_puts_the_school_case_in_the_national_queue_without_inventing_a_report(
    school, teacher, head, analyst, centre, sign_in, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(NOW, tick=False)
    run = record_school_case(school, teacher)
    client = sign_in(analyst)
    assert references_in_table(client.get("/en/staff/queue/").content.decode()) == []  # the team's alone

    run = escalate(run, teacher, django_capture_on_commit_callbacks)

    assert (run.centre_urgency, run.centre_asked_at, run.centre_due) == ("P1", NOW, NOW + timedelta(hours=24))
    assert not Case.objects.exists() and not Report.objects.exists()  # nothing made up
    event = AuditEvent.objects.get(action="school_case.centre_asked")
    assert (event.object_id, event.actor, event.detail) == (
        str(run.pk),
        teacher,
        {"because": "escalated", "urgency": "P1"},
    )
    # The head of school is told; no on-call e-mail for a P1.
    assert [message.to for message in mail.outbox] == [["head@school.invalid"]]
    assert oncall_mails() == []
    # In the queue at once, once, with its badge, ranked like a report.
    page = client.get("/en/staff/queue/").content.decode()
    assert references_in_table_with_schools(page) == [run.reference]
    assert page.count("badge-school") == 1


def references_in_table_with_schools(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return list(dict.fromkeys(re.findall(r"\b(?:SN|C|E)-[0-9A-Z]{8}\b", body)))


def test_triaging_the_request_opens_a_case_that_points_to_the_school_case(
    school, teacher, analyst, sign_in, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(NOW, tick=False)
    run = escalate(record_school_case(school, teacher), teacher, django_capture_on_commit_callbacks)
    client = sign_in(analyst)
    page = client.get(f"/en/staff/school-requests/{run.pk}/").content.decode()
    assert escape(FACTS) in page and VICTIM in page
    time_machine.move_to(NOW + timedelta(hours=2), tick=False)
    client = sign_in(analyst)  # a new session: the first one went idle
    case = triage(run, analyst, client)
    assert (case.urgency, case.status, case.assignee) == ("P1", CaseStatus.TRIAGED, analyst)
    assert case.first_action_due == NOW + timedelta(hours=24) and case.first_action_met
    assert not case.case_reports.exists() and not Report.objects.exists()
    page = client.get("/en/staff/queue/").content.decode()
    assert references_in_table_with_schools(page) == [case.reference]  # the case now, not the request
    assert client.get(f"/en/staff/school-requests/{run.pk}/").status_code == 302  # now its case
    assert client.post(f"/en/staff/school-requests/{run.pk}/open-case/", {"urgency": "P1"}).status_code == 302
    assert Case.objects.count() == 1


def test_a_risk_of_self_harm_makes_it_p0_and_calls_the_on_call_staff(
    school, teacher, analyst, django_capture_on_commit_callbacks
):
    run = escalate(
        record_school_case(school, teacher), teacher, django_capture_on_commit_callbacks, because=("self_harm",)
    )
    assert run.centre_urgency == "P0"
    (oncall,) = oncall_mails()
    assert oncall.subject == f"[Sanad P0] {run.reference}"
    for secret in (FACTS, VICTIM, AUTHOR):
        assert secret not in oncall.body


def test_a_pupil_found_in_danger_at_the_interview_makes_it_p0(
    school, teacher, analyst, django_capture_on_commit_callbacks
):
    run = record_school_case(school, teacher)
    school_actions.complete_step(run, "listen", by=teacher, details={"safety": "danger"}, note="Entretien (fictif).")
    run = escalate(run, teacher, django_capture_on_commit_callbacks)
    assert run.centre_urgency == "P0"
    assert len(oncall_mails()) == 1


def test_reassessing_asks_nothing_new_and_opens_no_second_case(
    school, teacher, head, analyst, sign_in, django_capture_on_commit_callbacks
):
    run = escalate(record_school_case(school, teacher), teacher, django_capture_on_commit_callbacks)
    case = triage(run, analyst, sign_in(analyst))
    with django_capture_on_commit_callbacks(execute=True):
        school_actions.assess(run, by=head, level=2, serious_because=[])
        school_actions.assess(run, by=head, level=3, serious_because=["extortion"])
    assert pick_up() == 0
    assert list(Case.objects.all()) == [case]
    assert len([message for message in mail.outbox if message.to == ["head@school.invalid"]]) == 1


def test_a_reassessment_more_urgent_raises_the_case(
    school, teacher, head, analyst, sign_in, django_capture_on_commit_callbacks
):
    analyst.email = "analyst@centre.invalid"
    analyst.save()
    run = escalate(record_school_case(school, teacher), teacher, django_capture_on_commit_callbacks)
    case = triage(run, analyst, sign_in(analyst))
    with django_capture_on_commit_callbacks(execute=True):
        school_actions.assess(run, by=head, level=3, serious_because=["self_harm"])
    with django_capture_on_commit_callbacks(execute=True):
        assert pick_up() == 1
    case.refresh_from_db()
    assert case.urgency == "P0"
    assert len(oncall_mails()) == 1
    assert [message.to for message in mail.outbox if message.subject == f"[Sanad] {case.reference}"] == [
        ["analyst@centre.invalid"]
    ]


def test_an_existing_national_case_is_raised_to_p1_and_reopened(
    school, teacher, analyst, report_factory, django_capture_on_commit_callbacks
):
    report, _receipt = report_factory(categories=("other",))
    report.consent_share = True
    report.save()
    case = case_actions.open_case(report, by=analyst)
    assert case.urgency == "P3"
    case_actions.refer_case(
        case, target="school", organisation=school.organisation, brief=BRIEF, legal_ground="", by=analyst
    )
    case.refresh_from_db()
    case_actions.close_case(case, outcome="resolved", by=analyst)

    escalate(case.school_case, teacher, django_capture_on_commit_callbacks)
    assert pick_up() == 1

    case.refresh_from_db()
    assert (case.urgency, case.status) == ("P1", CaseStatus.IN_PROGRESS)
    assert Case.objects.count() == 1
    reasons = AuditEvent.objects.filter(action__in=["case.reopened", "case.urgency_changed"], object_id=str(case.pk))
    assert {event.detail["reason"] for event in reasons} == {"the school asked the centre again"}


# Takedown


def test_a_takedown_request_asks_the_centre_and_reaches_the_platform_as_typed(
    school, teacher, analyst, platform_org, sign_in, django_capture_on_commit_callbacks
):
    run = record_school_case(school, teacher, categories=["other"])
    links = "https://www.instagram.com/Fake.Account/\n\n  https://example.com/post/42?x=1  \n"
    school_actions.request_takedown(run, by=teacher, links=links)
    run.refresh_from_db()
    assert run.centre_urgency == "P2" and not Case.objects.exists()  # "other" alone is P3, a take-down P2
    client = sign_in(analyst)
    case = triage(run, analyst, client)
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(client, case, form_data("platform", platform_org))
    sent = sorted(
        (item["kind"], item["platform"], item["value"], item["typed"]) for item in referral.snapshot["identifiers"]
    )
    assert sent == [
        ("handle", "instagram", "fake.account", "https://www.instagram.com/Fake.Account/"),
        ("url", "", "https://example.com/post/42?x=1", "https://example.com/post/42?x=1"),
    ]


def test_a_takedown_after_escalation_adds_to_the_same_case(
    school, teacher, analyst, sign_in, django_capture_on_commit_callbacks
):
    run = escalate(record_school_case(school, teacher), teacher, django_capture_on_commit_callbacks)
    case = triage(run, analyst, sign_in(analyst))
    school_actions.request_takedown(run, by=teacher, links="@fake.account")
    assert pick_up() == 1
    assert list(Case.objects.all()) == [case]


@pytest.mark.parametrize(("answer", "takedown"), [("content_removed", Takedown.REMOVED), ("refused", Takedown.REFUSED)])
def test_the_platform_referral_and_its_answer_reach_the_school(
    school, teacher, analyst, platform_org, platform_liaison, sign_in, answer, takedown
):
    run = record_school_case(school, teacher)
    school_actions.request_takedown(run, by=teacher, links="https://www.tiktok.com/@fake.account/video/1")
    client = sign_in(analyst)
    case = triage(run, analyst, client)

    referral = send(client, case, form_data("platform", platform_org))
    run.refresh_from_db()
    assert run.takedown == Takedown.WITH_PLATFORM

    response = sign_in(platform_liaison).post(
        f"/en/staff/referrals/{referral.pk}/update/", {"status": answer, "answer": "Traité (fictif)."}
    )
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.takedown == takedown
    assert AuditEvent.objects.filter(action="school_case.takedown_updated", actor=platform_liaison).exists()


# Transfer to a school


def test_a_transfer_with_consent_opens_the_school_case(school, teacher, analyst, report_factory, sign_in):
    case, report, _files = case_with_files(analyst, report_factory)
    report.consent_share = True
    report.save()
    client = sign_in(analyst)
    page = client.get(refer_url(case) + "?target=school").content.decode()
    assert in_french("A reporter agreed to involve a trusted adult or the school.") in page
    assert 'name="safeguarding_reason"' not in page

    referral = send(client, case, form_data("school", school.organisation, brief=BRIEF))

    case.refresh_from_db()
    run = case.school_case
    assert (referral.status, referral.organisation) == (ReferralStatus.RECEIVED, school.organisation)
    assert referral.acknowledged_at is not None
    assert (run.school, run.origin, run.facts, run.categories) == (school, Origin.PORTAL, BRIEF, ["harassment"])
    assert not run.safeguarding_override
    assert list(ProtocolRun.objects.visible_to(teacher)) == [run]
    event = AuditEvent.objects.get(action="school_case.transferred")
    assert (event.detail["consent"], event.detail.get("safeguarding_reason")) == (True, None)


def test_a_case_naming_no_school_is_transferred_by_the_centre(school, analyst, report_factory):
    report, _receipt = report_factory()
    report.consent_share = True
    report.save()
    case = case_actions.open_case(report, by=analyst)
    case_actions.refer_case(
        case, target="school", organisation=school.organisation, brief=BRIEF, legal_ground="", by=analyst
    )
    case.refresh_from_db()
    assert case.school_case.origin == Origin.CENTRE


def test_without_consent_a_transfer_needs_a_safeguarding_decision(school, analyst, report_factory, sign_in):
    case, _report, _files = case_with_files(analyst, report_factory)  # consent_share is off
    client = sign_in(analyst)
    page = client.get(refer_url(case) + "?target=school").content.decode()
    assert (
        in_french(
            "No reporter agreed to involve the school. Share it only if the child's safety requires it, and write that "
            "safeguarding decision below."
        )
        in page
    )
    assert 'name="safeguarding_reason"' in page

    data = form_data("school", school.organisation, brief=BRIEF)
    for response in (preview(client, case, data), client.post(refer_url(case), data | {"send": "1"})):
        assert response.status_code == 400
        page = response.content.decode()
        assert (
            escape(
                in_french(
                    "Without the reporter's consent, write the safeguarding decision that justifies involving the school."
                )
            )
            in page
        )
        assert f"{escape(BRIEF)}</textarea>" in page  # what the analyst wrote is still there
    assert not Referral.objects.exists()
    assert not ProtocolRun.objects.exists()


def test_a_safeguarding_decision_goes_to_the_audit_log(school, analyst, report_factory, sign_in):
    case, _report, _files = case_with_files(analyst, report_factory)
    client = sign_in(analyst)
    data = form_data("school", school.organisation, brief=BRIEF, safeguarding_reason=REASON)
    assert escape(REASON) in preview(client, case, data).content.decode()
    send(client, case, data)
    case.refresh_from_db()
    assert case.school_case.safeguarding_override
    event = AuditEvent.objects.get(action="school_case.transferred")
    assert (event.detail["consent"], event.detail["safeguarding_reason"]) == (False, REASON)


def test_a_case_goes_to_one_school_only(school, analyst, report_factory, sign_in):
    other = make_school("TEST-OTHER", "Lycée Ibn Battouta (test)")
    case, _report, _files = case_with_files(analyst, report_factory)
    client = sign_in(analyst)
    send(client, case, form_data("school", school.organisation, safeguarding_reason=REASON))

    response = preview(client, case, form_data("school", other.organisation, brief=BRIEF, safeguarding_reason=REASON))
    assert response.status_code == 400
    assert (
        in_french("This case is already in a school's protocol. A case goes to one school only.")
        in response.content.decode()
    )
    assert f"{escape(BRIEF)}</textarea>" in response.content.decode()
    case.refresh_from_db()
    with pytest.raises(case_actions.AlreadyWithSchool):
        case_actions.refer_case(
            case, target="school", organisation=other.organisation, brief=BRIEF, legal_ground="", by=analyst
        )
    assert ProtocolRun.objects.count() == 1
    assert Referral.objects.count() == 1


def test_a_school_without_a_resource_team_is_not_offered(analyst, report_factory, sign_in):
    unregistered = Organisation.objects.create(name="École non inscrite (test)", kind=Organisation.Kind.SCHOOL)
    case, _report, _files = case_with_files(analyst, report_factory)
    page = sign_in(analyst).get(refer_url(case) + "?target=school").content.decode()
    assert unregistered.name not in page
    with pytest.raises(case_actions.SchoolNotRegistered):
        case_actions.refer_case(
            case, target="school", organisation=unregistered, brief=BRIEF, legal_ground="", by=analyst
        )


def test_the_school_closing_its_case_answers_the_referral(school, teacher, analyst, report_factory, time_machine):
    time_machine.move_to(NOW, tick=False)
    report, _receipt = report_factory()
    report.consent_share = True
    report.save()
    case = case_actions.open_case(report, by=analyst)
    referral = case_actions.refer_case(
        case, target="school", organisation=school.organisation, brief=BRIEF, legal_ground="", by=analyst
    )
    run = Case.objects.get(pk=case.pk).school_case
    time_machine.move_to(NOW + timedelta(days=30), tick=False)
    finish_every_step(run, teacher)
    school_actions.close_run(run, by=teacher, outcome=RunOutcome.STOPPED, review="Tout est rentré dans l'ordre.")
    assert pick_up() == 1  # the centre reads the school case's state

    referral.refresh_from_db()
    assert (referral.status, referral.answered_at) == (ReferralStatus.CLOSED, NOW + timedelta(days=30))
    event = AuditEvent.objects.filter(action="referral.updated", object_id=str(referral.pk)).order_by("seq").last()
    assert (event.actor, event.detail["new"]) == (None, "closed")
    assert pick_up() == 0


# The case page


def test_the_case_page_shows_the_school_case_to_an_analyst(
    school, teacher, analyst, sign_in, django_capture_on_commit_callbacks
):
    run = record_school_case(school, teacher)
    school_actions.complete_step(run, "listen", by=teacher, details={"safety": "worried"}, note="Elle a peur (fictif).")
    school_actions.skip_step(run, "hear", by=teacher, reason="Pas de témoin (fictif).")
    run = escalate(run, teacher, django_capture_on_commit_callbacks, because=("threats", "self_harm"))
    case = triage(run, analyst, sign_in(analyst))

    response = sign_in(analyst).get(f"/fr/staff/cases/{case.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    section = page[page.index('id="school-case"') :]
    for shown in (
        run.reference,
        escape(school.name),
        VICTIM,
        AUTHOR,
        "Écouter la victime",  # step names in the page's language
        "Elle a peur (fictif).",
        "Pas de témoin (fictif).",
        escape(FACTS),
    ):
        assert shown in section, shown
    # Level 3: a referral to the competent authority is proposed, with the target chosen.
    assert 'id="proposal-title"' in page
    assert f'href="/fr/staff/cases/{case.pk}/refer/?target=police"' in page
    assert f'href="/fr/staff/cases/{case.pk}/refer/?target=support"' in page
    event = AuditEvent.objects.filter(action="school_case.viewed").order_by("seq").last()
    assert (event.object_id, event.actor, event.detail) == (str(run.pk), analyst, {"case": case.pk})

    # The proposal opens the referral form for that recipient.
    refer_page = sign_in(analyst).get(f"/en/staff/cases/{case.pk}/refer/?target=police").content.decode()
    assert 'name="target" value="police"' in refer_page


def test_a_case_without_a_school_case_shows_no_section(analyst, report_factory, sign_in):
    case = case_actions.open_case(report_factory()[0], by=analyst)
    page = sign_in(analyst).get(f"/en/staff/cases/{case.pk}/").content.decode()
    assert 'id="school-case"' not in page
    assert not AuditEvent.objects.filter(action="school_case.viewed").exists()


# Showing a file to the school


@pytest.fixture
def escalated_with_file(school, analyst, report_factory):
    """A case transferred to the school, whose report holds a file the school has not seen."""
    case, report, files = case_with_files(analyst, report_factory)
    report.consent_share = True
    report.save()
    case_actions.refer_case(
        case, target="school", organisation=school.organisation, brief=BRIEF, legal_ground="", by=analyst
    )
    case.refresh_from_db()
    return case, case.school_case, files[0]


def share_url(case: Case) -> str:
    return f"/en/staff/cases/{case.pk}/share-with-school/"


def test_the_centre_shows_a_file_to_the_school(escalated_with_file, analyst, sign_in):
    case, run, evidence = escalated_with_file
    client = sign_in(analyst)
    assert f'name="evidence" value="{evidence.pk}"' in client.get(f"/en/staff/cases/{case.pk}/").content.decode()

    response = client.post(share_url(case), {"evidence": str(evidence.pk)})
    assert response.status_code == 302
    assert list(run.shared_evidence.all()) == [evidence]
    event = AuditEvent.objects.get(action="school_case.evidence_shared")
    assert (event.object_id, event.actor, event.detail["evidence"]) == (str(run.pk), analyst, str(evidence.pk))
    client.post(share_url(case), {"evidence": str(evidence.pk)})  # twice: still one, one event
    assert run.shared_evidence.count() == 1
    assert AuditEvent.objects.filter(action="school_case.evidence_shared").count() == 1
    page = client.get(f"/en/staff/cases/{case.pk}/").content.decode()
    assert f'name="evidence" value="{evidence.pk}"' not in page


def test_only_a_file_of_this_case_can_be_shown(escalated_with_file, analyst, report_factory, sign_in):
    case, run, _evidence = escalated_with_file
    _other_case, _report, files = case_with_files(analyst, report_factory)
    client = sign_in(analyst)
    assert client.post(share_url(case), {"evidence": str(files[0].pk)}).status_code == 404
    assert client.post(share_url(case), {"evidence": "not-an-id"}).status_code == 404
    assert not run.shared_evidence.exists()


def test_a_case_without_a_school_case_has_nothing_to_share(analyst, report_factory, sign_in):
    case, _report, files = case_with_files(analyst, report_factory)
    assert sign_in(analyst).post(share_url(case), {"evidence": str(files[0].pk)}).status_code == 404
    assert not AuditEvent.objects.filter(action="school_case.evidence_shared").exists()


@pytest.mark.parametrize("persona", ["liaison", "outsider", "teacher"])
def test_others_cannot_show_a_file_to_the_school(escalated_with_file, persona, request, sign_in):
    case, run, evidence = escalated_with_file
    user = request.getfixturevalue(persona)
    assert sign_in(user).post(share_url(case), {"evidence": str(evidence.pk)}).status_code == 404
    assert sign_in(user).get(f"/en/staff/cases/{case.pk}/").status_code == 404
    assert not run.shared_evidence.exists()
    assert not AuditEvent.objects.filter(action="school_case.viewed").exists()
