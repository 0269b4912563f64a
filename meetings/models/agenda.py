"""Agenda items, the decisions taken under them and the actions they ask for.

An item's discussion text, its decisions and its two project lists (reported, approved) are
blocks printed in the order the meeting recorded them: each has a place in one sequence
per item (``AgendaItem.text_position``, ``projects_reported_position``,
``projects_approved_position`` and ``Decision.position``). At equal places the order is
text, projects reported, decisions, projects approved: the defaults (0, 0, the decision's
own order, ``LAST_PLACE``) print an item in that order until someone moves a block.
"""
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords

from .meeting import Meeting
from .reference import Economy, Organisation


LAST_PLACE = 32767  # the largest PositiveSmallIntegerField: "at the end of the item"


class BlockKind(models.TextChoices):
    TEXT = "text", "Discussion"
    PROJECTS_REPORTED = "projects_reported", "Projects reported"
    DECISION = "decision", "Decision"
    PROJECTS_APPROVED = "projects_approved", "Projects approved"


# Which block comes first at equal places (the order before blocks could be moved).
BLOCK_RANK = {kind: rank for rank, kind in enumerate(BlockKind.values)}
# The item's own field that holds the place of each block that is not a decision.
BLOCK_PLACE_FIELDS = {
    BlockKind.TEXT: "text_position",
    BlockKind.PROJECTS_REPORTED: "projects_reported_position",
    BlockKind.PROJECTS_APPROVED: "projects_approved_position",
}


@dataclass
class Block:
    """One block of an agenda item as printed: its text, a decision, or a list of projects."""

    kind: str
    position: int
    decision: "Decision | None" = None
    projects: list = field(default_factory=list)

    @property
    def key(self) -> str:
        """How a form names the block: ``text``, ``projects_reported``, ``decision-12``."""
        return f"{self.kind}-{self.decision.pk}" if self.decision else self.kind

    @property
    def label(self) -> str:
        return BlockKind(self.kind).label

    @property
    def sort_key(self) -> tuple:
        return (self.position, BLOCK_RANK[self.kind], self.decision.pk if self.decision else 0)


