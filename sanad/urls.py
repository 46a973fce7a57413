from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import set_language

from sanad.api.v1 import api as api_v1
from sanad.operations import admin as reference_admin
from sanad.operations.views import health

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", health.healthz, name="healthz"),
    path("metrics", health.metrics, name="metrics"),
    # The partner API (docs/api.md): organisation tokens, no session, no language prefix.
    path("api/v1/", api_v1.urls),
]
urlpatterns += i18n_patterns(
    path("staff/", include("sanad.accounts.urls")),
    path("staff/", include("sanad.audit.urls")),
    path("staff/", include("sanad.cases.urls")),
    path("staff/", include("sanad.schools.urls")),
    path("staff/", include("sanad.evidence.urls")),
    path("staff/", include("sanad.training.urls")),
    path("", include("sanad.training.urls_public")),
    path("staff/", include("sanad.stats.urls")),
    path("staff/admin/", include("sanad.operations.urls")),
    path("staff/admin/api/", include("sanad.api.urls")),
    path("staff/reference/", reference_admin.site.urls),
    path("", include("sanad.stats.public_urls")),
    path("", include("sanad.intake.urls")),
)

handler400 = "sanad.lib.pages.bad_request"
handler403 = "sanad.lib.pages.forbidden"
handler404 = "sanad.lib.pages.not_found"
handler500 = "sanad.lib.pages.server_error"
