from django.urls import path

from sanad.api.views import staff

app_name = "api"
urlpatterns = [
    path("tokens/", staff.token_list, name="tokens"),
    path("tokens/new/", staff.issue, name="issue"),
    path("tokens/shown/", staff.shown, name="shown"),
    path("tokens/<int:token_id>/rotate/", staff.rotate, name="rotate"),
    path("tokens/<int:token_id>/revoke/", staff.revoke, name="revoke"),
    path("webhooks/", staff.webhook_list, name="webhooks"),
    path("webhooks/<int:endpoint_id>/", staff.webhook_detail, name="webhook"),
    path("webhooks/<int:endpoint_id>/remove/", staff.remove_webhook, name="remove_webhook"),
]
