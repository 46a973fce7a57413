from django.urls import path

from sanad.evidence import views

app_name = "evidence"
urlpatterns = [
    path("exposure/", views.exposure_page, name="exposure"),
]
