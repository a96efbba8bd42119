"""Resident panels, developer groups, experience-expert groups and councils (§3.2.1, §3.3.5, §3.4.3).

Anyone joins an open panel with an email address, confirmed by the link sent to it (double opt-in),
choosing the topics and residential areas they care about. The councils (youth, elderly, disability)
are kept by staff. Staff send a panel invitations and newsletters, narrowed by topic and area; each
email is an outbox row (``city.Notification``) about the ``PanelMessage``, so every send is recorded
and a retried job never sends twice. ``PanelEvent`` rows are the history: who joined and left when
(by member number only, so that a deleted member leaves no address behind), and what was sent.
"""

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from city.querysets import to_storage

PANEL_MESSAGE_SUBJECT_MAX = 200
PANEL_MESSAGE_BODY_MAX = 5000


def _in_language(obj, field: str, language: str | None) -> str:
    language = (language or get_language() or "fi")[:2]
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_fi")


class PanelKind(models.TextChoices):
    """The three kinds of §3.4.3; only the first two take members by themselves."""

    GROUP = "group", _("Resident panel or developer group")  # city-wide, on a topic
    EXPERIENCE = "experience", _("Experience-expert group")  # of one service, with joining criteria
    COUNCIL = "council", _("Council")  # youth, elderly and disability councils: members kept by staff


class PanelTopic(models.Model):
    """A topic a panel works on and its members choose from (traffic, libraries, zoning…)."""

    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("Stable identifier, e.g. 'traffic'."))
    name_fi = models.CharField(_("name in Finnish"), max_length=100, help_text=_("Name in Finnish."))
    name_sv = models.CharField(_("name in Swedish"), max_length=100, blank=True, help_text=_("Name in Swedish."))
    name_en = models.CharField(_("name in English"), max_length=100, blank=True, help_text=_("Name in English."))

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("panel topic")
        verbose_name_plural = _("panel topics")

    def __str__(self) -> str:
        return self.name_fi

    def name(self, language: str | None = None) -> str:
        return _in_language(self, "name", language)


