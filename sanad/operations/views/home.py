"""The administration's front page: what needs an administrator, and where everything is."""

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sanad.accounts.requests import StaffRequest
from sanad.lib.gates import require, staff_view
from sanad.operations import retention
from sanad.operations.access import accounts_visible_to, holds_visible_to, may_administer, resets_visible_to
from sanad.operations.models import AuthenticatorReset


@require_GET
@staff_view
def home(request: StaffRequest) -> HttpResponse:
    require(may_administer(request.user))
    accounts = accounts_visible_to(request.user)
    coming = retention.due(timezone.now() + retention.LOOK_AHEAD)
    context = {
        "active_accounts": accounts.filter(is_active=True).count(),
        # Django marks an unusable password with a leading "!": invited, no password chosen yet.
        "waiting_for_password": accounts.filter(is_active=True, password__startswith=UNUSABLE_PASSWORD_PREFIX).count(),
        "pending_resets": resets_visible_to(request.user).filter(status=AuthenticatorReset.Status.PENDING).count(),
        "holds": holds_visible_to(request.user).in_force().count(),
        "erasures_coming": sum(1 for item in coming if not item.held),
        "look_ahead_days": retention.LOOK_AHEAD.days,
    }
    return render(request, "operations/home.html", context)
