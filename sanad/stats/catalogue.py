"""The catalogue of indicators, as data: what each counts, from what, for whom and at what detail.

`docs/indicators.md` is written from this module (`manage.py indicators_doc`) and a test fails
when the two differ, so a statistician reads exactly what the code counts. Titles and units are
translated on the pages; the definitions in the doc are the English text below.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Audience(StrEnum):
    CENTRE = "centre"  # the national centre's case handlers: exact figures, inside the centre
    ACADEMY = "academy"  # a regional academy: its own region only, suppressed
    NATIONAL = "national"  # the ministry and the national committee: every region, suppressed
    PUBLIC = "public"  # the public page: national, by year, suppressed


class Kind(StrEnum):
    COUNT = "count"  # reports counted by the values of one dimension (ReportFigure)
    DURATION = "duration"  # a clock per key: how many, share within the deadline, median, p90 (CaseFigure)
    TALLY = "tally"  # a count per key that is not a report (CaseFigure with bucket 0)
    SNAPSHOT = "snapshot"  # computed by another app's counting code (Snapshot)
    PILOT = "pilot"  # the resource teams' reviews of the protocol (PilotStepAnswer)


@dataclass(frozen=True)
class Indicator:
    code: str
    title: object  # a lazy translation
    definition: str
    unit: str
    source: str
    kind: Kind
    audiences: dict[Audience, str]  # who may see it -> at what detail
    dimension: str = ""  # for COUNT: the ReportFigure dimension; DURATION/TALLY: the CaseFigure indicator


EXACT = "month × region × value, exact counts"
REGION = "month × value for its own region, suppressed"
NATIONAL = "month × region × value, suppressed"
YEARLY = "year × value, national, suppressed"
REPORT_SOURCE = "intake.Report (submitted_at, region, victim_age_band) and its ReportCategory rows"
EVERYONE = {Audience.CENTRE: EXACT, Audience.ACADEMY: REGION, Audience.NATIONAL: NATIONAL, Audience.PUBLIC: YEARLY}
STAFF = {Audience.CENTRE: EXACT, Audience.ACADEMY: REGION, Audience.NATIONAL: NATIONAL}


def _count(code: str, title: object, definition: str, source: str = "", audiences: dict | None = None) -> Indicator:
    return Indicator(
        code=code,
        title=title,
        definition=definition,
        unit="reports",
        source=f"{REPORT_SOURCE}; {source}" if source else REPORT_SOURCE,
        kind=Kind.COUNT,
        audiences=audiences or EVERYONE,
        dimension=code,
    )


INDICATORS: list[Indicator] = [
    _count(
        "category",
        _("Reports by harm category"),
        "Reports received in the month, by the harm categories they are filed under (the reporter's "
        "choice as corrected by the centre). A report under two categories counts once in each, so the "
        "values add up to more than the total; the total counts each report once.",
        "ReportCategory.category",
    ),
    _count(
        "urgency",
        _("Reports by urgency"),
        "Reports received in the month, by their urgency as it stands now (P0 immediate danger to P3).",
        "Report.urgency",
    ),
    _count(
        "channel",
        _("Reports by channel"),
        "Reports received in the month, by the channel they came through (web portal, partner API, "
        "phone, e-mail, in person). School cases the centre took over without a report are not reports "
        "and are not counted here.",
        "Report.channel",
    ),
    _count(
        "reporter_role",
        _("Reports by who reported"),
        "Reports received in the month, by the reporter's answer to who they are (the victim, a parent, "
        "a witness, a professional).",
        "Report.reporter_role",
    ),
    _count(
        "age_band",
        _("Reports by age of the victim"),
        "Reports received in the month, by the victim's age band as the reporter gave it.",
        "Report.victim_age_band",
    ),
    _count(
        "gender",
        _("Reports by gender of the victim"),
        "Reports received in the month, by the victim's gender as the reporter gave it.",
        "Report.victim_gender",
    ),
    _count(
        "region",
        _("Reports by region"),
        "Reports received in the month, by the region the reporter chose; 'unknown' when none was given.",
        "Report.region",
    ),
    _count(
        "platform",
        _("Reports by platform"),
        "Reports received in the month, by the platforms they name. A report naming two platforms counts "
        "once under each.",
        "ReportPlatform.platform",
    ),
    _count(
        "month",
        _("Reports by month"),
        "Reports received, one value per month of arrival (the trend line).",
        "Report.submitted_at",
    ),
    _count(
        "told",
        _("Whom the child had told before reporting"),
        "Reports received in the month, by whom the victim had already told: a parent, a teacher, a "
        "friend, another adult, or nobody. Several answers are possible, so the values add up to more "
        "than the total; 'not answered' counts reports with no answer at all. This is the national "
        "study's indicator (25% had told an adult, 1% a teacher); its trend is the monthly series.",
        "Report.told_parent, told_teacher, told_friend, told_other_adult, told_nobody",
    ),
    _count(
        "heard_from",
        _("How the reporter heard of Sanad"),
        "Reports received in the month, by the answer to the optional last question of the portal; "
        "'not answered' when it was skipped (it is optional, so shares are over those who answered).",
        "Report.heard_from",
    ),
    _count(
        "repeat",
        _("Reports naming an identifier named before"),
        "Reports received in the month that name an online identifier (a handle, a phone number, a "
        "link…, compared by its keyed hash) already named in an earlier report: 'repeat'; the others "
        "that name at least one identifier: 'first'; reports naming none: 'none'.",
        "intake.Identifier.digest (keyed hash, never the identifier) of earlier reports",
        audiences=STAFF,
    ),
    Indicator(
        code="first_action",
        title=_("Time to first action, by urgency"),
        definition=(
            "Cases opened in the month, by urgency: how many, the share whose first action came before its "
            "deadline (a met deadline stops counting; a case not yet acted on is counted as not met once "
            "its deadline has passed, and not at all before), and the median and 90th percentile of the "
            "time from the first report's arrival (or the case's opening) to the first action, read from "
            "duration buckets (the upper bound of the bucket holding the median or the 90th percentile)."
        ),
        unit="cases; share; hours",
        source="cases.Case (opened_at, first_action_due, first_action_at, urgency); cases/deadlines.py",
        kind=Kind.DURATION,
        audiences=STAFF,
        dimension="first_action",
    ),
    Indicator(
        code="referral_answer",
        title=_("Referral answer times, by kind of recipient"),
        definition=(
            "Referrals sent in the month, by the kind of organisation they went to (police, gendarmerie, "
            "prosecutor, platform, school, support service, helpline): how many, the share answered before "
            "their answer deadline, and the median and 90th percentile of the time to the answer. A referral "
            "not answered yet counts in 'how many' and, once past its deadline, as not met."
        ),
        unit="referrals; share; hours",
        source="cases.Referral (sent_at, answer_due, answered_at) and accounts.Organisation.kind",
        kind=Kind.DURATION,
        audiences=STAFF,
        dimension="referral_answer",
    ),
    Indicator(
        code="removal",
        title=_("Time to removal, by platform"),
        definition=(
            "Content a platform removed, by platform, counted in the month the request was sent: how many "
            "removals, the share within the answer deadline, and the median and 90th percentile of the time "
            "from the request to the removal. Today one removal is a platform referral answered 'content "
            "removed'; the per-item notices will be a second source of the same rows."
        ),
        unit="removals; share; hours",
        source="cases.Referral with target 'platform' and status 'content_removed' (answered_at - sent_at)",
        kind=Kind.DURATION,
        audiences=STAFF,
        dimension="removal",
    ),
    Indicator(
        code="outcome",
        title=_("Outcomes of closed cases"),
        definition=(
            "Cases closed in the month, by their outcome (resolved, content removed, referred to justice, no "
            "action possible, duplicate, unfounded)."
        ),
        unit="cases",
        source="cases.Case (closed_at, outcome)",
        kind=Kind.TALLY,
        audiences=EVERYONE,
        dimension="outcome",
    ),
    Indicator(
        code="trained",
        title=_("Trained professionals, by region and kind"),
        definition=(
            "People trained up to the last month of the period, by the region of their organisation (a "
            "school's, an academy's, a regional service's; national organisations apart) and the kind of "
            "professional the course trains: resource-team teachers, heads of school, the centre's analysts, "
            "liaisons. Each person counts once per kind, in the month of their first training of that kind: "
            "a valid certificate (not revoked) of an active account issued by the training app, or, for a "
            "resource-team member trained outside Sanad's courses, the team's training date (heads as heads, "
            "the other members as resource-team teachers). A member whose date was set by passing a "
            "resource-team course is counted by that certificate only. A person trained for two kinds counts "
            "in both columns, so no column adds the kinds up."
        ),
        unit="people",
        source=(
            "training.Certificate (through sanad/training/figures.py: trainee, region, course role, issued_at), "
            "schools.TeamMember.trained_on and position (active accounts), schools.School.region"
        ),
        kind=Kind.TALLY,
        audiences=EVERYONE,
        dimension="trained",
    ),
    Indicator(
        code="school_protocol",
        title=_("The school protocol in numbers"),
        definition=(
            "Per region: school cases open and closed, by level, level-3 cases still open, steps overdue, "
            "schools without a trained team and the outcomes of closed school cases, as "
            "schools/figures.py counts them (docs/school-figures.md), over all time."
        ),
        unit="school cases; schools",
        source="schools.ProtocolRun, StepRecord, School, TeamMember (schools/figures.py)",
        kind=Kind.SNAPSHOT,
        audiences={Audience.CENTRE: EXACT, Audience.ACADEMY: REGION, Audience.NATIONAL: NATIONAL},
        dimension="school_protocol",
    ),
]

INDICATORS += [
    Indicator(
        code="pilot_steps",
        title=_("The school protocol's pilot: each step as the teams found it"),
        definition=(
            "Per step of the protocol, over the reviews resource teams gave (counted by the day of the review), "
            "in two sets of columns: after a closed school case, and at the end of a pilot period (one review "
            "per school and period): how many answers, the share that found the step workable, the median "
            "minutes (spent on the step in that case; usually spent on it per case over the period), and how "
            "many said something was missing. A share or a median is hidden when the answers it rests on are."
        ),
        unit="answers; share; minutes",
        source="stats.PilotStepAnswer (workable, minutes, missing) of stats.PilotReview (run, or period and school)",
        kind=Kind.PILOT,
        audiences={Audience.CENTRE: EXACT, Audience.ACADEMY: REGION, Audience.NATIONAL: NATIONAL},
        dimension="step",
    ),
    Indicator(
        code="pilot_regions",
        title=_("The school protocol's pilot, by region"),
        definition=(
            "Per region: reviews of the protocol given after closed school cases and at the end of pilot "
            "periods, each kind with the share of its step answers that found the step workable."
        ),
        unit="reviews; share",
        source="stats.PilotReview.region (the school's) and kind (run, or period), stats.PilotStepAnswer.workable",
        kind=Kind.PILOT,
        audiences={Audience.CENTRE: EXACT, Audience.NATIONAL: NATIONAL},
        dimension="region",
    ),
]

BY_CODE = {indicator.code: indicator for indicator in INDICATORS}


def visible(audience: Audience) -> list[Indicator]:
    return [indicator for indicator in INDICATORS if audience in indicator.audiences]
