"""A resource team's workspace: its dashboard, recording a case, running the protocol's steps.

Only the school's own team reaches these pages; the national centre reads an escalated or
transferred case from its case page. A form that comes back with an error shows the whole
page again with everything typed (files have to be chosen again: browsers never refill them).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sanad.accounts.requests import StaffRequest
from sanad.audit.log import record
from sanad.evidence import viewer
from sanad.evidence.actions import reveal_file
from sanad.evidence.uploads import RefusedUpload, UploadRefused, inspect
from sanad.lib.errors import NotFound
from sanad.lib.gates import staff_view
from sanad.schools import actions
from sanad.schools.access import access_run, may_handle, run_file, team_runs, team_school
from sanad.schools.actions import Attachment, PupilEntry, SchoolCaseError
from sanad.schools.forms import (
    AssessForm,
    AuthorForm,
    CloseForm,
    ParentForm,
    PupilForm,
    RecordCaseForm,
    SkipForm,
    StepForm,
    TakedownForm,
)
from sanad.schools.models import Approach, ProtocolRun, Pupil, Safety, Severity, StepRecord, StepState
from sanad.schools.protocol import Step

SOON = timedelta(days=7)


# The dashboard


@dataclass
class OpenCase:
    run: ProtocolRun
    next_step: str
    next_due: object
    overdue: int
    what: str


@staff_view
@require_GET
def dashboard(request: StaffRequest) -> HttpResponse:
    school = team_school(request.user)
    now = timezone.now()
    runs = list(team_runs(request.user).select_related("protocol").prefetch_related("steps"))
    open_cases, due_soon, overdue = [], [], []
    for run in runs:
        if run.is_closed:
            continue
        names = run.protocol.step_names()
        pending = [step for step in run.steps.all() if step.state == StepState.PENDING]
        late = [step for step in pending if step.is_overdue(now)]
        upcoming = next((step for step in pending if step.due_at), pending[0] if pending else None)
        open_cases.append(
            OpenCase(
                run=run,
                next_step=names.get(upcoming.code, "") if upcoming else "",
                next_due=upcoming.due_at if upcoming else None,
                overdue=len(late),
                what=", ".join(run.category_labels()),
            )
        )
        for step in pending:
            if step.due_at is None:
                continue
            entry = (run, names.get(step.code, step.code), step.due_at)
            if step.is_overdue(now):
                overdue.append(entry)
            elif step.due_at - now <= SOON:
                due_soon.append(entry)
    context = {
        "school": school,
        "open_cases": open_cases,
        "serious": [case for case in open_cases if case.run.level == Severity.SERIOUS],
        "overdue": sorted(overdue, key=lambda entry: entry[2]),
        "due_soon": sorted(due_soon, key=lambda entry: entry[2]),
        "closed": [run for run in runs if run.is_closed][:20],
    }
    return render(request, "schools/dashboard.html", context)


# Recording a case


def _attachments(form: forms.Form, field: str = "files") -> list[Attachment] | None:
    """The files of a form, each checked; None (with the reason on the field) if one is refused."""
    attachments = []
    for upload in form.cleaned_data.get(field) or []:
        try:
            if isinstance(upload, RefusedUpload):
                raise upload.refusal
            data = upload.read()
            inspect(data)
        except UploadRefused as refusal:
            form.add_error(field, f"{upload.name}: {refusal.message}")
            return None
        attachments.append(Attachment(name=upload.name or "file", data=data))
    return attachments


@staff_view
@transaction.atomic
def record_case(request: StaffRequest) -> HttpResponse:
    school = team_school(request.user)
    form = RecordCaseForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        files = _attachments(form) if form.is_valid() else None
        if form.is_valid() and files is not None:
            data = form.cleaned_data
            pupils = [
                PupilEntry(Pupil.Role.VICTIM, data["victim_name"], data["victim_class"]),
                PupilEntry(Pupil.Role.INVOLVED, data["involved_name"], data["involved_class"]),
                PupilEntry(Pupil.Role.WITNESS, data["witness_name"], data["witness_class"]),
            ]
            run = actions.record_case(
                school,
                by=request.user,
                told_by=data["told_by"],
                categories=data["categories"],
                facts=data["facts"],
                evidence_kept=data["evidence_kept"],
                author=data["author"],
                pupils=pupils,
                attachments=files,
            )
            messages.success(
                request, _("Case %(reference)s is recorded. Next: listen to the pupil.") % {"reference": run.reference}
            )
            return redirect("schools:run", run.pk)
        return render(request, "schools/record.html", {"form": form, "school": school}, status=400)
    return render(request, "schools/record.html", {"form": form, "school": school})


# A case and its steps


@dataclass
class StepView:
    record: StepRecord
    definition: Step
    overdue: bool
    form: forms.Form | None = None
    skip_form: forms.Form | None = None
    details: list[tuple[str, str]] | None = None
    is_next: bool = False

    @property
    def code(self) -> str:
        return self.definition.code


def _step_views(run: ProtocolRun, records: list[StepRecord], page_forms: dict[str, forms.Form]) -> list[StepView]:
    definitions = {step.code: step for step in run.protocol.steps}
    labels = dict(Safety.choices) | dict(Approach.choices)
    now = timezone.now()
    views = []
    for record_ in records:
        definition = definitions[record_.code]
        view = StepView(record=record_, definition=definition, overdue=record_.is_overdue(now))
        view.details = [
            (key, str(labels.get(value, value)))
            for key, value in record_.details.items()
            if key in {"safety", "approach"}
        ]
        special = {"level", "outcome", "takedown"} & set(definition.records)
        if record_.state == StepState.PENDING and not run.is_closed:
            if not special:
                view.form = page_forms.get(f"step-{record_.code}") or StepForm(step=definition)
            if definition.not_applicable:
                view.skip_form = page_forms.get(f"skip-{record_.code}") or SkipForm(step=definition)
        views.append(view)
    # The first step still to do is open on the page; the others fold away until needed.
    upcoming = next((view for view in views if view.record.state == StepState.PENDING), None)
    if upcoming is not None:
        upcoming.is_next = True
    return views


def _render_run(
    request: StaffRequest, run: ProtocolRun, *, bound: dict[str, forms.Form] | None = None, status: int = 200
) -> HttpResponse:
    bound = bound or {}
    pupils = list(run.pupils.all())
    records = list(run.steps.prefetch_related("attachments").select_related("done_by"))
    page_forms: dict[str, forms.Form] = {
        "pupil": PupilForm(),
        "author": AuthorForm(initial={"author": run.author}),
        "assess": AssessForm(initial={"level": run.level, "serious_because": run.serious_because}),
        "parents": ParentForm(run=run, pupils=pupils),
        "takedown": TakedownForm(),
        "close": CloseForm(),
        **bound,
    }
    context = {
        "run": run,
        "failed": next(iter(bound), ""),
        "pupils": pupils,
        "steps": _step_views(run, records, page_forms),
        "parent_contacts": list(run.parent_contacts.select_related("pupil")),
        "shared": list(run.shared_evidence.all()),
        "revealed": viewer.revealed_in(request.session),
        "forms": page_forms,
        "categories": run.category_labels(),
        "serious_because": run.serious_labels(),
        "may_handle": may_handle(request.user, run),
    }
    return render(request, "schools/run.html", context, status=status)


def _team_run(request: StaffRequest, run_id: int, *, for_update: bool = False) -> ProtocolRun:
    return access_run(request.user, run_id, for_update=for_update, handling=True)


@staff_view
@require_GET
def run_detail(request: StaffRequest, run_id: int) -> HttpResponse:
    run = _team_run(request, run_id)
    record(request.user, "school_case.viewed", object_type="school_case", object_id=run.pk)
    return _render_run(request, run)


def run_url(run: ProtocolRun) -> str:
    return reverse("schools:run", args=[run.pk])


class FileRefused(SchoolCaseError):
    """A file was refused: the reason is already on the form's files field."""

    code = "school_file_refused"
    message = ""


