"""Answering case studies and question sets through the pages, as a trainee does."""

from django.test import Client

from sanad.training.models import Attempt, CaseStudyVersion, Question


def perfect_triage(version: CaseStudyVersion) -> dict[str, object]:
    answer = version.answer
    return {
        "danger_signals": answer["danger_signals"],
        "urgency": answer["urgency"],
        "categories": answer["categories"],
    }


def answer_study(client: Client, attempt: Attempt, *, right: bool = True) -> None:
    """Triage, referral (preview, then send) and, for a school case, the protocol, through the pages."""
    answer = attempt.version.answer
    triage = perfect_triage(attempt.version) if right else {"urgency": "P3", "categories": ["other"]}
    response = client.post(f"/fr/staff/training/attempts/{attempt.pk}/triage/", triage)
    assert response.status_code == 302, response.content.decode()[:2000]
    referral = {"referral": answer["referral"] if right else "", "redaction": answer["redaction"] if right else []}
    if referral["referral"]:
        preview = client.post(f"/fr/staff/training/attempts/{attempt.pk}/referral/", referral | {"preview": "1"})
        assert preview.status_code == 200
    response = client.post(f"/fr/staff/training/attempts/{attempt.pk}/referral/", referral | {"send": "1"})
    assert response.status_code == 302
    if answer["protocol_level"] is not None:
        protocol = {
            "protocol_level": answer["protocol_level"] if right else 1,
            "protocol_steps": answer["protocol_steps"] if right else ["record"],
        }
        response = client.post(f"/fr/staff/training/attempts/{attempt.pk}/protocol/", protocol)
        assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.finished


def question_data(question: Question, *, right: bool = True) -> dict[str, object]:
    answer = question.answer
    keys = [option["key"] for option in question.options]
    name = f"q{question.position}"
    if question.kind in {"single", "multiple"}:
        if right:
            return {name: answer}
        return {name: next(key for key in keys if key != answer and key not in answer)}
    if question.kind == "ordering":
        order = answer if right else list(reversed(answer))
        return {f"{name}_{key}": str(order.index(key) + 1) for key in keys}
    targets = [target["key"] for target in question.targets]
    return {
        f"{name}_{key}": answer[key] if right else targets[(targets.index(answer[key]) + 1) % len(targets)]
        for key in keys
    }


def answer_questions(client: Client, attempt: Attempt, *, right: bool = True) -> None:
    data: dict[str, object] = {}
    for question in attempt.question_set.questions.all():
        data |= question_data(question, right=right)
    response = client.post(f"/fr/staff/training/attempts/{attempt.pk}/questions/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
