from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """An administrative region and its regional academy of education (configuration data)."""

    code = models.SlugField(max_length=40, unique=True)
    name_ar = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=120)
    name_en = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "en")[:2]
        return getattr(self, f"name_{language}", None) or self.name_en


class Organisation(models.Model):
    """Who a staff account works for: its kind decides what it may see."""

    class Kind(models.TextChoices):
        CENTRE = "centre", _("national reporting centre")
        MINISTRY = "ministry", _("ministry")
        ACADEMY = "academy", _("regional academy")
        SCHOOL = "school", _("school")
        POLICE = "police", _("police")
        GENDARMERIE = "gendarmerie", _("gendarmerie")
        PROSECUTOR = "prosecutor", _("public prosecutor's office")
        PLATFORM = "platform", _("platform")
        SUPPORT = "support", _("support service")
        HELPLINE = "helpline", _("child helpline")

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)
    contact_email = models.EmailField(blank=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


# The figures of the whole country (User.figures_scope), as opposed to one region's.
NATIONAL = "national"


class User(AbstractUser):
    """A staff account. Reporters never have one."""

    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("administrator")
        SUPERVISOR = "supervisor", _("supervisor")
        ANALYST = "analyst", _("analyst")
        SCHOOL_TEAM = "school_team", _("school resource team")
        LIAISON = "liaison", _("liaison")
        MINISTRY = "ministry", _("ministry viewer")
        TRAINER = "trainer", _("trainer")
        COMMITTEE = "committee", _("committee secretary")

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.ANALYST)

    @property
    def works_at_centre(self) -> bool:
        return self.organisation is not None and self.organisation.kind == Organisation.Kind.CENTRE

    @property
    def handles_cases(self) -> bool:
        """Analysts, supervisors and administrators of the national centre see every case."""
        return self.works_at_centre and self.role in {self.Role.ANALYST, self.Role.SUPERVISOR, self.Role.ADMINISTRATOR}

    @property
    def administers_centre(self) -> bool:
        """The one rule for who runs the centre: accounts, organisations, reference data, retention, audit."""
        return self.is_active and self.works_at_centre and self.role == self.Role.ADMINISTRATOR

    @property
    def figures_scope(self) -> "Region | str | None":
        """Whose statistics this user may see: one region (an academy's staff), NATIONAL (the
        ministry and the centre), or None. The one rule for figures, menus included."""
        if not self.is_authenticated or not self.is_active or self.organisation is None:
            return None
        kind = self.organisation.kind
        if kind == Organisation.Kind.ACADEMY and self.role in {self.Role.MINISTRY, self.Role.ADMINISTRATOR}:
            return self.organisation.region
        if kind == Organisation.Kind.MINISTRY or self.handles_cases:
            return NATIONAL
        return None

    @property
    def is_committee_secretary(self) -> bool:
        """Drafts the national committee's yearly review and its action plan (docs/statistics.md)."""
        return (
            self.is_active
            and self.role == self.Role.COMMITTEE
            and self.organisation is not None
            and self.organisation.kind == Organisation.Kind.MINISTRY
        )

    @property
    def approves_review(self) -> bool:
        """Approves and publishes the yearly review: the ministry's viewers and the centre's supervisors."""
        if not self.is_active or self.organisation is None:
            return False
        ministry = self.organisation.kind == Organisation.Kind.MINISTRY and self.role == self.Role.MINISTRY
        return ministry or self.supervises

    @property
    def supervises(self) -> bool:
        return self.works_at_centre and self.role in {self.Role.SUPERVISOR, self.Role.ADMINISTRATOR}

    @property
    def is_school_team(self) -> bool:
        return (
            self.role == self.Role.SCHOOL_TEAM
            and self.organisation is not None
            and self.organisation.kind == Organisation.Kind.SCHOOL
        )

    @property
    def is_liaison(self) -> bool:
        return self.role == self.Role.LIAISON and self.organisation is not None

    @property
    def trains(self) -> bool:
        """Who builds courses and follows cohorts (sanad/training): trainers, and the centre's supervisors."""
        return self.is_active and (self.role == self.Role.TRAINER or self.supervises)

    @property
    def sees_files(self) -> bool:
        """Who may be shown a reported file, and so has an exposure record (evidence/exposure.py)."""
        return self.handles_cases or self.is_liaison or self.is_school_team


class SignInThrottle(models.Model):
    """Failed sign-ins of one account name or one address group (sanad/accounts/throttle.py).

    `key` is a keyed hash: neither the name typed nor the address is stored.
    """

    key = models.CharField(max_length=32, primary_key=True)
    failures = models.PositiveIntegerField(default=0)
    next_allowed_at = models.DateTimeField()
    forget_at = models.DateTimeField(db_index=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    owner_told_at = models.DateTimeField(null=True, blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True, help_text="when the owner was last e-mailed")

    def __str__(self) -> str:
        return f"{self.failures} failed sign-ins"
