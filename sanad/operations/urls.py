from django.urls import path

from sanad.operations.views import accounts, home, organisations, retention

app_name = "operations"
urlpatterns = [
    path("", home.home, name="home"),
    # Staff and liaison accounts (views/accounts.py)
    path("accounts/", accounts.account_list, name="accounts"),
    path("accounts/new/", accounts.invite, name="invite"),
    path("accounts/<int:account_id>/", accounts.account_detail, name="account"),
    path("accounts/<int:account_id>/role/", accounts.change_role, name="change_role"),
    path("accounts/<int:account_id>/deactivate/", accounts.deactivate, name="deactivate"),
    path("accounts/<int:account_id>/reactivate/", accounts.reactivate, name="reactivate"),
    path("accounts/<int:account_id>/new-link/", accounts.new_link, name="new_link"),
    path("accounts/<int:account_id>/authenticator-reset/", accounts.request_reset, name="request_reset"),
    path("authenticator-resets/<int:reset_id>/approve/", accounts.approve_reset, name="approve_reset"),
    path("authenticator-resets/<int:reset_id>/cancel/", accounts.cancel_reset, name="cancel_reset"),
    # Organisations (views/organisations.py)
    path("organisations/", organisations.organisation_list, name="organisations"),
    path("organisations/new/", organisations.organisation_new, name="organisation_new"),
    path("organisations/<int:organisation_id>/", organisations.organisation_edit, name="organisation"),
    # Retention and legal holds (views/retention.py)
    path("retention/", retention.retention_page, name="retention"),
    path("retention/holds/", retention.set_hold, name="set_hold"),
    path("retention/holds/<uuid:hold_id>/lift/", retention.lift_hold, name="lift_hold"),
]
