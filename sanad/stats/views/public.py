"""The public page of published figures: the latest published version of each yearly review,
suppressed and rounded as frozen, with a CSV of each table. No script, no personal data."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from sanad.lib.errors import NotFound
from sanad.stats import access, exports
from sanad.stats import review as reviews
from sanad.stats.catalogue import BY_CODE, Audience
from sanad.stats.charts import chart
from sanad.stats.models import ReviewVersion

PUBLIC_TABLES = {"month", "told_trend"} | {code for code, i in BY_CODE.items() if Audience.PUBLIC in i.audiences}


def _language() -> str:
    language = (get_language() or "fr")[:2]
    return language if language in reviews.LANGUAGES else "fr"


@require_GET
def published(request: HttpRequest) -> HttpResponse:
    years = sorted(set(ReviewVersion.objects.values_list("review__year", flat=True)), reverse=True)
    chosen = request.GET.get("year", "")
    year = int(chosen) if chosen.isdigit() and int(chosen) in years else (years[0] if years else None)
    version = access.published_version(year) if year else None
    language = _language()
    panels = []
    if version is not None:
        rtl = language == "ar"
        for code in version.frozen["order"]:
            if code in PUBLIC_TABLES:
                table = reviews.table_of(version.frozen["tables"][language][code])
                panels.append({"table": table, "chart": chart(table, rtl=rtl)})
    context = {"years": years, "year": year, "version": version, "panels": panels}
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
