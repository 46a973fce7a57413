from django.urls import path

from sanad.stats.views import public

app_name = "figures"
urlpatterns = [
    path("figures/", public.published, name="published"),
    path("figures/<int:year>/<slug:code>.csv", public.published_csv, name="published_csv"),
]