class AgendaItem(models.Model):
    """A numbered item of a meeting's agenda, in the chair's summary's order."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name="meeting"
    )
    position = models.PositiveSmallIntegerField(
        "number", help_text="Items are numbered 1, 2, 3 ... in the order of the summary."
    )
    title = models.CharField("title", max_length=250)
    text = models.TextField(
        "summary of the discussion",
        blank=True,
        max_length=40_000,  # some fifteen pages; the seed's longest item has 1,500 characters
        help_text="Paragraphs separated by a blank line; lines starting with “- ” are bullets.",
    )
    text_position = models.PositiveSmallIntegerField(
        "place of the discussion text", default=0, help_text="Among the item's decisions and project lists."
    )
    projects_reported_position = models.PositiveSmallIntegerField("place of the projects reported", default=0)
    projects_approved_position = models.PositiveSmallIntegerField(
        "place of the projects approved", default=LAST_PLACE
    )
    version = models.PositiveIntegerField("version", default=1)
    history = HistoricalRecords(excluded_fields=["version", *BLOCK_PLACE_FIELDS.values()])

    class Meta:
        verbose_name = "agenda item"
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="agenda_item_unique_position",
            ),
            models.CheckConstraint(condition=models.Q(position__gte=1), name="agenda_item_position_positive"),
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"

    @property
    def number(self) -> int:
        return self.position

    def blocks(self, projects_reported=(), projects_approved=(), *, every_block: bool = False) -> list[Block]:
        """The item's blocks in print order (uses prefetched decisions).

        ``projects_reported`` and ``projects_approved`` are the item's project lists (any
        items the caller wants to print). Empty text and empty lists are left out unless
        ``every_block``, which the moves use to keep every place distinct.
        """
        blocks = [Block(BlockKind.DECISION, decision.position, decision=decision) for decision in self.decisions.all()]
        for kind, projects in (
            (BlockKind.TEXT, None),
            (BlockKind.PROJECTS_REPORTED, list(projects_reported)),
            (BlockKind.PROJECTS_APPROVED, list(projects_approved)),
        ):
            present = bool(self.text.strip()) if projects is None else bool(projects)
            if present or every_block:
                blocks.append(Block(kind, getattr(self, BLOCK_PLACE_FIELDS[kind]), projects=projects or []))
        return sorted(blocks, key=lambda block: block.sort_key)


class DecisionKind(models.TextChoices):
    AGREED = "agreed", "Agreed"
    APPROVED = "approved", "Approved"
    ADOPTED = "adopted", "Adopted"
    ENDORSED = "endorsed", "Endorsed"
    NOTED = "noted", "Noted"
    ESTABLISHED = "established", "Established a group"
    INVITED = "invited", "Invited"
    ENCOURAGED = "encouraged", "Encouraged"
    WELCOMED = "welcomed", "Welcomed"


class Decision(models.Model):
    """An outcome recorded under an agenda item, as the summary words it."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="decisions", verbose_name="agenda item"
    )
    position = models.PositiveSmallIntegerField("order", default=1)
    kind = models.CharField("kind", max_length=20, choices=DecisionKind.choices)
    text = models.TextField("text", max_length=4_000, help_text="The sentence as the summary prints it.")
    version = models.PositiveIntegerField("version", default=1)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "decision"
        ordering = ["agenda_item", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=DecisionKind.values), name="decision_kind_valid"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {Truncator(self.text).chars(80)}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class Action(models.Model):
    """An agreed action: what is to be done, by whom and when, and how far it has got."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="actions", verbose_name="agenda item"
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name="decision",
        null=True,
        blank=True,
    )
    position = models.PositiveSmallIntegerField("order", default=1)
    text = models.TextField("what is to be done", max_length=2_000)
    responsible_economies = models.ManyToManyField(
        Economy, related_name="actions", verbose_name="responsible economies", blank=True
    )
    responsible_organisations = models.ManyToManyField(
        Organisation, related_name="actions", verbose_name="responsible organisations", blank=True
    )
    responsible_other = models.CharField(
        "other responsible bodies",
        max_length=250,
        blank=True,
        help_text="e.g. “SMEWG Chair” or “small group on SPAN and OAA”; separate several with “;”.",
    )
    due_date = models.DateField("due date", null=True, blank=True)
    due_next_meeting = models.BooleanField("due by the next meeting", default=False)
    status = models.CharField(
        "status", max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    version = models.PositiveIntegerField("version", default=1)
    created = models.DateTimeField("created", auto_now_add=True)
    modified = models.DateTimeField("modified", auto_now=True)
    # Kept by meetings.derived so a list reads the latest note with a join. No constraint and
    # nothing done on delete: a note goes with its action, and a pointer left by a note deleted
    # alone (the admin) reads as "no note" in the list's outer join.
    latest_note = models.ForeignKey(
        "ProgressNote", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", null=True,
        blank=True, editable=False, verbose_name="latest progress note",
    )
    history = HistoricalRecords(
        excluded_fields=["version", "modified", "latest_note"],
        m2m_fields=[responsible_economies, responsible_organisations],
    )

    class Meta:
        verbose_name = "agreed action"
        ordering = ["agenda_item", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=ActionStatus.values), name="action_status_valid"),
            models.CheckConstraint(
                condition=~(models.Q(due_date__isnull=False) & models.Q(due_next_meeting=True)),
                name="action_due_date_or_next_meeting",
            ),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:77] + "..."

    def get_absolute_url(self):
        return reverse("meetings:action_detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status in (ActionStatus.DONE, ActionStatus.DROPPED)

    @property
    def due_display(self) -> str:
        if self.due_date:
            return f"{self.due_date.day} {self.due_date:%B %Y}"
        if self.due_next_meeting:
            return "By the next meeting"
        return ""

    def responsible_names(self, economies=None, organisations=None) -> list[str]:
        """Economies, then organisations, then other bodies. ``economies`` and
        ``organisations``: their names when the caller has them already (the streamed
        exports); else read from the (prefetched) relations."""
        if economies is None:
            economies = [economy.name for economy in self.responsible_economies.all()]
        if organisations is None:
            organisations = [organisation.name for organisation in self.responsible_organisations.all()]
        others = [part.strip() for part in self.responsible_other.split(";") if part.strip()]
        return [*economies, *organisations, *others]

    @property
    def responsible_text(self) -> str:
        """The responsible names on one line, split by “;” because names such as
        “Hong Kong, China” hold a comma."""
        return "; ".join(self.responsible_names())


class ProgressNote(models.Model):
    """A progress report on an action, optionally changing its status."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="progress_notes", verbose_name="agreed action"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="progress_notes",
        verbose_name="author",
        null=True,
        blank=True,
    )
    text = models.TextField("progress note", blank=True, max_length=5_000)
    status_before = models.CharField(
        "status before", max_length=20, choices=ActionStatus.choices, blank=True
    )
    status_after = models.CharField(
        "status after", max_length=20, choices=ActionStatus.choices, blank=True
    )
    created = models.DateTimeField("written", auto_now_add=True)

    class Meta:
        verbose_name = "progress note"
        ordering = ["action", "-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text="") | ~models.Q(status_after=""),
                name="progress_note_says_something",
            ),
        ]

    def __str__(self):
        return f"Progress on “{self.action}” ({self.created:%d %b %Y})"
