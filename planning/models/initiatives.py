"""Municipal initiatives addressed to the city (§3.4.1), imported from kuntalaisaloite.fi's public JSON.

Residents make initiatives on kuntalaisaloite.fi (or on paper to the registry office); the city shows
those addressed to it with their state and its decision. Rows are written only by the importer
(``planning.services.initiatives``), keyed by the service's own id: running it again updates them.
``InitiativeImport`` is the log of each run and ``InitiativeEvent`` the history of each initiative
(when it was first seen, when its state moved), written by the same service.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

INITIATIVE_NAME_MAX = 512  # kuntalaisaloite.fi keeps a name in varchar(512)
SEINAJOKI_MUNICIPALITY = 743  # Statistics Finland's code, which kuntalaisaloite.fi uses as the municipality's id


class InitiativeState(models.TextChoices):
    """Where an initiative is, as residents see it; the importer derives it from the source's dates."""

    OPEN = "open", _("Collecting support")  # published on kuntalaisaloite.fi, not yet sent to the city
    SENT = "sent", _("Sent to the city")  # the initiators sent it; the city is preparing its answer
    DECIDED = "decided", _("Decided")  # the city has answered it (a decision date, usually a text)


class InitiativeType(models.TextChoices):
    """kuntalaisaloite.fi's kinds of initiative (its ``type``), in lower case."""

    UNDEFINED = "undefined", _("Not chosen yet")  # the initiator has not decided yet
    SINGLE = "single", _("Sent straight to the city")  # no support collected
    COLLABORATIVE = "collaborative", _("Support collected by name")  # supporters give their name
    # Supporters identify themselves strongly: their count decides whether the council must consider it.
    COLLABORATIVE_CITIZEN = "collaborative_citizen", _("Support collected with strong identification")


class Initiative(models.Model):
    """A municipal initiative addressed to the city, as kuntalaisaloite.fi publishes it."""

    external_id = models.PositiveBigIntegerField(
        _("kuntalaisaloite.fi id"), unique=True,
        help_text=_("The initiative's number on kuntalaisaloite.fi; an import updates the row with the same number."))
    municipality_code = models.PositiveIntegerField(
        _("municipality code"), default=SEINAJOKI_MUNICIPALITY,
        help_text=_("The municipality the initiative is addressed to (743 is Seinäjoki)."))
    name_fi = models.CharField(_("name in Finnish"), max_length=INITIATIVE_NAME_MAX, blank=True,
                               help_text=_("The initiative's title in Finnish, as the initiators wrote it."))
    name_sv = models.CharField(_("name in Swedish"), max_length=INITIATIVE_NAME_MAX, blank=True,
                               help_text=_("The initiative's title in Swedish, when there is one."))
    proposal_fi = models.TextField(_("proposal in Finnish"), blank=True,
                                   help_text=_("What the initiators propose, in Finnish (the list format has none: "
                                               "the detail format brings it)."))
    proposal_sv = models.TextField(_("proposal in Swedish"), blank=True,
                                   help_text=_("What the initiators propose, in Swedish, when there is such a text."))
    type = models.CharField(_("type"), max_length=30, choices=InitiativeType.choices,
                            default=InitiativeType.UNDEFINED, help_text=_("How support is collected."))
    state = models.CharField(_("state"), max_length=10, choices=InitiativeState.choices,
                             help_text=_("Collecting support, sent to the city, or decided."))
    published_on = models.DateField(_("published"), help_text=_("When it was published on kuntalaisaloite.fi."))
    sent_on = models.DateField(_("sent to the city"), null=True, blank=True,
                               help_text=_("When the initiators sent it to the city; empty while collecting support."))
    decided_on = models.DateField(_("decision date"), null=True, blank=True,
                                  help_text=_("When the city decided on it; empty until then."))
    decision_text = models.TextField(_("decision"), blank=True,
                                     help_text=_("The city's answer: what was decided and what will be done."))
    support_count = models.PositiveIntegerField(_("supporters"), default=0,
                                                help_text=_("How many people have joined the initiative."))
    url_fi = models.URLField(_("page in Finnish"), max_length=300,
                             help_text=_("The initiative's page on kuntalaisaloite.fi in Finnish."))
    url_sv = models.URLField(_("page in Swedish"), max_length=300, blank=True,
                             help_text=_("The initiative's page on kuntalaisaloite.fi in Swedish."))
    imported_at = models.DateTimeField(_("imported"), help_text=_("When an import last created or changed the row."))
    source = models.JSONField(_("source row"), default=dict,
                              help_text=_("The row as the file gave it (public data only), for checking the import."))

    class Meta:
        ordering = ["-published_on", "-external_id"]
        verbose_name = _("municipal initiative")
        verbose_name_plural = _("municipal initiatives")
        constraints = [
            models.CheckConstraint(condition=~Q(name_fi="") | ~Q(name_sv=""), name="initiative_has_a_name"),
            models.CheckConstraint(condition=Q(state__in=InitiativeState.values), name="initiative_state_known"),
            models.CheckConstraint(condition=Q(type__in=InitiativeType.values), name="initiative_type_known"),
            # Open means not yet sent; sent and decided ones have their sent date.
            models.CheckConstraint(condition=Q(state="open", sent_on__isnull=True)
                                   | (~Q(state="open") & Q(sent_on__isnull=False)),
                                   name="initiative_sent_date_matches_state"),
            # Decided exactly when there is a decision date; a decision text only then.
            models.CheckConstraint(condition=Q(state="decided", decided_on__isnull=False)
                                   | (~Q(state="decided") & Q(decided_on__isnull=True) & Q(decision_text="")),
                                   name="initiative_decided_has_decision_date"),
            models.CheckConstraint(condition=Q(sent_on__isnull=True) | Q(sent_on__gte=F("published_on")),
                                   name="initiative_sent_after_published"),
            models.CheckConstraint(condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("sent_on")),
                                   name="initiative_decided_after_sent"),
        ]
        indexes = [models.Index(fields=["state", "-published_on", "-external_id"], name="initiative_state_listed")]

    def __str__(self) -> str:
        return f"{self.external_id}: {self.name_fi or self.name_sv}"

    def text(self, field: str, language: str | None = None) -> tuple[str, str]:
        """``(text, its language)`` of ``name`` or ``proposal``: the page's language where the initiative
        has such a text, else Finnish, else Swedish (an initiative may have been written in Swedish only)."""
        language = (language or get_language() or "fi")[:2]
        for code in (language, "fi", "sv"):
            value = getattr(self, f"{field}_{code}", "")
            if value:
                return value, code
        return "", "fi"

    def url(self, language: str | None = None) -> str:
        """The kuntalaisaloite.fi page in Swedish on the Swedish pages (when known), else in Finnish."""
        return self.url_sv if (language or get_language() or "fi")[:2] == "sv" and self.url_sv else self.url_fi


