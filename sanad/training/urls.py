from django.urls import path

from sanad.training.views import certificate, practice, trainer

app_name = "training"
urlpatterns = [
    path("training/", practice.home, name="home"),
    path("training/practice/", practice.queue, name="queue"),
    path("training/practice/<int:study_id>/start/", practice.start, name="start"),
    path("training/attempts/<int:attempt_id>/", practice.resume, name="resume"),
    path("training/attempts/<int:attempt_id>/triage/", practice.triage, name="triage"),
    path("training/attempts/<int:attempt_id>/referral/", practice.referral, name="referral"),
    path("training/attempts/<int:attempt_id>/protocol/", practice.protocol, name="protocol"),
    path("training/attempts/<int:attempt_id>/feedback/", practice.feedback, name="feedback"),
    path("training/attempts/<int:attempt_id>/questions/", practice.questions, name="questions"),
    path("training/courses/<int:enrolment_id>/", practice.course, name="course"),
    path("training/courses/<int:enrolment_id>/items/<int:item_id>/start/", practice.start_item, name="start_item"),
    path("training/courses/<int:enrolment_id>/certificate.pdf", certificate.certificate, name="certificate"),
    path("training/trainer/", trainer.trainer_home, name="trainer"),
    path("training/trainer/courses/new/", trainer.new_course, name="new_course"),
    path("training/trainer/courses/<int:course_id>/cohorts/new/", trainer.new_cohort, name="new_cohort"),
    path("training/trainer/cohorts/<int:cohort_id>/", trainer.cohort, name="cohort"),
    path("training/trainer/certificates/<int:certificate_id>/revoke/", trainer.revoke, name="revoke"),
    path("training/trainer/from-case/", trainer.study_from_case, name="from_case"),
    path("training/trainer/drafts/<int:version_id>/", trainer.draft, name="draft"),
    path("training/trainer/drafts/<int:version_id>/approve/", trainer.approve, name="approve"),
]