class Panel(models.Model):
    """A panel, group or council the city invites to surveys, comment rounds and events."""

    slug = models.SlugField(_("address name"), max_length=60, unique=True,
                            help_text=_("The last part of the panel page's address, e.g. 'liikennepaneeli'."))
    kind = models.CharField(_("kind"), max_length=20, choices=PanelKind.choices, help_text=_("Kind of panel."))
    name_fi = models.CharField(_("name in Finnish"), max_length=200, help_text=_("Name in Finnish."))
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True, help_text=_("Name in Swedish."))
    name_en = models.CharField(_("name in English"), max_length=200, blank=True, help_text=_("Name in English."))
    description_fi = models.TextField(_("description in Finnish"),
                                      help_text=_("What the panel does and how often it is asked, in plain words."))
    description_sv = models.TextField(_("description in Swedish"), blank=True, help_text=_("Description in Swedish."))
    description_en = models.TextField(_("description in English"), blank=True, help_text=_("Description in English."))
    service_fi = models.CharField(_("service in Finnish"), max_length=200, blank=True,
                                  help_text=_("The service an experience-expert group develops, e.g. library services."))
    service_sv = models.CharField(_("service in Swedish"), max_length=200, blank=True, help_text=_("Service in Swedish."))
    service_en = models.CharField(_("service in English"), max_length=200, blank=True, help_text=_("Service in English."))
    criteria_fi = models.TextField(_("joining criteria in Finnish"), blank=True,
                                   help_text=_("Who may join an experience-expert group, e.g. uses the service weekly."))
    criteria_sv = models.TextField(_("joining criteria in Swedish"), blank=True, help_text=_("Criteria in Swedish."))
    criteria_en = models.TextField(_("joining criteria in English"), blank=True, help_text=_("Criteria in English."))
    department = models.ForeignKey("city.Department", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="panels", verbose_name=_("department"),
                                   help_text=_("The department that runs it; empty for a city-wide panel."))
    topics = models.ManyToManyField(PanelTopic, blank=True, related_name="panels", verbose_name=_("topics"),
                                    help_text=_("The topics it works on; members choose among them."))
    accepts_members = models.BooleanField(_("accepts members"), default=True,
                                          help_text=_("Whether residents may join now (councils never join by "
                                                      "themselves)."))
    contact_email = models.EmailField(_("contact email"), blank=True,
                                      help_text=_("Where residents ask about the panel (a shared address)."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, help_text=_("When it was created."))

    class Meta:
        ordering = ["kind", "name_fi"]
        verbose_name = _("panel")
        verbose_name_plural = _("panels")
        constraints = [
            models.CheckConstraint(condition=~Q(name_fi=""), name="panel_name_fi_not_empty"),
            models.CheckConstraint(condition=~Q(kind="experience") | ~Q(criteria_fi=""),
                                   name="panel_experience_group_shows_criteria",
                                   violation_error_message=_("An experience-expert group shows who may join: "
                                                             "write the joining criteria.")),
            models.CheckConstraint(condition=~Q(kind="council") | Q(accepts_members=False),
                                   name="panel_council_kept_by_staff",
                                   violation_error_message=_("A council's members are kept by staff: it does not "
                                                             "accept members by themselves.")),
        ]

    def __str__(self) -> str:
        return self.name_fi

    def name(self, language: str | None = None) -> str:
        return _in_language(self, "name", language)

    def description(self, language: str | None = None) -> str:
        return _in_language(self, "description", language)

    def service(self, language: str | None = None) -> str:
        return _in_language(self, "service", language)

    def criteria(self, language: str | None = None) -> str:
        return _in_language(self, "criteria", language)

    @property
    def is_open(self) -> bool:
        """Whether a resident may join by themselves now."""
        return self.kind != PanelKind.COUNCIL and self.accepts_members


class PanelMemberQuerySet(models.QuerySet):
    def confirmed(self):
        """The members counted and written to: confirmed by the link, or added by staff."""
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_before(self, cutoff):
        """Sign-ups never confirmed that were asked for before ``cutoff``."""
        return self.filter(confirmed_at__isnull=True, joined_at__lt=cutoff)

    def reached_by(self, reach=None, topics=()):
        """The confirmed members a panel message reaches, decided by PostGIS in one query.

        A member is reached when they chose no areas (the whole city), or one of their areas'
        boundaries shares ground with ``reach`` (interiors intersect: a district that only borders a
        plan is not invited); ``reach`` None is everywhere. And when they chose no topics, the message
        names none, or they share one (``topics``: topics or their ids).
        """
        members = self.confirmed()
        if reach is not None:
            reach = to_storage(reach)
            areas = self.model.areas.through.objects.filter(panelmember_id=OuterRef("pk"))
            meeting = areas.filter(area__boundary__intersects=reach).exclude(area__boundary__touches=reach)
            members = members.filter(~Exists(areas) | Exists(meeting))
        topic_ids = [getattr(topic, "pk", topic) for topic in topics]
        if topic_ids:
            chosen = self.model.topics.through.objects.filter(panelmember_id=OuterRef("pk"))
            members = members.filter(~Exists(chosen) | Exists(chosen.filter(paneltopic_id__in=topic_ids)))
        return members


class PanelMember(models.Model):
    """One address in one panel: counted and written to only once confirmed (or added by staff)."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members", verbose_name=_("panel"),
                              help_text=_("The panel joined."))
    email = models.EmailField(_("email"), help_text=_("Private: where the panel's messages go; never shown publicly."))
    name = models.CharField(_("name"), max_length=200, blank=True,
                            help_text=_("Only for council members, whom staff add by name; residents join without."))
    language = models.CharField(_("language"), max_length=5, default="fi",
                                help_text=_("The language of the messages: the page's when they joined."))
    token = models.CharField(_("token"), max_length=64, unique=True,
                             help_text=_("The secret of the confirmation, own-data and unsubscribe links."))
    topics = models.ManyToManyField(PanelTopic, blank=True, related_name="+", verbose_name=_("topics"),
                                    help_text=_("The topics they want to hear about; none means all the panel's."))
    areas = models.ManyToManyField("city.Area", blank=True, related_name="+", verbose_name=_("areas"),
                                   help_text=_("The residential areas they care about; none means the whole city."))
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now, help_text=_("When they asked to join."))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True,
                                        help_text=_("When the address was confirmed; messages go only after it."))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("added by"),
                                 help_text=_("The staff member who added a council member, if staff did."))

    objects = PanelMemberQuerySet.as_manager()

    class Meta:
        ordering = ["panel", "joined_at", "id"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(Lower("email"), "panel", name="panel_member_once_per_panel",
                                    violation_error_message=_("This address is in the panel already.")),
        ]
        indexes = [models.Index(fields=["panel"], condition=Q(confirmed_at__isnull=False),
                                name="panel_member_confirmed")]

    def __str__(self) -> str:
        return f"{self.panel} #{self.pk}"


class PanelMessageKind(models.TextChoices):
    SURVEY = "survey", _("Invitation to a survey")
    PLAN_COMMENTS = "plan_comments", _("Invitation to comment on a plan")
    BUDGET = "budget", _("Invitation to the resident budget")
    EVENT = "event", _("Invitation to an event")
    NEWSLETTER = "newsletter", _("Newsletter")


class PanelMessage(models.Model):
    """An invitation or a newsletter to one panel, narrowed by topic and area; one email per member."""

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="messages", verbose_name=_("panel"),
                              help_text=_("The panel written to."))
    kind = models.CharField(_("kind"), max_length=20, choices=PanelMessageKind.choices, help_text=_("Kind of message."))
    subject = models.CharField(_("subject"), max_length=PANEL_MESSAGE_SUBJECT_MAX, help_text=_("The subject line."))
    body = models.TextField(_("message"), help_text=_("The message in plain text."))
    link = models.URLField(_("link"), blank=True,
                           help_text=_("The survey, plan or event page the invitation leads to."))
    event_starts_at = models.DateTimeField(_("event starts"), null=True, blank=True,
                                           help_text=_("When the event begins, for an event invitation."))
    process = models.ForeignKey("planning.Process", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="panel_messages", verbose_name=_("plan"),
                                help_text=_("The plan whose comment round it invites to, if any."))
    budget_round = models.ForeignKey("planning.BudgetRound", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="panel_messages", verbose_name=_("budget round"),
                                     help_text=_("The resident-budget round it invites to, if any."))
    topics = models.ManyToManyField(PanelTopic, blank=True, related_name="+", verbose_name=_("topics"),
                                    help_text=_("Only members who chose one of these topics (or none); empty: all."))
    areas = models.ManyToManyField("city.Area", blank=True, related_name="+", verbose_name=_("areas"),
                                   help_text=_("Only members whose areas meet these (or who chose none); empty: all."))
    reach = models.MultiPolygonField(_("reach"), srid=settings.STORAGE_SRID, null=True, blank=True,
                                     help_text=_("The ground the members' areas must meet: the chosen areas, the "
                                                 "plan's boundary or the budget area; empty: everywhere."))
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0,
                                                  help_text=_("How many members it was sent to."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("sent by"), help_text=_("The staff member."))
    send_key = models.UUIDField(_("sending key"), null=True, blank=True, unique=True, editable=False,
                                help_text=_("The compose form's one-time key: a form submitted twice sends once."))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, help_text=_("When it was sent."))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("panel message")
        verbose_name_plural = _("panel messages")
        constraints = [
            models.CheckConstraint(condition=~Q(subject=""), name="panel_message_subject_not_empty"),
            models.CheckConstraint(condition=~Q(body=""), name="panel_message_body_not_empty"),
        ]

    def __str__(self) -> str:
        return self.subject


class PanelAction(models.TextChoices):
    JOINED = "joined", _("Asked to join")
    CONFIRMED = "confirmed", _("Confirmed the address")
    ADDED = "added", _("Added by staff")
    CHANGED = "changed", _("Changed their choices")
    LEFT = "left", _("Left the panel")
    REMOVED = "removed", _("Removed by staff")
    EXPIRED = "expired", _("Never confirmed: removed")  # an unconfirmed sign-up deleted after its time
    SENT = "sent", _("Message sent")


class PanelEvent(models.Model):
    """What happened to a panel: its history, never an address (a member is a number here)."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="events", verbose_name=_("panel"),
                              help_text=_("The panel."))
    action = models.CharField(_("action"), max_length=20, choices=PanelAction.choices, help_text=_("What happened."))
    member_number = models.PositiveBigIntegerField(_("member number"), null=True, blank=True,
                                                   help_text=_("Which member, by number only."))
    message = models.ForeignKey(PanelMessage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                verbose_name=_("message"), help_text=_("The message sent, for a send."))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("actor"),
                              help_text=_("The staff member, when staff did it."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True,
                                      help_text=_("When it happened."))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("panel event")
        verbose_name_plural = _("panel events")

    def __str__(self) -> str:
        return f"{self.panel} {self.action}"