Apply = Callable[[ProtocolRun, forms.Form], str]


def _change(
    request: StaffRequest,
    run_id: int,
    key: str,
    form_for: Callable[[ProtocolRun], forms.Form],
    apply: Apply,
    anchor: str = "",
) -> HttpResponse:
    """One change to a team's case: the case locked, the form checked, the action run in a
    savepoint; an error shows the whole page again with the form as it was sent."""
    run = _team_run(request, run_id, for_update=True)
    form = form_for(run)
    if not form.is_valid():
        return _render_run(request, run, bound={key: form}, status=400)
    try:
        with transaction.atomic():
            text = apply(run, form)
    except SchoolCaseError as error:
        if error.message:
            form.add_error(None, str(error.message))
        return _render_run(request, run, bound={key: form}, status=400)
    messages.success(request, text)
    return redirect(f"{run_url(run)}{'#' + anchor if anchor else ''}")


def _definition(run: ProtocolRun, code: str) -> Step:
    step = run.protocol.step(code)
    if step is None:
        raise NotFound()
    return step


@staff_view
@require_POST
@transaction.atomic
def complete_step(request: StaffRequest, run_id: int, code: str) -> HttpResponse:
    def apply(run: ProtocolRun, form: forms.Form) -> str:
        files = _attachments(form) if "files" in form.fields else []
        if files is None:
            raise FileRefused()
        details = {key: form.cleaned_data[key] for key in ("safety", "approach") if key in form.cleaned_data}
        note = form.cleaned_data.get("note", "")
        actions.complete_step(run, code, by=request.user, note=note, details=details, attachments=files)
        return _("“%(step)s” is recorded.") % {"step": _definition(run, code).name}

    def form_for(run: ProtocolRun) -> forms.Form:
        return StepForm(request.POST, request.FILES, step=_definition(run, code))

    return _change(request, run_id, f"step-{code}", form_for, apply, f"step-{code}")


