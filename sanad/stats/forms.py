"""The dashboards' filters: a GET form that works without JavaScript. A value that does not pass is
named in a message and the figures fall back to its default; the form keeps what was typed."""

import re
from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanad.accounts.models import Region
from sanad.intake.models import AgeBand
from sanad.lib.categories import Category
from sanad.stats.models import ALL
from sanad.stats.tables import Filters, Scope, known_months

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _month(text: str) -> date | None:
    found = MONTH.match(text.strip())
    if not found or not 1 <= int(found[2]) <= 12 or not 2000 <= int(found[1]) <= 2100:
        return None
    return date(int(found[1]), int(found[2]), 1)


class FiguresFilter(forms.Form):
    start = forms.CharField(label=_("From (month)"), required=False, max_length=7)
    end = forms.CharField(label=_("To (month)"), required=False, max_length=7)
    region = forms.ChoiceField(label=_("Region"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    age_band = forms.ChoiceField(label=_("Age of the victim"), required=False)

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            self.fields[name].widget = forms.TextInput(
                attrs={"type": "month", "placeholder": "2026-01", "pattern": r"\d{4}-\d{2}"}
            )
        if scope.region is not None:  # an academy sees its own region, and only it
            del self.fields["region"]
        else:
            cast(forms.ChoiceField, self.fields["region"]).choices = [
                ("", _("All regions")),
                *((r.code, r.name) for r in Region.objects.all()),
            ]
            self.fields["region"].error_messages["invalid_choice"] = _(
                "There is no such region: the figures are national."
            )
        cast(forms.ChoiceField, self.fields["category"]).choices = [("", _("All categories")), *Category.choices]
        self.fields["category"].error_messages["invalid_choice"] = _(
            "There is no such category: every report is counted."
        )
        cast(forms.ChoiceField, self.fields["age_band"]).choices = [("", _("All ages")), *AgeBand.choices]
        self.fields["age_band"].error_messages["invalid_choice"] = _("There is no such age band: every age is counted.")

    def clean_start(self) -> date | None:
        return self._clean_month("start")

    def clean_end(self) -> date | None:
        return self._clean_month("end")

    def _clean_month(self, name: str) -> date | None:
        text = self.cleaned_data.get(name) or ""
        if not text:
            return None
        month = _month(text)
        if month is None:
            raise forms.ValidationError(_("Write a month as year-month, for example 2026-03."))
        return month


def default_period(now: date | None = None) -> tuple[date, date]:
    """The twelve months up to the latest month with figures (or this month)."""
    known = known_months()
    last = known[1] if known else (now or timezone.localdate()).replace(day=1)
    first = last
    for _step in range(11):
        first = (first - timedelta(days=1)).replace(day=1)
    return first, last


def read_filters(data: object, scope: Scope) -> tuple[FiguresFilter, Filters, list[str]]:
    form = FiguresFilter(data or None, scope=scope)
    chosen: dict = {}
    problems: list[str] = []
    if form.is_bound:
        form.is_valid()  # the fields that pass stay in cleaned_data when another does not
        chosen = form.cleaned_data
        problems = [str(error) for errors in form.errors.values() for error in errors]
    start, end = default_period()
    start, end = chosen.get("start") or start, chosen.get("end") or end
    if start > end:
        problems.append(str(_("The first month comes after the last: they were swapped.")))
        start, end = end, start
    if (end.year - start.year) * 12 + end.month - start.month > 120:
        problems.append(str(_("At most ten years at once: the figures start ten years before the last month.")))
        start = end.replace(year=end.year - 10)
    region = None
    if scope.region is None and chosen.get("region"):
        region = Region.objects.filter(code=chosen["region"]).first()
    filters = Filters(
        start=start,
        end=end,
        region=region,
        category=chosen.get("category") or ALL,
        age_band=chosen.get("age_band") or "",
    )
    return form, filters, problems
