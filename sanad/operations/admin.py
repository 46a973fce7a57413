"""Reference data in Django's admin, at /<lang>/staff/reference/: regions, platforms, deadlines,
emergency numbers, the wording of advice, the campaign's periods and the school protocol's pilot
periods. Plain data with no rule beyond its own fields, which is what the admin serves well. Only administrators of the centre, signed in with their
second factor, get in; every change writes an audit event (Django's own admin log is not used)
and reaches every app process within SANAD_REFERENCE_SECONDS."""

from collections.abc import Callable
from functools import update_wrapper
from typing import cast

from django import forms
from django.contrib import admin
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Region, User
from sanad.accounts.requests import StaffRequest
from sanad.audit.log import record
from sanad.lib.gates import NotFound, require, staff_view
from sanad.reference import current, wording
from sanad.reference.models import DEFAULT_TARGET, AdviceWording, Deadline, EmergencyNumber, Platform
from sanad.stats.models import Campaign, PilotPeriod


class ReferenceSite(admin.AdminSite):
    site_header = _("Sanad · reference data")
    site_title = _("Sanad reference data")
    index_title = _("Reference data")
    enable_nav_sidebar = False

    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.is_authenticated and request.user.administers_centre

    # Typed for the back-office's door (views answer an HttpResponse), narrower than Django's.
    def admin_view(  # type: ignore[override]
        self, view: Callable[..., HttpResponse], cacheable: bool = False
    ) -> Callable[..., HttpResponse]:
        inner = super().admin_view(view, cacheable)

        # The back-office's own door (signed in, second factor, idle expiry), then the role:
        # anyone else gets the not-found answer every staff page gives.
        @staff_view
        def gated(request: StaffRequest, *args: object, **kwargs: object) -> HttpResponse:
            require(self.has_permission(request))
            try:
                return inner(request, *args, **kwargs)
            except PermissionDenied:  # e.g. deleting a platform past reports name: as for any door
                raise NotFound() from None

        return update_wrapper(gated, view)

    def get_urls(self) -> list:
        # No model here has autocomplete fields or a page on the site: fewer doors.
        return [url for url in super().get_urls() if getattr(url, "name", None) not in {"autocomplete", "view_on_site"}]

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        return redirect(f"{reverse('accounts:sign_in')}?next={reverse('reference:index')}")

    # A redirect to the back-office's own sign-in, not Django's logged-out page.
    def logout(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:  # type: ignore[override]
        if request.method == "POST":
            logout(request)
        return redirect("accounts:sign_in")

    def each_context(self, request: HttpRequest) -> dict[str, object]:
        context = super().each_context(request)
        context["site_url"] = reverse("operations:home")
        return context


site = ReferenceSite(name="reference")


def _staff(request: HttpRequest) -> User:
    """The user of an admin page: every one is behind the site's admin_view, the back-office's
    door, so it is a signed-in staff User (the admin's own signatures say HttpRequest)."""
    return cast(User, request.user)


def _kind(obj: Model) -> str:
    return cast(str, obj._meta.model_name)  # set when the model class is made; typed str | None


class ReferenceAdmin(admin.ModelAdmin):
    """Writes Sanad's audit log instead of the admin's, and never deletes in bulk."""

    actions = None

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _staff(request).administers_centre

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _staff(request).administers_centre

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _staff(request).administers_centre

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _staff(request).administers_centre

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _staff(request).administers_centre

    def save_model(self, request: HttpRequest, obj: Model, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        action = "reference.changed" if change else "reference.added"
        record(
            _staff(request),
            action,
            object_type=_kind(obj),
            object_id=obj.pk,
            fields=sorted(form.changed_data),
        )
        transaction.on_commit(current.forget)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        record(_staff(request), "reference.deleted", object_type=_kind(obj), object_id=obj.pk)
        super().delete_model(request, obj)
        transaction.on_commit(current.forget)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    # Sanad's audit log is the one record of changes (save_model, delete_model): no LogEntry is
    # made, so none is returned (Django's admin does not use what these return).
    def log_addition(self, request: HttpRequest, obj: Model, message: object) -> None:  # type: ignore[override]
        return None

    def log_change(self, request: HttpRequest, obj: Model, message: object) -> None:  # type: ignore[override]
        return None

    def log_deletions(self, request: HttpRequest, queryset: object) -> None:  # type: ignore[override]
        return None


@admin.register(Region, site=site)
class RegionAdmin(ReferenceAdmin):
    list_display = ("code", "name_ar", "name_fr", "name_en", "position")
    list_editable = ("position",)
    ordering = ("position", "code")


@admin.register(Platform, site=site)
class PlatformAdmin(ReferenceAdmin):
    list_display = ("code", "name_ar", "name_fr", "name_en", "position", "offered")
    list_editable = ("position", "offered")

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> tuple[str, ...]:
        return ("code",) if obj is not None else ()  # reports store the code

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False  # past reports name it: untick "offered" instead


@admin.register(Deadline, site=site)
class DeadlineAdmin(ReferenceAdmin):
    list_display = ("kind", "key", "duration")
    list_filter = ("kind",)

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> tuple[str, ...]:
        return ("kind", "key") if obj is not None else ()

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        # Every urgency and the referrals' default must always have a deadline.
        removable = isinstance(obj, Deadline) and obj.kind == Deadline.Kind.REFERRAL and obj.key != DEFAULT_TARGET
        return removable and _staff(request).administers_centre


@admin.register(EmergencyNumber, site=site)
class EmergencyNumberAdmin(ReferenceAdmin):
    list_display = ("name_fr", "name_ar", "number", "hours", "position", "shown")
    list_editable = ("position", "shown")


class AdviceWordingForm(forms.ModelForm):
    source = forms.ChoiceField(
        label=_("advice line"),
        choices=wording.known_lines,
        help_text=_("The line as Sanad words it in English; its Arabic and French translations ship with Sanad."),
    )

    class Meta:
        model = AdviceWording
        fields = ("source", "text_ar", "text_fr", "text_en")

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if not any(cleaned.get(f"text_{language}") for language in ("ar", "fr", "en")):
            raise forms.ValidationError(_("Give the centre's wording in at least one language."))
        return cleaned


@admin.register(AdviceWording, site=site)
class AdviceWordingAdmin(ReferenceAdmin):
    form = AdviceWordingForm
    list_display = ("__str__", "in_use")

    @admin.display(boolean=True, description=_("in use"))
    def in_use(self, obj: AdviceWording) -> bool:
        """False once Sanad's own wording of the line changed: the centre's wording then no longer applies."""
        return obj.source in wording.LINES


@admin.register(Campaign, site=site)
class CampaignAdmin(ReferenceAdmin):
    list_display = ("name_fr", "name_ar", "starts_on", "ends_on", "channels")


@admin.register(PilotPeriod, site=site)
class PilotPeriodAdmin(ReferenceAdmin):
    list_display = ("name_fr", "name_ar", "starts_on", "ends_on")
    filter_horizontal = ("regions",)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        # Reviews given for a period keep it (they are the pilot's evidence).
        return super().has_delete_permission(request, obj) and not (
            isinstance(obj, PilotPeriod) and obj.reviews.exists()
        )
