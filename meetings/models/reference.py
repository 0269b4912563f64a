"""Reference data shipped with the app: member economies, organisations, forums."""
from django.db import models


class Economy(models.Model):
    """An APEC member economy, by its official APEC name and short code."""

    code = models.CharField("code", max_length=8, unique=True, help_text="APEC short code, e.g. PRC.")
    name = models.CharField("official name", max_length=100, unique=True)
    name_in_text = models.CharField(
        "name in running text",
        max_length=100,
        help_text="How a record names it mid-sentence, e.g. “the Republic of Korea”.",
    )
    position = models.PositiveSmallIntegerField(
        "position", unique=True, help_text="The order in which APEC records list economies."
    )

    class Meta:
        verbose_name = "economy"
        verbose_name_plural = "economies"
        ordering = ["position"]

    def __str__(self):
        return self.name

    @property
    def text_name(self) -> str:
        """The name mid-sentence: "the Philippines", not "The Philippines"."""
        return self.name_in_text or self.name


class EconomyAlias(models.Model):
    """Another name real records use for an economy ("Korea", "Vietnam", ...)."""

    economy = models.ForeignKey(
        Economy, on_delete=models.CASCADE, related_name="aliases", verbose_name="economy"
    )
    alias = models.CharField("alias", max_length=100)
    normalized = models.CharField(
        "normalised form", max_length=100, unique=True, help_text="Lower case, no punctuation."
    )

    class Meta:
        verbose_name = "economy alias"
        verbose_name_plural = "economy aliases"
        ordering = ["economy__position", "alias"]

    def __str__(self):
        return f"{self.alias} → {self.economy}"


class OrganisationKind(models.TextChoices):
    SECRETARIAT = "secretariat", "Secretariat"
    OBSERVER = "observer", "Official observer"
    APEC_BODY = "apec_body", "APEC body or forum"
    GUEST = "guest", "Guest"


class Organisation(models.Model):
    """A participant that is not a member economy: secretariat, observer, APEC body, guest."""

    name = models.CharField("name", max_length=150, unique=True)
    short_name = models.CharField("short name", max_length=30, blank=True)
    name_in_text = models.CharField(
        "name in running text", max_length=150, blank=True, help_text="e.g. “the APEC Secretariat”."
    )
    kind = models.CharField("kind", max_length=20, choices=OrganisationKind.choices)

    class Meta:
        verbose_name = "organisation"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def text_name(self) -> str:
        return self.name_in_text or self.name


class Forum(models.Model):
    """A working group or other APEC forum whose meetings the secretariat records."""

    code = models.CharField("code", max_length=20, unique=True, help_text="e.g. SMEWG.")
    name = models.CharField("name", max_length=200, unique=True)

    class Meta:
        verbose_name = "forum"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"
