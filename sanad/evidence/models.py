import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sanad.evidence import crypto


class Evidence(models.Model):
    """One file someone gave us, sealed at rest; knows nothing of reports or cases."""

    class State(models.TextChoices):
        RECEIVED = "received", _("received")
        PROCESSED = "processed", _("processed")
        FAILED = "failed", _("failed")

    class Analysis(models.TextChoices):
        PENDING = "pending", _("waiting for the worker")
        DONE = "done", _("analysed")
        FAILED = "failed", _("could not be analysed")

    SEALED_FIELDS = ("original_name_sealed", "ocr_text_sealed")
    # Sealed files this row names in evidence storage, and the attribute giving each one's seal
    # context (rotate_keys re-wraps them all).
    SEALED_FILES = {"storage_name": "context", "preview_name": "preview_context", "blurred_name": "blurred_context"}

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    storage_name = models.CharField(max_length=200, unique=True)
    content_type = models.CharField(max_length=100, help_text="sniffed from the content, never trusted from the client")
    size = models.PositiveBigIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    md5 = models.CharField(max_length=32)
    original_name_sealed = models.BinaryField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.RECEIVED)
    attempts = models.PositiveSmallIntegerField(default=0)
    received_at = models.DateTimeField(auto_now_add=True)
    # What the worker learns once the file is sealed and verified (pipeline.py).
    analysis = models.CharField(max_length=8, choices=Analysis.choices, default=Analysis.PENDING)
    sha1 = models.CharField(max_length=40, blank=True, db_index=True, help_text="for hash lists that use SHA-1")
    preview_name = models.CharField(max_length=200, blank=True, help_text="sealed JPEG, at most 1200 px, no metadata")
    blurred_name = models.CharField(max_length=200, blank=True, help_text="sealed JPEG, greyscale and blurred")
    ocr_text_sealed = models.BinaryField(null=True, blank=True)
    # On a hash list of known content: never shown, not even blurred, until a supervisor records why.
    known = models.BooleanField(default=False)
    released_at = models.DateTimeField(
        null=True, blank=True, help_text="when a supervisor allowed a known file to be shown"
    )

    class Meta:
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return f"evidence {self.id}"

    @property
    def context(self) -> str:
        """What the sealed file is bound to."""
        return f"evidence:{self.id}"

    def seal_context(self, field: str) -> str:
        return f"{self.context}:{field}"

    @property
    def original_name(self) -> str:
        return crypto.unseal_text(bytes(self.original_name_sealed), context=self.seal_context("original_name_sealed"))

    ocr_text = crypto.SealedText("ocr_text_sealed")

    def rendition_context(self, kind: str) -> str:
        """What a sealed preview is bound to: its file and its kind, so a clear one never opens as blurred."""
        return f"{self.context}:{kind}"

    @property
    def preview_context(self) -> str:
        return self.rendition_context("preview")

    @property
    def blurred_context(self) -> str:
        return self.rendition_context("blurred")

    @property
    def sealed_files(self) -> list[tuple[str, str]]:
        """Every sealed file of this evidence, with its context: the original and its previews."""
        files = [(self.storage_name, self.context)]
        files += [(name, self.rendition_context(kind)) for kind, name in self.renditions.items()]
        return files

    @property
    def renditions(self) -> dict[str, str]:
        return {kind: name for kind, name in (("preview", self.preview_name), ("blurred", self.blurred_name)) if name}

    @property
    def has_preview(self) -> bool:
        return bool(self.blurred_name)

    @property
    def hidden(self) -> bool:
        """Known content not released by a supervisor: shown to nobody, not even blurred."""
        return self.known and self.released_at is None

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def is_video(self) -> bool:
        return self.content_type.startswith("video/")

    @property
    def family(self) -> str:
        family = self.content_type.partition("/")[0]
        return family if family in {"image", "video", "audio"} else "document"

    @property
    def kind_label(self) -> str:
        family = self.content_type.partition("/")[0]
        if family == "image":
            return str(_("image"))
        if family == "video":
            return str(_("video"))
        if family == "audio":
            return str(_("audio"))
        return str(_("document"))


class CustodyEvent(models.Model):
    """Chain of custody: every time the file was captured, checked, opened or exported."""

    class Action(models.TextChoices):
        CAPTURED = "captured", _("captured")
        VERIFIED = "verified", _("integrity verified")
        INTEGRITY_FAILED = "integrity_failed", _("integrity check failed")
        REVEALED = "revealed", _("viewed unblurred")
        EXPORTED = "exported", _("exported in an evidence pack")
        DELETED = "deleted", _("deleted")

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="custody")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.CharField(max_length=100, help_text="'reporter', 'system' or a staff reference")
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        # Exposure: one person's reveals by day (exposure.py).
        indexes = [models.Index(fields=["actor", "action", "at"], name="custody_by_actor")]

    def __str__(self) -> str:
        return f"{self.action} {self.evidence_id} at {self.at:%Y-%m-%d %H:%M}"


