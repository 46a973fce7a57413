"""Importing schools and resource-team members from a CSV file (centre administrators).

"Check" shows what the import would do and writes nothing; "Import" applies the file when
no row is refused. The file stays in memory (never a copy on disk) and is read again at
each step: browsers never resend a chosen file, so the administrator chooses it again.
"""

import io

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from sanad.accounts.requests import StaffRequest
from sanad.evidence.uploads import MemoryOnlyUploadHandler, RefusedUpload
from sanad.lib import csv_files
from sanad.lib.gates import administrator_view
from sanad.schools import imports

CHECK, IMPORT = "check", "import"


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What the file holds"),
        choices=[
            (imports.SCHOOLS, gettext_lazy("Schools")),
            (imports.TEAM, gettext_lazy("Resource-team members (import their schools first)")),
        ],
        widget=forms.RadioSelect,
    )
    # Empty files pass the field: the upload handler empties a file it refused as too large.
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        allow_empty_file=True,
        help_text=gettext_lazy("Saved as “CSV UTF-8”, comma or semicolon separated, up to 2 MB and 5,000 rows."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if isinstance(upload, RefusedUpload):
            raise forms.ValidationError(csv_files.too_large_message())
        return upload


class ImportUploadHandler(MemoryOnlyUploadHandler):
    """The project's upload handler (memory only) with the limit of an import file."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if not self.too_large and start + len(raw_data) > csv_files.MAX_BYTES:
            self.too_large = True
            self.buffer = io.BytesIO()
        if not self.too_large:
            self.buffer.write(raw_data)
        return None


# CSRF is checked inside, once the upload handler is swapped: the middleware would read the
# body first, with the 20 MB limit of evidence files (Django's documented pattern).
@csrf_exempt
@administrator_view
@require_http_methods(["GET", "POST"])
def import_page(request: StaffRequest) -> HttpResponse:
    request.upload_handlers = [ImportUploadHandler(request)]
    return _import_page(request)


@csrf_protect
def _import_page(request: StaffRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "schools/import.html", {"form": ImportForm()})
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "schools/import.html", {"form": form}, status=400)
    kind = form.cleaned_data["kind"]
    data = form.cleaned_data["file"].read()
    if request.POST.get("action") == IMPORT:
        report = imports.run_import(kind, data, by=request.user)
        if report.applied:
            messages.success(
                request,
                _("Import done: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.")
                % {"new": report.created, "updated": report.updated, "unchanged": report.unchanged},
            )
            if kind == imports.TEAM and report.created:
                messages.info(request, _("Each new member receives an e-mail with a link to choose a password."))
            for warning in report.warnings:
                messages.warning(request, warning)
            return redirect("schools:import")
    else:
        report = imports.check(kind, data)
    if report.problem:
        form.add_error("file", report.problem)
    # The choice of kind stays; the file has to be chosen again (browsers never refill it).
    context = {"form": form, "report": report, "kind_label": imports.KINDS[kind], "checked": True}
    return render(request, "schools/import.html", context, status=200 if report.ok else 400)
