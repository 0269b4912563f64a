"""A meeting of a forum, who attended it and who took part."""
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .reference import Economy, Forum, Organisation, OrganisationKind


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    DRAFTED = "drafted", "Summary drafted"
    CIRCULATED = "circulated", "Summary circulated"
    ADOPTED = "adopted", "Summary adopted"


class Meeting(models.Model):
    """One meeting of a forum, e.g. the 14th SMEWG meeting."""

    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="meetings", verbose_name="forum"
    )
    number = models.PositiveSmallIntegerField("meeting number", help_text="14 for the 14th meeting.")
    city = models.CharField("city", max_length=100)
    host_economy = models.ForeignKey(
        Economy,
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
        verbose_name="host economy",
        null=True,
        blank=True,
    )
    start_date = models.DateField("start date")
    end_date = models.DateField("end date")
    chair_name = models.CharField("chair", max_length=150, blank=True, help_text="Name as printed.")
    chair_title = models.CharField(
        "chair's title", max_length=250, blank=True, help_text="Position and ministry."
    )
    chair_economy = models.ForeignKey(
        Economy,
        on_delete=models.PROTECT,
        related_name="chaired_meetings",
        verbose_name="chair's economy",
        null=True,
        blank=True,
    )
    status = models.CharField(
        "status", max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    summary_is_public = models.BooleanField(
        "published summary readable by anyone with the link", default=False
    )
    summary_public_nonce = models.CharField(
        "secret of the current publication", max_length=32, blank=True, default="", editable=False,
        help_text="Signed into the published link; new on every publication, cleared on withdrawal, "
                  "so a withdrawn link never opens again.",
    )
    version = models.PositiveIntegerField(
        "version", default=1, help_text="Raised on every save; refuses saves from stale copies."
    )
    created = models.DateTimeField("created", auto_now_add=True)
    modified = models.DateTimeField("modified", auto_now=True)
    next_meeting_start = models.DateField(
        "start of the forum's next meeting", null=True, blank=True, editable=False,
        help_text="Kept by meetings.derived: when actions due “by the next meeting” fall due.",
    )
    history = HistoricalRecords(
        excluded_fields=["modified", "version", "summary_public_nonce", "next_meeting_start"]
    )

    class Meta:
        verbose_name = "meeting"
        ordering = ["forum__code", "-start_date", "-number"]
        indexes = [models.Index(fields=["forum", "start_date"], name="meeting_forum_start")]
        constraints = [
            models.UniqueConstraint(fields=["forum", "number"], name="meeting_unique_number_in_forum"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="meeting_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=MeetingStatus.values), name="meeting_status_valid"
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="meeting_number_positive"),
        ]

    def __str__(self):
        return f"{ordinal(self.number)} {self.forum.code} meeting, {self.city}"

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return f"{ordinal(self.number)} {self.forum.code} Meeting"

    @property
    def place(self) -> str:
        if self.host_economy_id:
            return f"{self.city}, {self.host_economy.name}"
        return self.city

    @property
    def place_in_text(self) -> str:
        """The place mid-sentence: "Manila, the Philippines"."""
        if self.host_economy_id:
            return f"{self.city}, {self.host_economy.text_name}"
        return self.city

    @property
    def dates(self) -> str:
        return format_date_range(self.start_date, self.end_date)

    @property
    def is_locked(self) -> bool:
        return self.status == MeetingStatus.ADOPTED


class AttendanceCapacity(models.TextChoices):
    MEMBER = "member", "Member"
    OBSERVER = "observer", "Observer"
    GUEST = "guest", "Guest"
    SECRETARIAT = "secretariat", "Secretariat"

    @classmethod
    def for_organisation(cls, organisation: Organisation) -> "AttendanceCapacity":
        """The capacity an organisation usually attends in: an APEC body observes."""
        return {
            OrganisationKind.SECRETARIAT: cls.SECRETARIAT,
            OrganisationKind.OBSERVER: cls.OBSERVER,
            OrganisationKind.APEC_BODY: cls.OBSERVER,
            OrganisationKind.GUEST: cls.GUEST,
        }[organisation.kind]


class Attendance(models.Model):
    """An economy or organisation present at a meeting, and in what capacity."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name="meeting"
    )
    economy = models.ForeignKey(
        Economy,
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name="economy",
        null=True,
        blank=True,
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name="organisation",
        null=True,
        blank=True,
    )
    capacity = models.CharField(
        "capacity", max_length=20, choices=AttendanceCapacity.choices, default=AttendanceCapacity.MEMBER
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "attendance"
        verbose_name_plural = "attendance"
        ordering = ["meeting", "economy__position", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(economy__isnull=False, organisation__isnull=True)
                    | models.Q(economy__isnull=True, organisation__isnull=False)
                ),
                name="attendance_economy_xor_organisation",
            ),
            models.UniqueConstraint(
                fields=["meeting", "economy"], name="attendance_economy_once_per_meeting"
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="attendance_organisation_once_per_meeting"
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__in=AttendanceCapacity.values),
                name="attendance_capacity_valid",
            ),
        ]

    def __str__(self):
        return f"{self.economy or self.organisation} at {self.meeting} ({self.get_capacity_display()})"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other / not stated"


class ParticipantRole(models.TextChoices):
    HEAD = "head", "Head of delegation"
    DELEGATE = "delegate", "Delegate"
    CHAIR = "chair", "Chair"
    SECRETARIAT = "secretariat", "Secretariat"
    OBSERVER = "observer", "Observer"
    GUEST = "guest", "Guest"


class Participant(models.Model):
    """A person at a meeting, for the sex-disaggregated participant list."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="participants", verbose_name="meeting"
    )
    name = models.CharField("name", max_length=150)
    title = models.CharField("title or position", max_length=200, blank=True)
    employer = models.CharField(
        "organisation", max_length=200, blank=True, help_text="Ministry, agency or company."
    )
    economy = models.ForeignKey(
        Economy,
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name="economy represented",
        null=True,
        blank=True,
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name="organisation represented",
        null=True,
        blank=True,
    )
    sex = models.CharField("sex", max_length=10, choices=Sex.choices)
    role = models.CharField(
        "role", max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.DELEGATE
    )
    email = models.EmailField("e-mail", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "participant"
        ordering = ["meeting", "economy__position", "organisation__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(economy__isnull=False) & models.Q(organisation__isnull=False)),
                name="participant_represents_one",
            ),
            models.CheckConstraint(condition=models.Q(sex__in=Sex.values), name="participant_sex_valid"),
            models.CheckConstraint(
                condition=models.Q(role__in=ParticipantRole.values), name="participant_role_valid"
            ),
            models.UniqueConstraint(
                "meeting", Lower("name"), "economy", name="participant_unique_name_per_economy"
            ),
        ]

    def __str__(self):
        represented = self.economy or self.organisation
        return f"{self.name} ({represented})" if represented else self.name


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def format_date_range(start, end) -> str:
    """'3-5 April 2002', '30 September - 1 October 2009', '31 December 2009 - 1 January 2010'."""
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if start.year != end.year:
        return f"{start.day} {start:%B %Y} - {end.day} {end:%B %Y}"
    if start.month != end.month:
        return f"{start.day} {start:%B} - {end.day} {end:%B %Y}"
    return f"{start.day}-{end.day} {end:%B %Y}"
