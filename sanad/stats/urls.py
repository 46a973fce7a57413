from django.urls import path

from sanad.stats.views import dashboard, pilot, review

app_name = "stats"
urlpatterns = [
    path("statistics/", dashboard.dashboard, name="dashboard"),
    path("statistics/export/<slug:code>.<slug:kind>", dashboard.export, name="export"),
    path("statistics/reviews/", review.review_list, name="reviews"),
    path("statistics/reviews/<int:year>/", review.review_page, name="review"),
    path("statistics/reviews/<int:year>/<slug:step>/", review.review_step, name="review_step"),
    path("statistics/reviews/<int:year>/v<int:number>.<slug:language>.pdf", review.version_pdf, name="version_pdf"),
    path("statistics/pilot/<int:run_id>/", pilot.pilot_review, name="pilot_review"),
    path("statistics/pilot/period/<int:period_id>/", pilot.period_review, name="period_review"),
    path("statistics/actions/", review.action_plan, name="actions"),
    path("statistics/actions/<int:action_id>/progress/", review.action_progress, name="action_progress"),
]
