"""A case study from a closed case: nothing of the case survives; approval by another supervisor; audited."""

import json

import pytest

from sanad.audit.models import AuditEvent
from sanad.cases import actions
from sanad.cases.models import Case
from sanad.cases.tests.casework import attach, noisy_png
from sanad.training import from_case
from sanad.training.models import CaseStudy, CaseStudyVersion

pytestmark = pytest.mark.django_db

DESCRIPTION = (
    "Je m'appelle Nadia et Youssef Benali m'envoie des messages depuis @youssef.b.demo et le 06 00 00 12 34. "
    "Il a mis ma photo sur https://insta.example/p/xyz123 et écrit mon adresse à Salé, près du Collège Al Amal (test). "
    "Mon code Massar est 1234567. smiti Nadia. Écris-moi à nadia.demo@mail.example"
)
SECRETS = [
    "Nadia", "Youssef", "Benali", "youssef.b.demo", "12 34", "0600001234", "insta.example", "xyz123",
    "Salé", "Al Amal", "1234567", "nadia.demo@mail.example", "capture-nadia.png",
]  # fmt: skip


@pytest.fixture
def closed_case(report_factory, analyst, police, school):
    report, _ = report_factory(
        description=DESCRIPTION, identifiers=("@youssef.b.demo", "0600001234"), contact="nadia@x.example"
    )
    attach(report, noisy_png(seed=3), name="capture-nadia.png")
    case = actions.open_case(report, by=analyst)
    actions.refer_case(case, target="police", organisation=police, brief="Fictif.", legal_ground="", by=analyst)
    actions.close_case(case, outcome="referred_to_justice", by=analyst)
    case.refresh_from_db()
    return case


def test_no_name_identifier_place_or_file_of_the_case_survives(closed_case, trainer, sign_in):
    response = sign_in(trainer).post("/fr/staff/training/trainer/from-case/", {"reference": closed_case.reference})
    assert response.status_code == 302
    version = CaseStudyVersion.objects.get(study__origin=CaseStudy.Origin.CLOSED_CASE)
    stored = json.dumps([version.content, version.answer], ensure_ascii=False)
    for secret in [*SECRETS, closed_case.reference]:
        assert secret.lower() not in stored.lower(), secret
    assert "[LIEN]" in version.content["report"]
    assert "[TÉLÉPHONE]" in version.content["report"]
    assert version.content["files"] == [
        {"name": "fichier-1", "kind": "image", "description": version.content["files"][0]["description"]}
    ]
    assert [i["value"] for i in version.content["identifiers"]] == ["compte-1.demo", "compte-2.demo"]
    assert version.answer["referral"] == "police"
    assert version.status == CaseStudyVersion.Status.DRAFT
    # Nothing on the study points at the case; the audit event does, for the audit log's readers.
    for model in (CaseStudy, CaseStudyVersion):
        assert not [f for f in model._meta.get_fields() if f.related_model is Case or "case_id" in f.name]
    event = AuditEvent.objects.get(action="training.study_drafted")
    assert event.detail["case"] == closed_case.pk
    # The draft page shows the redacted text only.
    page = sign_in(trainer).get(f"/fr/staff/training/trainer/drafts/{version.pk}/").content.decode()
    assert "Benali" not in page


def test_an_open_case_or_a_trainee_gets_not_found(closed_case, report_factory, analyst, trainer, sign_in):
    report, _ = report_factory()
    open_case = actions.open_case(report, by=analyst)
    assert (
        sign_in(trainer).post("/fr/staff/training/trainer/from-case/", {"reference": open_case.reference}).status_code
        == 404
    )
    assert (
        sign_in(analyst).post("/fr/staff/training/trainer/from-case/", {"reference": closed_case.reference}).status_code
        == 404
    )
    assert not CaseStudy.objects.filter(origin=CaseStudy.Origin.CLOSED_CASE).exists()


def test_publishing_needs_another_supervisors_approval(closed_case, trainer, supervisor, sign_in, centre):
    version = from_case.draft_from_case(closed_case, by=trainer)
    client = sign_in(trainer)
    data = {
        "title_ar": "حالة", "title_fr": "Un cas", "report": version.content["report"], "context_ar": "", "context_fr": "",
        "categories": ["harassment"], "urgency": "P2", "referral": "police", "why_ar": "لأن", "why_fr": "Parce que",
        "tell_child_ar": "أ", "tell_child_fr": "a", "tell_parents_ar": "ب", "tell_parents_fr": "b", "submit": "1",
    }  # fmt: skip
    assert client.post(f"/fr/staff/training/trainer/drafts/{version.pk}/", data).status_code == 302
    version.refresh_from_db()
    assert version.status == CaseStudyVersion.Status.SUBMITTED
    # A trainer cannot publish; a supervisor can, unless they edited it themselves.
    assert client.post(f"/fr/staff/training/trainer/drafts/{version.pk}/approve/").status_code == 404
    assert sign_in(supervisor).post(f"/fr/staff/training/trainer/drafts/{version.pk}/approve/").status_code == 302
    version.refresh_from_db()
    assert version.status == CaseStudyVersion.Status.PUBLISHED
    assert version.approved_by == supervisor
    assert version.study.published() == version
    assert {"training.study_edited", "training.study_submitted", "training.study_published"} <= set(
        AuditEvent.objects.values_list("action", flat=True)
    )


def test_a_supervisor_does_not_approve_their_own_edit(closed_case, supervisor):
    version = from_case.draft_from_case(closed_case, by=supervisor)
    from_case.submit_draft(version, by=supervisor)
    with pytest.raises(from_case.OwnApproval):
        from_case.approve_draft(version, by=supervisor)


def test_pattern_redaction_without_known_values():
    known = from_case.Known({})
    text = from_case.redact(
        "Wa7ed smiti Karim kay3ayt liya mn +212 600 00 99 88 w www.site.example/x, je suis à Fès avec Mehdi.", known
    )
    for secret in ("Karim", "600 00 99 88", "site.example", "Mehdi"):
        assert secret not in text
