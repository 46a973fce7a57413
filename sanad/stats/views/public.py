"""The public page of published figures: the latest published version of each yearly review,
suppressed and rounded as frozen, with a CSV of each table. No script, no personal data."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from sanad.lib.errors import NotFound
from sanad.stats import access, exports
from sanad.stats import review as reviews
from sanad.stats.catalogue import BY_CODE, Audience
from sanad.stats.charts import chart
from sanad.stats.models import ReviewVersion
from sanad.stats.tables import cached_html

PUBLIC_TABLES = {"month", "told_trend"} | {code for code, i in BY_CODE.items() if Audience.PUBLIC in i.audiences}


def _language() -> str:
    language = (get_language() or "fr")[:2]
    return language if language in reviews.LANGUAGES else "fr"


def _panels(version: ReviewVersion, language: str) -> str:
    rtl = language == "ar"
    panels = []
    for code in version.frozen["order"]:
        if code in PUBLIC_TABLES:
            table = reviews.table_of(version.frozen["tables"][language][code])
            panels.append({"table": table, "chart": chart(table, rtl=rtl)})
    context = {"panels": panels, "year": version.review.year}
    return render_to_string("stats/_public_panels.html", context)


@require_GET
def published(request: HttpRequest) -> HttpResponse:
    years = sorted(set(ReviewVersion.objects.values_list("review__year", flat=True)), reverse=True)
    chosen = request.GET.get("year", "")
    year = int(chosen) if chosen.isdigit() and int(chosen) in years else (years[0] if years else None)
    version = access.published_version(year) if year else None
    language = _language()
    panels = ""
    if version is not None:
        # A published version never changes: its tables are drawn once per language and process.
        key = ("published", version.pk, version.sha256, language)
        panels = cached_html(key, lambda: _panels(version, language))
    context = {"years": years, "year": year, "version": version, "panels": mark_safe(panels)}  # noqa: S308
    return render(request, "stats/public.html", context)


@require_GET
def published_csv(request: HttpRequest, year: int, code: str) -> HttpResponse:
    version = access.published_version(year)
    if version is None or code not in PUBLIC_TABLES:
        raise NotFound()
    serial = version.frozen["tables"].get(_language(), {}).get(code)
    if serial is None:
        raise NotFound()
    note = f"Sanad {year}, v{version.number}, SHA-256 {version.sha256}"
    response = HttpResponse(exports.as_csv(reviews.table_of(serial), note), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sanad-{year}-{code}.csv"'
    return response
