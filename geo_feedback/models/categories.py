"""The feedback categories: topics residents choose, each with its department and promises."""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class CategoryGroup(models.TextChoices):
    """The two families of topics residents give feedback on (DOMAIN.md)."""

    CITY_ENVIRONMENT = "city_environment", _("City environment")  # a place on the map matters
    SERVICES = "services", _("Services")  # a location is optional


class Category(models.Model):
    """A feedback topic with its Open311 service code, its department and its promises."""

    service_code = models.CharField(
        _("service code"),
        max_length=20, unique=True, help_text=_("Open311 service code, e.g. '171' for street condition.")
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=200, help_text=_("Name in Finnish."))
    name_sv = models.CharField(_("name in Swedish"), max_length=200, help_text=_("Name in Swedish."))
    name_en = models.CharField(_("name in English"), max_length=200, help_text=_("Name in English."))
    group = models.CharField(
        _("topic family"), max_length=32, choices=CategoryGroup.choices, help_text=_("Topic family."),
    )
    location_required = models.BooleanField(
        _("location required"),
        default=True, help_text=_("Whether a report in this category must have a place on the map.")
    )
    department = models.ForeignKey(
        "city.Department", on_delete=models.PROTECT, related_name="categories",
        verbose_name=_("department"),
        help_text=_("The department or outside body responsible for this topic."),
    )
    target_days = models.PositiveSmallIntegerField(
        _("target time (days)"),
        default=14, help_text=_("Target handling time in days, from receipt to handled.")
    )
    duplicate_radius_m = models.PositiveSmallIntegerField(
        _("duplicate radius (m)"),
        default=250, help_text=_("Open reports this close (metres) are suggested as possible duplicates.")
    )
    is_active = models.BooleanField(_("active"), default=True, help_text=_("Inactive categories take no new reports."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Order in category lists."))

    class Meta:
        ordering = ["group", "sort_order", "name_fi"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.CheckConstraint(
                condition=Q(duplicate_radius_m__gte=1, duplicate_radius_m__lte=1000),
                name="category_duplicate_radius_1_to_1000_m",
            ),
            models.CheckConstraint(condition=Q(target_days__gte=1), name="category_target_days_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name_fi} ({self.service_code})"

    def name(self, language: str | None = None) -> str:
        language = (language or get_language() or "fi")[:2]
        return getattr(self, f"name_{language}", "") or self.name_fi

    @property
    def is_forwarded_outside(self) -> bool:
        return self.department.is_external
