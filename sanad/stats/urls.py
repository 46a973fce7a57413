from django.urls import path

from sanad.stats import views

app_name = "stats"
urlpatterns = [
    path("statistics/", views.dashboard, name="dashboard"),
    path("statistics/export/<slug:code>.<slug:kind>", views.export, name="export"),
]
