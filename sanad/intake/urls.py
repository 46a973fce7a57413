from django.urls import path

from sanad.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("help/", views.guidance_index, name="guidance_index"),
    path("help/<slug:category>/", views.guidance, name="guidance"),
    path("report/", views.report_start, name="start"),
    path("report/step/<slug:slug>/", views.report_step, name="step"),
    path("report/sent/", views.report_sent, name="sent"),
    path("follow-up/", views.followup, name="followup"),
    path("follow-up/report/", views.followup_report, name="followup_report"),
    path("follow-up/report/message/", views.followup_message, name="followup_message"),
    path("follow-up/report/evidence/", views.followup_evidence, name="followup_evidence"),
    path("follow-up/leave/", views.followup_leave, name="followup_leave"),
]
