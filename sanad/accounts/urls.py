from django.urls import path

from sanad.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("set-password/<uidb64>/<token>/", views.set_password, name="set_password"),
    path("unlock/<str:token>/", views.unlock, name="unlock"),
    path("accounts/locked/", views.locked_accounts, name="locked"),
]
