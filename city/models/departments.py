"""The city's departments (toimialat) and the outside bodies work is forwarded to."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """A department of the city (toimiala), or an outside body tickets are forwarded to."""

    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("Stable identifier, e.g. 'kaupunkiymparisto'."),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=200, help_text=_("Name in Finnish."))
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True, help_text=_("Name in Swedish."))
    name_en = models.CharField(_("name in English"), max_length=200, blank=True, help_text=_("Name in English."))
    is_external = models.BooleanField(
        _("outside body"),
        default=False,
        help_text=_("An outside body (e.g. the wellbeing services county): its tickets are forwarded there."),
    )
    email = models.EmailField(
        _("email"), blank=True, help_text=_("Where forwarded or routed tickets are sent, if anywhere."),
    )

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name_fi

    def name(self, language: str | None = None) -> str:
        language = (language or get_language() or "fi")[:2]
        return getattr(self, f"name_{language}", "") or self.name_fi
