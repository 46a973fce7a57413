from django.urls import path  # noqa: F401 (each view module adds its paths below)

app_name = "schools"
urlpatterns = [
]
