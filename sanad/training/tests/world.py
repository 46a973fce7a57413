"""A small training world for the staff URL matrix: one study, one question set, a course with a
cohort a school team member passed, an analyst's attempts, a draft from a closed case."""

from sanad.accounts.models import User
from sanad.cases import actions as case_actions
from sanad.intake.models import Report
from sanad.training import courses, from_case, library
from sanad.training.models import CaseStudy, CaseStudyVersion, Question, QuestionSet


def make_training_world(*, analyst: User, school_team: User, trainer: User, report: Report) -> dict[str, object]:
    data = next(study for study in library.STUDIES if study["slug"] == "hidden-self-harm")
    study = CaseStudy.objects.create(slug=data["slug"], roles=data["roles"], categories=data["categories"])
    version = CaseStudyVersion.objects.create(
        study=study, number=1, status="published", content=data["content"], answer=data["answer"]
    )
    question_set = QuestionSet.objects.create(slug="check", title={"ar": "أسئلة", "fr": "Questions"})
    question = library.QUESTION_SETS[0]["questions"][0]
    Question.objects.create(
        question_set=question_set,
        position=1,
        kind=question["kind"],
        prompt=question["prompt"],
        options=question["options"],
        answer=question["answer"],
        reason=question["reason"],
    )
    course = courses.build_course(
        title={"ar": "دورة", "fr": "Parcours"}, role="resource_teacher", pass_mark=50, studies=[study], by=trainer
    )
    cohort = courses.open_cohort(course, name="Cohorte", trainees=[school_team], by=trainer)
    enrolment = cohort.enrolments.get()
    enrolment.score = 80
    certificate = courses.pass_course(enrolment)
    attempt = courses.Attempt.objects.create(trainee=analyst, version=version)
    questions = courses.start_questions(analyst, question_set)
    case = case_actions.open_case(report, by=analyst)
    case_actions.close_case(case, outcome="resolved", by=analyst)
    draft = from_case.draft_from_case(case, by=trainer)
    return {
        "study": study.pk,
        "attempt": attempt.pk,
        "qattempt": questions.pk,
        "enrolment": enrolment.pk,
        "item": course.items.get().pk,
        "course": course.pk,
        "cohort": cohort.pk,
        "certificate": certificate.pk,
        "draft": draft.pk,
        "closed": case.reference,
    }
