"""What a residential area has of its own (§3.1.1, §3.1.4): its channels and its meeting places.

Both are kept by staff: residents find on an area's page where the area already talks (a Facebook
group, a WhatsApp group, a village association's site) and where it can meet, how to book the room
and how its door opens.
"""

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    """What kind of channel an area's residents use among themselves."""

    FACEBOOK = "facebook", _("Facebook group")
    WHATSAPP = "whatsapp", _("WhatsApp group")
    WEBSITE = "website", _("Website")
    EMAIL_LIST = "email_list", _("Email list")
    NOTICE_BOARD = "notice_board", _("Notice board")
    OTHER = "other", _("Other")


class AreaChannel(models.Model):
    """One of an area's own communication channels, as staff keep the directory."""

    area = models.ForeignKey("city.Area", on_delete=models.CASCADE, related_name="channels",
                             verbose_name=_("area"), help_text=_("The residential area the channel serves."))
    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices, help_text=_("Kind of channel."))
    name = models.CharField(_("name"), max_length=200, help_text=_("The channel's name as its members know it."))
    url = models.URLField(_("address"), blank=True,
                          help_text=_("Where to find or join it; empty for a notice board or a closed group."))
    how_to_join = models.CharField(_("how to join"), max_length=300, blank=True,
                                   help_text=_("How to join when there is no address, e.g. ask the village association."))
    kept_by = models.CharField(_("kept by"), max_length=200, blank=True,
                               help_text=_("Who runs it, e.g. the village association (not a private person's name)."))
    checked_on = models.DateField(_("checked on"), null=True, blank=True,
                                  help_text=_("When staff last checked that the channel is alive."))

    class Meta:
        ordering = ["area", "kind", "name"]
        verbose_name = _("area channel")
        verbose_name_plural = _("area channels")
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="area_channel_unique_name"),
            models.CheckConstraint(condition=~Q(name=""), name="area_channel_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class MeetingPlace(models.Model):
    """A room or hall residents can meet in: where it is, how to book it and how its door opens."""

    area = models.ForeignKey("city.Area", on_delete=models.PROTECT, related_name="meeting_places",
                             verbose_name=_("area"), help_text=_("The residential area it lies in."))
    name = models.CharField(_("name"), max_length=200, help_text=_("The place's name, e.g. Kylätalo Pohjankartano."))
    street_address = models.CharField(_("street address"), max_length=200, help_text=_("Street address."))
    location = models.PointField(_("location"), srid=settings.STORAGE_SRID, help_text=_("Where it is (EPSG:3067)."))
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("How many people fit."))
    how_to_book = models.TextField(_("how to book"), help_text=_("How to book it: a booking page, a phone number, who "
                                                                 "to ask, and what it costs."))
    booking_url = models.URLField(_("booking address"), blank=True, help_text=_("The booking page, if there is one."))
    door = models.TextField(_("how the door opens"), help_text=_("How the door opens: a key from the library, a "
                                                                 "door code sent on booking, staffed hours…"))
    accessible = models.BooleanField(_("step-free access"), default=False,
                                     help_text=_("Whether a wheelchair user gets in and to the toilet without help."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("meeting place")
        verbose_name_plural = _("meeting places")
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="meeting_place_name_not_empty"),
            models.CheckConstraint(condition=~Q(how_to_book=""), name="meeting_place_says_how_to_book"),
            models.CheckConstraint(condition=~Q(door=""), name="meeting_place_says_how_the_door_opens"),
        ]

    def __str__(self) -> str:
        return self.name
