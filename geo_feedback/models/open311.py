"""API keys of the Open311 clients (mobile apps, dashboards, other systems) that may create reports."""

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_PREFIX_LENGTH = 8


def open311_key_hash(key: str) -> str:
    """The stored form of a key: SHA-256 of its text.

    Keys are 256 random bits, so the hash needs no salt to be irreversible, and, unlike a hash
    keyed with SECRET_KEY, keys keep working when SECRET_KEY is rotated.
    """
    return hashlib.sha256(key.encode()).hexdigest()


class Open311ApiKey(models.Model):
    """One client's key for POST requests of the Open311 API; only its hash is stored."""

    name = models.CharField(
        _("name"),
        max_length=100, unique=True,
        help_text=_("Who uses the key, e.g. the app or system and its maker; staff see it on the reports it sends."),
    )
    key_prefix = models.CharField(
        _("key prefix"),
        max_length=KEY_PREFIX_LENGTH, editable=False,
        help_text=_("The first characters of the key, to recognise it; the rest is never stored."),
    )
    key_hash = models.CharField(
        _("key hash"),
        max_length=64, unique=True, editable=False, help_text=_("SHA-256 of the key (the key itself is not stored)."),
    )
    is_active = models.BooleanField(_("active"), default=True, help_text=_("A disabled key is refused (403)."))
    rate_per_hour = models.PositiveIntegerField(
        _("reports per hour"),
        null=True, blank=True,
        help_text=_("Reports per hour this client may send; empty: the platform's default (OPEN311_KEY_RATE)."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, help_text=_("When the key was made."))
    last_used_at = models.DateTimeField(
        _("last used"),
        null=True, blank=True, editable=False, help_text=_("When a report was last sent with the key."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"
