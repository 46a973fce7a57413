"""The only way views fetch training's objects. Each gate answers the same `NotFound` for a
missing object and for one this user may not see, so an id reveals nothing."""

from django.db.models import Q, QuerySet

from sanad.accounts.models import Organisation, User
from sanad.cases.models import Case
from sanad.lib.errors import NotFound
from sanad.training.models import Attempt, CaseStudy, CaseStudyVersion, Certificate, Cohort, Course, Enrolment


def access_attempt(user: User, attempt_id: int, *, for_update: bool = False) -> Attempt:
    """A trainee's own attempt; nobody else's (a trainer reads scores on the cohort page)."""
    queryset = Attempt.objects.select_related("version__study", "question_set", "enrolment__cohort", "item")
    if for_update:
        # One tab saving a screen while another finishes the exercise: the second waits and sees it finished.
        queryset = queryset.select_for_update(of=("self",))
    attempt = queryset.filter(pk=attempt_id, trainee=user).first()
    if attempt is None:
        raise NotFound()
    return attempt


def access_enrolment(user: User, enrolment_id: int) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_related("cohort__course", "trainee").filter(pk=enrolment_id, trainee=user).first()
    )
    if enrolment is None:
        raise NotFound()
    return enrolment


def access_study(user: User, study_id: int) -> CaseStudyVersion:
    """The published version of a case study, for any trainee on staff."""
    study = CaseStudy.objects.filter(pk=study_id).first()
    version = study.published() if study else None
    if version is None:
        raise NotFound()
    return version


def access_cohort(user: User, cohort_id: int) -> Cohort:
    """A cohort, for its trainer and for the centre's supervisors."""
    cohort = Cohort.objects.select_related("course", "trainer").filter(pk=cohort_id).first()
    if cohort is None:
        raise NotFound()
    if not (user.supervises or (user.trains and cohort.trainer_id == user.pk)):
        raise NotFound()
    return cohort


def access_course(user: User, course_id: int) -> Course:
    course = Course.objects.filter(pk=course_id).first()
    if course is None or not user.trains:
        raise NotFound()
    return course


def access_draft(user: User, version_id: int, *, for_update: bool = False) -> CaseStudyVersion:
    """A version not yet published, for trainers and supervisors (who approve it)."""
    queryset = CaseStudyVersion.objects.select_related("study")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    version = queryset.filter(
        pk=version_id, status__in=[CaseStudyVersion.Status.DRAFT, CaseStudyVersion.Status.SUBMITTED]
    ).first()
    if version is None or not user.trains:
        raise NotFound()
    return version


def access_own_certificate(user: User, enrolment_id: int) -> Certificate:
    certificate = (
        Certificate.objects.select_related("enrolment__cohort__course", "enrolment__trainee")
        .filter(enrolment_id=enrolment_id, enrolment__trainee=user)
        .first()
    )
    if certificate is None:
        raise NotFound()
    return certificate


def access_certificate_for_trainer(user: User, certificate_id: int) -> Certificate:
    certificate = Certificate.objects.select_related("enrolment__cohort").filter(pk=certificate_id).first()
    if certificate is None:
        raise NotFound()
    access_cohort(user, certificate.enrolment.cohort_id)
    return certificate


def access_closed_case(user: User, reference: str) -> Case:
    """A closed case a trainer or supervisor turns into a case study, found by its reference.
    Open cases, missing ones and other users get the same answer."""
    case = Case.objects.filter(reference=reference.strip().upper(), status="closed").first()
    if case is None or not user.trains:
        raise NotFound()
    return case


def enrollable_trainees(user: User) -> "QuerySet[User]":
    """Whom a trainer may enrol in a cohort: active staff who handle reports (the centre's analysts,
    liaisons, school resource teams). Names and organisations only are shown."""
    if not user.trains:
        raise NotFound()
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(role__in=[User.Role.ANALYST, User.Role.LIAISON, User.Role.SCHOOL_TEAM])
            | Q(organisation__kind=Organisation.Kind.SCHOOL)
        )
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "username")
    )
