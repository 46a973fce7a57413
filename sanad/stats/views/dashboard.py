"""The statistics pages: one dashboard whose detail follows the person (the gate in access.py),
and the exports of its tables. Every figure comes from the aggregate tables (tables.py)."""

from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sanad.accounts.requests import StaffRequest
from sanad.audit.log import record
from sanad.lib.errors import NotFound
from sanad.lib.gates import staff_view
from sanad.stats import access, exports, operational
from sanad.stats.catalogue import Audience
from sanad.stats.charts import chart
from sanad.stats.forms import read_filters
from sanad.stats.models import Campaign
from sanad.stats.tables import Filters, Scope, cached_html, figures_stamp, table_for, tables_for


def campaigns_within(filters: Filters) -> list[Campaign]:
    return list(Campaign.objects.filter(ends_on__gte=filters.start, starts_on__lte=filters.end.replace(day=28)))


def _note(scope: Scope, filters: Filters) -> str:
    where = scope.region or filters.region
    text = _("%(start)s to %(end)s, %(where)s.") % {
        "start": f"{filters.start:%Y-%m}",
        "end": f"{filters.end:%Y-%m}",
        "where": where.name if where else _("all regions"),
    }
    if scope.protect:
        text += " " + _(
            "Counts under %(threshold)s are shown as “< %(threshold)s”, the others rounded to a multiple of %(rounding)s."
        ) % {"threshold": settings.SANAD_STATS_THRESHOLD, "rounding": settings.SANAD_STATS_ROUNDING}
    return text


def _panels(scope: Scope, filters: Filters, campaigns: list[Campaign], rtl: bool) -> str:
    """Every table this person may see, with its chart and its download links, as HTML."""
    query = urlencode(filters.as_query())
    panels = [
        {
            "table": table,
            "chart": chart(table, campaigns=campaigns, rtl=rtl),
            "csv": f"{reverse('stats:export', args=[table.code, 'csv'])}?{query}",
            "xlsx": f"{reverse('stats:export', args=[table.code, 'xlsx'])}?{query}",
        }
        for table in tables_for(scope, filters)
    ]
    return render_to_string("stats/_panels.html", {"panels": panels})


@require_GET
@staff_view
def dashboard(request: StaffRequest) -> HttpResponse:
    scope = access.figures_scope(request.user)
    form, filters, problems = read_filters(request.GET, scope)
    rtl = get_language_bidi()
    campaigns = campaigns_within(filters)
    refreshed, stamp = figures_stamp()
    # The tables, charts and links change only with the figures' stamp, the audience, the language,
    # the filters and the campaigns drawn: kept rendered until one of them changes.
    drawn = [(c.pk, c.starts_on, c.ends_on, c.name_ar, c.name_fr) for c in campaigns]
    region = scope.region.pk if scope.region else None
    key = ("dashboard", stamp, scope.audience, region, get_language(), sorted(filters.as_query().items()), drawn)
    panels = cached_html(key, lambda: _panels(scope, filters, campaigns, rtl))
    context = {
        "form": form,
        "problems": problems,
        "scope": scope,
        "filters": filters,
        "note": _note(scope, filters),
        "panels": mark_safe(panels),  # noqa: S308 (our own template's output)
        "campaigns": campaigns,
        "today": operational.today() if scope.audience == Audience.CENTRE else None,
        "refreshed": refreshed,
        "centre": scope.audience == Audience.CENTRE,
    }
    return render(request, "stats/dashboard.html", context)


@require_GET
@staff_view
def export(request: StaffRequest, code: str, kind: str) -> HttpResponse:
    scope = access.figures_scope(request.user)
    _form, filters, _problems = read_filters(request.GET, scope)
    table = table_for(scope, filters, code)
    if table is None or kind not in {"csv", "xlsx"}:
        raise NotFound()
    note = _note(scope, filters)
    with transaction.atomic():
        record(
            request.user,
            "stats.exported",
            object_type="table",
            object_id=code,
            format=kind,
            audience=scope.audience.value,
            filters=filters.as_query(),
        )
    stamp = timezone.localdate().isoformat()
    if kind == "csv":
        response = HttpResponse(exports.as_csv(table, note), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.as_xlsx(table, note, rtl=get_language_bidi()),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="sanad-{code}-{stamp}.{kind}"'
    return response
