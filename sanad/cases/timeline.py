"""A case's timeline: its audit events, the messages with its reporters and its notes, in time order."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sanad.accounts.models import User
from sanad.audit.models import AuditEvent
from sanad.cases.forms import WaitingOn, display_name
from sanad.cases.models import Case, CaseStatus, Note, Outcome, Referral, ReferralStatus, ReferralTarget
from sanad.intake.models import Category, Message, Report, Urgency
from sanad.lib.lists import joined

# Newest events first when a case has more than this; the audit page holds the rest.
MAX_EVENTS = 500

ACTIONS: dict[str, Promise] = {
    "case.opened": _("Case opened"),
    "case.opened_from_school": _("Case opened from a school case"),
    "case.takedown_requested": _("The school asked for content to be removed"),
    "case.viewed": _("Case viewed"),
    "case.report_linked": _("Report linked"),
    "case.duplicate_linked": _("Duplicate report linked"),
    "case.urgency_changed": _("Urgency changed"),
    "case.assigned": _("Assigned"),
    "case.status_changed": _("Status changed"),
    "case.closed": _("Case closed"),
    "case.reopened": _("Case reopened"),
    "case.note_added": _("Note added"),
    "report.viewed": _("Report viewed"),
    "report.categories_changed": _("Categories changed"),
    "report.message_sent": _("Message sent to the reporter"),
    "evidence.revealed": _("File viewed unblurred"),
    "evidence.viewed": _("File opened"),
    "referral.sent": _("Referral sent"),
    "referral.updated": _("Referral updated"),
    "referral.viewed": _("Referral viewed"),
    "referral.pack_downloaded": _("Evidence pack downloaded"),
}
# Centre staff open their own referrals too: only a liaison's reading is the recipient's.
VIEWED_BY_RECIPIENT = _("Referral viewed by its recipient")
# Reading leaves a trace too; the page shows those events quieter than changes, and folds
# a run of them into one line.
QUIET = {"case.viewed", "report.viewed", "evidence.viewed", "referral.viewed"}
# The note or message itself is on the timeline, with its author: its event would say it twice.
SHOWN_AS_ITSELF = {"case.note_added", "report.message_sent"}

CHOICE_LABELS: dict[str, dict[str, object]] = {
    "urgency": dict(Urgency.choices),
    "status": dict(CaseStatus.choices),
    "outcome": dict(Outcome.choices),
    "waiting_on": dict(WaitingOn.CHOICES),
    "target": dict(ReferralTarget.choices),
    "referral_status": dict(ReferralStatus.choices),
}


@dataclass
class Entry:
    at: datetime
    kind: str  # "event", "note", "message"
    title: str
    actor: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)
    body: str = ""
    author: str = ""  # a message's side: "centre" or "reporter"
    quiet: bool = False
    last_at: datetime | None = None
    tally: dict[str, int] = field(default_factory=dict)  # a folded run of readings: what, how often

    def fold(self, later: "Entry") -> bool:
        """Take in the next entry if both are readings; say whether it did."""
        if not (self.quiet and later.quiet):
            return False
        if not self.tally:
            self.tally = {self.title: 1}
            self.title = str(_("Read by staff"))
        self.tally[later.title] = self.tally.get(later.title, 0) + 1
        self.facts = [
            (title, ngettext("%(count)d time", "%(count)d times", count) % {"count": count})
            for title, count in self.tally.items()
        ]
        self.last_at = later.at
        if later.actor and later.actor not in self.actor.split(", "):
            self.actor = f"{self.actor}, {later.actor}" if self.actor else later.actor
        return True


def case_timeline(case: Case, *, reports: list[Report], notes: list[Note], referrals: list[Referral]) -> list[Entry]:
    """`reports` come with their messages and evidence prefetched; `notes` with their authors."""
    references = {str(report.pk): report.reference for report in reports}
    evidence_ids = [str(item.pk) for report in reports for item in report.evidence.all()]
    events = AuditEvent.objects.filter(
        Q(object_type="case", object_id=str(case.pk))
        | Q(object_type="report", object_id__in=list(references))
        | Q(object_type="evidence", object_id__in=evidence_ids)
        | Q(object_type="referral", object_id__in=[str(referral.pk) for referral in referrals])
    ).exclude(action__in=SHOWN_AS_ITSELF)
    recent = list(events.order_by("-seq")[:MAX_EVENTS])
    people = _people_assigned(recent)
    entries = [_event_entry(event, references, people) for event in recent]
    entries += [
        Entry(
            at=note.written_at,
            kind="note",
            title=str(_("Internal note")),
            actor=display_name(note.author),
            body=note.body,
        )
        for note in notes
    ]
    entries += [_message_entry(message, report) for report in reports for message in report.messages.all()]
    entries.sort(key=lambda entry: entry.at)
    folded: list[Entry] = []
    for entry in entries:
        if not (folded and folded[-1].fold(entry)):
            folded.append(entry)
    return folded


def _people_assigned(events: list[AuditEvent]) -> dict[str, str]:
    ids = {event.detail.get(key) for event in events if event.action == "case.assigned" for key in ("old", "new")}
    ids.discard(None)
    if not ids:
        return {}
    return {str(person.pk): display_name(person) for person in User.objects.filter(pk__in=ids)}


def _event_entry(event: AuditEvent, references: dict[str, str], people: dict[str, str]) -> Entry:
    title = str(ACTIONS.get(event.action, event.action))
    if event.action == "referral.viewed" and event.role == User.Role.LIAISON:
        title = str(VIEWED_BY_RECIPIENT)
    if event.object_type == "report" and event.object_id in references:
        title = f"{title} · {references[event.object_id]}"
    return Entry(
        at=event.at,
        kind="event",
        title=title,
        actor=event.actor_name,
        facts=_facts(event, references, people),
        quiet=event.action in QUIET,
    )


def _facts(event: AuditEvent, references: dict[str, str], people: dict[str, str]) -> list[tuple[str, str]]:
    detail = event.detail
    facts: list[tuple[str, str]] = []
    if event.action == "case.assigned":
        nobody = str(_("nobody"))
        facts += [(str(_("Before")), people.get(str(detail.get("old")), nobody))]
        facts += [(str(_("After")), people.get(str(detail.get("new")), nobody))]
    elif "old" in detail and "new" in detail:
        kind = _changed_kind(event.action)
        facts += [(str(_("Before")), _label(kind, detail["old"])), (str(_("After")), _label(kind, detail["new"]))]
    for key, label in (("urgency", _("Urgency")), ("outcome", _("Outcome")), ("waiting_on", _("Waiting on"))):
        if key in detail:
            facts.append((str(label), _label(key, detail[key])))
    if "target" in detail:
        facts.append((str(_("Sent to")), _label("target", detail["target"])))
    if "report" in detail and str(detail["report"]) in references:
        facts.append((str(_("Report")), references[str(detail["report"])]))
    if detail.get("reason"):
        facts.append((str(_("Reason")), str(detail["reason"])))
    return facts


def _changed_kind(action: str) -> str:
    return {
        "case.urgency_changed": "urgency",
        "case.status_changed": "status",
        "report.categories_changed": "categories",
        "referral.updated": "referral_status",
    }.get(action, "")


def _label(kind: str, value: object) -> str:
    if kind == "categories" and isinstance(value, list):
        return joined(Category(code).label if code in Category.values else code for code in value) or "—"
    if value in (None, ""):
        return "—"
    return str(CHOICE_LABELS.get(kind, {}).get(str(value), value))


def _message_entry(message: Message, report: Report) -> Entry:
    title = _("Message to the reporter") if message.author == Message.Author.CENTRE else _("Message from the reporter")
    return Entry(
        at=message.sent_at,
        kind="message",
        title=f"{title} · {report.reference}",
        body=message.body,
        author=message.author,
    )