class InitiativeImport(models.Model):
    """One run of the importer: what it read, what it made of it and the rows it refused."""

    source = models.CharField(_("source"), max_length=500, help_text=_("The file or address the rows were read from."))
    municipality_code = models.PositiveIntegerField(
        _("municipality code"), null=True, blank=True,
        help_text=_("Only initiatives addressed to this municipality were imported; empty for all."))
    started_at = models.DateTimeField(_("started"), auto_now_add=True, help_text=_("When the import started."))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True,
                                       help_text=_("When the import finished; empty while it runs or if it broke off."))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("started by"),
                              help_text=_("The staff member; empty for a command or the demo."))
    rows_read = models.PositiveIntegerField(_("rows read"), default=0, help_text=_("Rows in the file."))
    created = models.PositiveIntegerField(_("created"), default=0, help_text=_("New initiatives."))
    updated = models.PositiveIntegerField(_("updated"), default=0, help_text=_("Initiatives whose data changed."))
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0, help_text=_("Initiatives already up to date."))
    other_municipality = models.PositiveIntegerField(_("other municipalities"), default=0,
                                                     help_text=_("Rows addressed to another municipality, left out."))
    refused = models.PositiveIntegerField(_("refused"), default=0, help_text=_("Rows that could not be imported."))
    problems = models.JSONField(_("problems"), default=list, blank=True,
                                help_text=_("Each refused row: its position in the file, its id and the reason."))

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("initiative import")
        verbose_name_plural = _("initiative imports")

    def __str__(self) -> str:
        return f"{self.source} ({self.started_at:%Y-%m-%d %H:%M})"


class InitiativeAction(models.TextChoices):
    """What an import did to an initiative."""

    CREATED = "created", _("Imported for the first time")
    STATE_CHANGED = "state_changed", _("State changed")
    UPDATED = "updated", _("Data updated")  # same state, other fields changed (support count, texts…)


class InitiativeEvent(models.Model):
    """The history of an initiative as the imports saw it."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="events",
                                   verbose_name=_("initiative"), help_text=_("The initiative."))
    run = models.ForeignKey(InitiativeImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
                            verbose_name=_("import"), help_text=_("The import that saw the change."))
    action = models.CharField(_("action"), max_length=20, choices=InitiativeAction.choices,
                              help_text=_("What happened."))
    from_state = models.CharField(_("from state"), max_length=10, choices=InitiativeState.choices, blank=True,
                                  help_text=_("The state before; empty for a new initiative."))
    to_state = models.CharField(_("to state"), max_length=10, choices=InitiativeState.choices,
                                help_text=_("The state after."))
    at = models.DateTimeField(_("time"), auto_now_add=True, help_text=_("When it was recorded."))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("initiative event")
        verbose_name_plural = _("initiative events")
        constraints = [
            models.CheckConstraint(condition=Q(action="created", from_state="") | (~Q(action="created")
                                                                                   & ~Q(from_state="")),
                                   name="initiative_event_from_state_unless_created"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.action} {self.at:%Y-%m-%d}"
