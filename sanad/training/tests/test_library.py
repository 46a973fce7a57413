"""The shipped library: enough studies, every harm, valid codes, both languages, loads twice."""

import pytest

from sanad.cases.models import ReferralTarget
from sanad.lib.categories import Category
from sanad.schools.protocol import reference_definition
from sanad.training import library
from sanad.training.loading import load_library
from sanad.training.models import CaseStudy, CaseStudyVersion, Question
from sanad.triage.danger import DANGERS

HARD_CASES = {
    "figurative-dying-of-laughter",
    "hidden-self-harm",
    "sextortion-without-the-word",
    "grooming-meeting-saturday",
    "pupil-author-mock-account",
}


def test_at_least_thirty_studies_cover_every_harm_and_the_hard_cases():
    assert len(library.STUDIES) >= 30
    covered = {code for study in library.STUDIES for code in study["answer"]["categories"]}
    assert covered == set(Category.values)
    assert {study["slug"] for study in library.STUDIES} >= HARD_CASES
    assert len({study["slug"] for study in library.STUDIES}) == len(library.STUDIES)


@pytest.mark.parametrize("study", library.STUDIES, ids=lambda study: study["slug"])
def test_each_study_uses_known_codes_and_both_languages(study):
    answer, content = study["answer"], study["content"]
    assert set(answer["categories"]) <= set(Category.values)
    assert answer["urgency"] in {"P0", "P1", "P2", "P3"}
    assert set(answer["danger_signals"]) <= set(DANGERS)
    assert answer["referral"] in set(ReferralTarget.values) | {""}
    steps = [step["code"] for step in reference_definition()["steps"]]
    assert set(answer["protocol_steps"]) <= set(steps)
    assert (answer["protocol_level"] is None) == (not study["school_case"])
    for text in [
        content["title"],
        content["context"],
        answer["tell_child"],
        answer["tell_parents"],
        *list(answer["reasons"].values()),
    ]:
        assert text["ar"].strip() and text["fr"].strip()
    # A P0 study names the danger signal that makes it P0.
    if answer["urgency"] == "P0":
        assert any(DANGERS[code].urgency == "P0" for code in answer["danger_signals"])


def test_question_answers_name_their_options():
    for question_set in library.QUESTION_SETS:
        for question in question_set["questions"]:
            keys = {option["key"] for option in question["options"]}
            answer = question["answer"]
            if question["kind"] == "single":
                assert answer in keys
            elif question["kind"] in {"multiple", "ordering"}:
                assert set(answer) <= keys
            else:
                assert set(answer) == keys
                assert set(answer.values()) <= {target["key"] for target in question["targets"]}


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_a_change_makes_a_new_version(monkeypatch):
    first = load_library()
    assert first.created == len(library.STUDIES)
    again = load_library()
    assert (again.created, again.updated) == (0, 0)
    assert Question.objects.count() == sum(len(s["questions"]) for s in library.QUESTION_SETS)
    changed = [dict(library.STUDIES[0], content=dict(library.STUDIES[0]["content"], report="Autre texte (fictif)."))]
    monkeypatch.setattr(library, "STUDIES", changed)
    assert load_library().updated == 1
    study = CaseStudy.objects.get(slug=changed[0]["slug"])
    assert study.published().number == 2
    assert study.versions.filter(status=CaseStudyVersion.Status.RETIRED).count() == 1