class PerceptualHash(models.Model):
    """A PDQ hash of a picture, or of one keyframe of a video, with PDQ's own quality score (0-100)."""

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="perceptual_hashes")
    pdq = models.CharField(max_length=64, help_text="256 bits in hexadecimal")
    quality = models.PositiveSmallIntegerField()
    frame = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="keyframe number in a video; empty for a picture"
    )

    class Meta:
        ordering = ["evidence", "frame", "pk"]

    def __str__(self) -> str:
        return f"PDQ of {self.evidence_id}"


class SimilarEvidence(models.Model):
    """Two files whose PDQ hashes are within the configured distance: very likely the same picture.

    Kept in both directions, so a file's look-alikes are one indexed filter.
    """

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="similar")
    other = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="+")
    distance = models.PositiveSmallIntegerField(help_text="PDQ Hamming distance, 0 to 256")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evidence", "other"], name="similar_evidence_once")]

    def __str__(self) -> str:
        return f"{self.evidence_id} ~ {self.other_id} ({self.distance})"


class SignalType(models.TextChoices):
    """What a hash list entry is, named as hash-sharing programmes name them (HMA's signal types)."""

    MD5 = "md5", "MD5"
    SHA1 = "sha1", "SHA-1"
    SHA256 = "sha256", "SHA-256"
    PDQ = "pdq", "PDQ"


class HashList(models.Model):
    """A list of hashes of known content from one source (a "bank" in hasher-matcher-actioners).

    Each import is a new version; entries keep the version that added and the one that removed
    them, so a match always says which list and version it came from. A withdrawn list matches
    nothing and its matches stop hiding files.
    """

    name = models.CharField(max_length=100, unique=True)
    source = models.CharField(max_length=200, help_text="who shares the list")
    category = models.CharField(max_length=100, help_text="what the content is, in the source's words")
    version = models.PositiveIntegerField(default=0)
    listed_on = models.DateField(help_text="the date the source gives for this version")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class HashListEntry(models.Model):
    hash_list = models.ForeignKey(HashList, on_delete=models.CASCADE, related_name="entries")
    signal_type = models.CharField(max_length=8, choices=SignalType.choices)
    value = models.CharField(max_length=64, help_text="lower-case hexadecimal")
    category = models.CharField(
        max_length=100, blank=True, help_text="the entry's own category, if the source gives one"
    )
    added_in = models.PositiveIntegerField()
    removed_in = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["hash_list", "signal_type", "value"], name="hash_list_entry_once")
        ]
        indexes = [
            models.Index(
                fields=["signal_type", "value"], condition=models.Q(removed_in__isnull=True), name="live_entry_lookup"
            )
        ]

    def __str__(self) -> str:
        return f"{self.signal_type} in {self.hash_list_id}"


class KnownMatch(models.Model):
    """A file matched an entry of a hash list: which list, which version, how close."""

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="known_matches")
    entry = models.ForeignKey(HashListEntry, on_delete=models.CASCADE, related_name="matches")
    hash_list = models.ForeignKey(HashList, on_delete=models.CASCADE, related_name="matches")
    list_version = models.PositiveIntegerField()
    signal_type = models.CharField(max_length=8, choices=SignalType.choices)
    distance = models.PositiveSmallIntegerField(default=0, help_text="0 for exact hashes")
    matched_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evidence", "entry"], name="known_match_once")]

    def __str__(self) -> str:
        return f"{self.evidence_id} on {self.hash_list_id} v{self.list_version}"


class KnownRelease(models.Model):
    """A supervisor allowed a known file to be shown (blurred first, like any other), and why."""

    SEALED_FIELDS = ("reason_sealed",)

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="releases")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason_sealed = models.BinaryField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"release of {self.evidence_id}"

    def seal_context(self, field: str) -> str:
        return f"known-release:{self.evidence_id}:{self.by_id}:{field}"

    reason = crypto.SealedText("reason_sealed")


class FileKey(models.Model):
    """The wrapped data key of one sealed file in evidence storage (evidence, packs, previews).

    The file store holds only the body; deleting this row destroys the file in every copy
    (storage.shred), and rotating the key-encryption key re-wraps these rows without touching
    the store (rotate_keys). Files written before keys were kept apart carry their key themselves.
    """

    # Not a sealed value but a wrapped key: rotate_keys re-wraps it (storage.rewrap_keys).
    WRAPPED_KEYS = ("key",)

    name = models.CharField(max_length=200, primary_key=True, help_text="the file's name in evidence storage")
    key = models.BinaryField()
    context = models.CharField(
        max_length=200, help_text="what the sealed file is bound to (not secret): key rotation needs it"
    )
    stored_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"key of {self.name}"
