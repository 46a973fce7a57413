from django.urls import path

from sanad.intake.views import followup, pages, report

app_name = "intake"
urlpatterns = [
    path("", pages.home, name="home"),
    path("privacy/", pages.privacy, name="privacy"),
    path("help/", pages.guidance_index, name="guidance_index"),
    path("help/<slug:category>/", pages.guidance, name="guidance"),
    path("exit/", pages.quick_exit, name="quick_exit"),
    path("report/", report.report_start, name="start"),
    path("report/step/<slug:slug>/", report.report_step, name="step"),
    path("report/sent/", report.report_sent, name="sent"),
    path("report/sent/summary/", report.report_sent_summary, name="sent_summary"),
    path("report/sent/heard-from/", report.report_heard_from, name="sent_heard_from"),
    path("report/return/", report.report_return, name="return"),
    path("follow-up/", followup.followup, name="followup"),
    path("follow-up/report/", followup.followup_report, name="followup_report"),
    path("follow-up/report/summary/", followup.followup_summary, name="followup_summary"),
    path("follow-up/report/message/", followup.followup_message, name="followup_message"),
    path("follow-up/report/evidence/", followup.followup_evidence, name="followup_evidence"),
    path("follow-up/leave/", followup.followup_leave, name="followup_leave"),
]
