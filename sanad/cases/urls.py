from django.urls import path

from sanad.cases.views import case, oversight, queue, received, referrals, school_requests

app_name = "cases"
urlpatterns = [
    path("", queue.home, name="home"),
    # Triage: the queue, a new report, search (views/queue.py)
    path("queue/", queue.queue, name="queue"),
    path("reports/new/", received.new_report, name="new_report"),
    path("reports/new/receipt/", received.received_report, name="received_report"),
    path("reports/<int:report_id>/", queue.report_detail, name="report"),
    path("school-requests/<int:run_id>/", school_requests.school_request, name="school_request"),
    path("school-requests/<int:run_id>/open-case/", school_requests.open_school_case, name="open_school_case"),
    path("reports/<int:report_id>/open-case/", queue.open_case, name="open_case"),
    path("reports/<int:report_id>/link/", queue.link_report, name="link_report"),
    path("reports/<int:report_id>/categories/", queue.change_categories, name="change_categories"),
    path("reports/<int:report_id>/assistant/", queue.review_triage, name="review_triage"),
    # A case (views/case.py)
    path("cases/<int:case_id>/", case.case_detail, name="case"),
    path("cases/<int:case_id>/assign/", case.assign, name="assign"),
    path("cases/<int:case_id>/urgency/", case.change_urgency, name="change_urgency"),
    path("cases/<int:case_id>/status/", case.change_status, name="change_status"),
    path("cases/<int:case_id>/close/", case.close, name="close"),
    path("cases/<int:case_id>/reopen/", case.reopen, name="reopen"),
    path("cases/<int:case_id>/notes/", case.add_note, name="add_note"),
    path("cases/<int:case_id>/messages/", case.message_reporter, name="message_reporter"),
    path("cases/<int:case_id>/share-with-school/", case.share_with_school, name="share_with_school"),
    path("evidence/<uuid:evidence_id>/preview/", case.evidence_preview, name="evidence_preview"),
    path("evidence/<uuid:evidence_id>/reveal/", case.reveal_evidence, name="reveal_evidence"),
    path("evidence/<uuid:evidence_id>/release/", case.release_known_evidence, name="release_known_evidence"),
    # Referrals (views/referrals.py)
    path("cases/<int:case_id>/refer/", referrals.refer, name="refer"),
    path("referrals/", referrals.referral_list, name="referrals"),
    path("referrals/<int:referral_id>/", referrals.referral_detail, name="referral"),
    path("referrals/<int:referral_id>/addendum/", referrals.addendum, name="addendum"),
    path("referrals/<int:referral_id>/update/", referrals.update, name="update_referral"),
    path("referrals/<int:referral_id>/notices/<int:notice_id>/answer/", referrals.answer_notice, name="answer_notice"),
    path("referrals/<int:referral_id>/pack/", referrals.download_pack, name="download_pack"),
    path("packs/verify/", referrals.verify_pack, name="verify_pack"),
    # Oversight (views/oversight.py)
    path("supervision/", oversight.supervision, name="supervision"),
]
