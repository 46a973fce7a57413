from django.urls import path

from sanad.training.views import public

app_name = "training_public"
urlpatterns = [path("certificates/verify/", public.verify, name="verify")]
