"""Residential areas: districts, villages, former municipalities, budget areas and the city."""

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.gis.db.models.functions import IsValid
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from city.querysets import AreaQuerySet


class AreaKind(models.TextChoices):
    """What kind of area a boundary describes; areas of different kinds nest."""

    CITY = "city", _("Whole city")  # the municipality as a whole
    BUDGET_AREA = "budget_area", _("Resident budget area")  # a region of the resident budget
    FORMER_MUNICIPALITY = "former_municipality", _("Former municipality")  # e.g. Nurmo, Ylistaro
    DISTRICT = "district", _("District")  # kaupunginosa
    VILLAGE = "village", _("Village")  # kylä
    POSTAL_AREA = "postal_area", _("Postal code area")  # used where districts are not yet mapped


class PopulationSource(models.TextChoices):
    """Where a population figure comes from: residents deserve to know which numbers are guesses."""

    OFFICIAL = "official", _("Official statistics")
    ESTIMATE = "estimate", _("Estimate")


class Area(models.Model):
    """A residential area with its boundary and population."""

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Stable identifier used in URLs and imports, e.g. a postal code or district number."),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=200, help_text=_("Name in Finnish."))
    name_sv = models.CharField(
        _("name in Swedish"), max_length=200, blank=True, help_text=_("Name in Swedish, if any."),
    )
    name_en = models.CharField(
        _("name in English"), max_length=200, blank=True,
        help_text=_("Name in English, where the area has one (e.g. a resident budget area); else the Finnish "
                    "name is shown."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=AreaKind.choices, help_text=_("Kind of area."))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("The larger area this one lies in, if any."),
    )
    boundary = models.MultiPolygonField(
        _("boundary"),
        srid=settings.STORAGE_SRID, help_text=_("Boundary in ETRS-TM35FIN (EPSG:3067).")
    )
    population = models.PositiveIntegerField(
        _("population"),
        null=True, blank=True, help_text=_("Number of inhabitants, if known.")
    )
    population_year = models.PositiveSmallIntegerField(
        _("population year"),
        null=True, blank=True, help_text=_("Year the population figure describes.")
    )
    population_source = models.CharField(
        _("population source"),
        max_length=16,
        choices=PopulationSource.choices,
        blank=True,
        help_text=_("Whether the population is an official figure or an estimate."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, help_text=_("When the area was first stored."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True, help_text=_("When the area was last changed."))

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        indexes = [models.Index(fields=["kind"], name="area_kind"), models.Index(fields=["parent"], name="area_parent")]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="area_not_own_parent"),
            models.CheckConstraint(condition=~Q(code=""), name="area_code_not_empty"),
            models.CheckConstraint(condition=~Q(name_fi=""), name="area_name_fi_not_empty"),
            # Repaired on the way in (city.geometry); the database keeps the rule for every other way.
            models.CheckConstraint(condition=IsValid("boundary"), name="area_boundary_valid",
                                   violation_error_message=_("The boundary is not a valid polygon.")),
            # A population always says which year it describes and where it comes from.
            models.CheckConstraint(
                condition=Q(population__isnull=True, population_year__isnull=True, population_source="")
                | Q(population__isnull=False, population_year__gte=1800, population_year__lte=2200)
                & ~Q(population_source=""),
                name="area_population_has_year_and_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name_fi} ({self.code})"

    def name(self, language: str = "fi") -> str:
        """The area's name in the given language, falling back to Finnish."""
        return {"sv": self.name_sv, "en": self.name_en}.get(language[:2], "") or self.name_fi


class AreaImport(models.Model):
    """One run of the area importer: what was read, by whom, and what happened to each row."""

    source = models.CharField(_("source"), max_length=500, help_text=_("File name and layer that were imported."))
    kind = models.CharField(
        _("kind of areas"), max_length=32, choices=AreaKind.choices, help_text=_("Kind given to the areas."),
    )
    source_crs = models.CharField(
        _("source coordinate system"), max_length=100, help_text=_("Coordinate system the file was read in."),
    )
    created = models.PositiveIntegerField(_("areas created"), default=0, help_text=_("Areas created."))
    updated = models.PositiveIntegerField(_("areas updated"), default=0, help_text=_("Areas updated."))
    repaired = models.PositiveIntegerField(
        _("rows repaired"), default=0, help_text=_("Rows whose invalid geometry was repaired."),
    )
    rejected = models.JSONField(
        _("rejected rows"),
        default=list, blank=True, help_text=_("Rejected rows: a list of {row, code, reason}.")
    )
    imported_by = models.CharField(
        _("imported by"),
        max_length=150, blank=True, help_text=_("Who ran the import (user name or system account).")
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True, help_text=_("When the import ran."))

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("area import")
        verbose_name_plural = _("area imports")

    def __str__(self) -> str:
        return f"{self.source} ({self.imported_at:%Y-%m-%d %H:%M})"