@staff_view
@require_POST
@transaction.atomic
def skip_step(request: StaffRequest, run_id: int, code: str) -> HttpResponse:
    def apply(run: ProtocolRun, form: forms.Form) -> str:
        actions.skip_step(run, code, by=request.user, reason=form.cleaned_data["reason"])
        return _("“%(step)s” is marked not applicable.") % {"step": _definition(run, code).name}

    def form_for(run: ProtocolRun) -> forms.Form:
        return SkipForm(request.POST, step=_definition(run, code))

    return _change(request, run_id, f"skip-{code}", form_for, apply, f"step-{code}")


@staff_view
@require_POST
@transaction.atomic
def assess(request: StaffRequest, run_id: int) -> HttpResponse:
    def apply(run: ProtocolRun, form: forms.Form) -> str:
        was_escalated = run.is_escalated
        data = form.cleaned_data
        actions.assess(
            run, by=request.user, level=data["level"], serious_because=data["serious_because"], note=data["note"]
        )
        if run.is_escalated and not was_escalated:
            return _(
                "Level 3: the case has been escalated to the national centre and the head of school has been told. "
                "Keep supporting the pupil."
            )
        return _("The severity level is recorded.")

    return _change(request, run_id, "assess", lambda run: AssessForm(request.POST), apply, "assess-title")


@staff_view
@require_POST
@transaction.atomic
def add_pupil(request: StaffRequest, run_id: int) -> HttpResponse:
    def apply(run: ProtocolRun, form: forms.Form) -> str:
        data = form.cleaned_data
        actions.add_pupil(run, PupilEntry(data["role"], data["name"], data["class_name"]), by=request.user)
        return _("The pupil is added.")

    return _change(request, run_id, "pupil", lambda run: PupilForm(request.POST), apply, "pupils-title")


@staff_view
@require_POST
@transaction.atomic
def set_author(request: StaffRequest, run_id: int) -> HttpResponse:
    def apply(run: ProtocolRun, form: forms.Form) -> str:
        actions.set_author(run, form.cleaned_data["author"], by=request.user)
        return _("The author is recorded.")

    return _change(request, run_id, "author", lambda run: AuthorForm(request.POST), apply, "pupils-title")


@staff_view
@require_POST
@transaction.atomic
def inform_parents(request: StaffRequest, run_id: int) -> HttpResponse:
    def apply(run: ProtocolRun, form: forms.Form) -> str:
        data = form.cleaned_data
        actions.inform_parents(
            run,
            by=request.user,
            pupil=data["pupil"],
            relation=data["relation"],
            informed_on=data["informed_on"],
            means=data["means"],
            response=data["response"],
        )
        return _("The parents' information is recorded.")

    def form_for(run: ProtocolRun) -> forms.Form:
        return ParentForm(request.POST, run=run, pupils=list(run.pupils.all()))

    return _change(request, run_id, "parents", form_for, apply, "parents-title")


@staff_view
@require_POST
@transaction.atomic
def request_takedown(request: StaffRequest, run_id: int) -> HttpResponse:
    def apply(run: ProtocolRun, form: forms.Form) -> str:
        actions.request_takedown(run, by=request.user, links=form.cleaned_data["links"])
        return _("The national centre has the request and will ask the platform.")

    return _change(request, run_id, "takedown", lambda run: TakedownForm(request.POST), apply, "takedown-title")


@staff_view
@require_POST
@transaction.atomic
def close(request: StaffRequest, run_id: int) -> HttpResponse:
    def apply(run: ProtocolRun, form: forms.Form) -> str:
        actions.close_run(
            run, by=request.user, outcome=form.cleaned_data["outcome"], review=form.cleaned_data["review"]
        )
        return _("The case is closed. Thank you.")

    return _change(request, run_id, "close", lambda run: CloseForm(request.POST), apply)


@staff_view
@require_GET
def file(request: StaffRequest, run_id: int, evidence_id: UUID) -> HttpResponse:
    """A file of the case as the centre's viewer shows it: blurred until revealed, then the
    clear preview (pictures) or the original as an inert download."""
    run = _team_run(request, run_id)
    evidence = run_file(run, evidence_id)
    revealed = str(evidence.pk) in viewer.revealed_in(request.session)
    response = viewer.response_for(evidence, revealed=revealed, download_name=f"{run.reference}-{evidence.pk.hex[:12]}")
    record(
        request.user,
        "school_case.file_viewed",
        object_type="school_case",
        object_id=run.pk,
        evidence=str(evidence.pk),
        blurred=not revealed,
    )
    request.session.modified = False  # as on the case page: a picture's request must not undo a reveal
    return response


@staff_view
@require_POST
@transaction.atomic
def reveal(request: StaffRequest, run_id: int, evidence_id: UUID) -> HttpResponse:
    """The same audited reveal as the centre's: the audit log, the file's custody, the person's exposure."""
    run = _team_run(request, run_id)
    evidence = run_file(run, evidence_id)
    reveal_file(evidence, by=request.user)
    viewer.remember_reveal(request.session, evidence)
    return redirect(f"{run_url(run)}#file-{evidence.pk}")
