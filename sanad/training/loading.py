"""Installing the shipped library (library.py) into the database, idempotently.

A study already there with the same content is left alone; a changed one gets a new published
version and the old one is retired (attempts keep pointing at the version they answered).
Question sets are replaced only while nobody has answered them.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from sanad.training import library
from sanad.training.models import Attempt, CaseStudy, CaseStudyVersion, Question, QuestionSet


@dataclass
class Loaded:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def load_library() -> Loaded:
    loaded = Loaded()
    now = timezone.now()
    for data in library.STUDIES:
        study, created = CaseStudy.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "difficulty": data["difficulty"],
                "roles": data["roles"],
                "categories": data["categories"],
                "school_case": data["school_case"],
                "origin": CaseStudy.Origin.SYNTHETIC,
            },
        )
        current = study.published()
        if current and current.content == data["content"] and current.answer == data["answer"]:
            loaded.unchanged += 1
            continue
        number = (study.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        study.versions.filter(status=CaseStudyVersion.Status.PUBLISHED).update(status=CaseStudyVersion.Status.RETIRED)
        CaseStudyVersion.objects.create(
            study=study,
            number=number,
            status=CaseStudyVersion.Status.PUBLISHED,
            content=data["content"],
            answer=data["answer"],
            published_at=now,
        )
        if created:
            loaded.created += 1
        else:
            loaded.updated += 1
    for data in library.QUESTION_SETS:
        question_set, _ = QuestionSet.objects.update_or_create(slug=data["slug"], defaults={"title": data["title"]})
        if Attempt.objects.filter(question_set=question_set).exists():
            continue
        question_set.questions.all().delete()
        Question.objects.bulk_create(
            Question(
                question_set=question_set,
                position=position,
                kind=question["kind"],
                prompt=question["prompt"],
                options=question["options"],
                targets=question.get("targets", []),
                answer=question["answer"],
                reason=question["reason"],
            )
            for position, question in enumerate(data["questions"], start=1)
        )
    return loaded
