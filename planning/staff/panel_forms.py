"""The form staff write a panel message with: it parses what ``panel_message_send`` takes, offers only
the kinds, plans and rounds the user may write about, and carries the one-time sending key."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from city.forms import DesignSystemForm
from city.models import Area
from geo_feedback.staff.forms import AccessibleErrors
from planning.models import (
    PANEL_MESSAGE_BODY_MAX,
    PANEL_MESSAGE_SUBJECT_MAX,
    BudgetRound,
    PanelMessageKind,
    PanelTopic,
    Process,
)
from planning.services.panel_messages import LINK_MAX

DATETIME_INPUT = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends


class LocalChoiceField(forms.ModelChoiceField):
    """A plan or a round named in the page's language."""

    def __init__(self, *args, language: str = "fi", **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language

    def label_from_instance(self, obj) -> str:
        return obj.name(self.language)


class LocalMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Topics or areas named in the page's language."""

    def __init__(self, *args, language: str = "fi", **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language

    def label_from_instance(self, obj) -> str:
        return obj.name(self.language) if callable(getattr(obj, "name", None)) else (
            getattr(obj, f"name_{self.language}", "") or obj.name_fi)


class PanelMessageForm(AccessibleErrors, DesignSystemForm, forms.Form):
    kind = forms.ChoiceField(label=_("What you send"), widget=forms.RadioSelect, choices=(), error_messages={
        "required": _("Choose what you send."),
        "invalid_choice": _("You may not send this kind of message: planners invite panels to comment on their own "
                            "plans, budget officials to the resident budget.")})
    subject = forms.CharField(label=_("Subject"), max_length=PANEL_MESSAGE_SUBJECT_MAX,
                              help_text=_("The email's subject line, after the panel's name."))
    body = forms.CharField(label=_("Message"), max_length=PANEL_MESSAGE_BODY_MAX,
                           widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("Plain text. Each member's email adds the link, the event's time, their own-data "
                                       "link and the link to leave the panel."))
    link = forms.URLField(label=_("Link"), required=False, max_length=LINK_MAX, assume_scheme="https",
                          help_text=_("The survey, plan or event page. Empty for a plan or a budget round: its public "
                                      "page."))
    event_starts_at = forms.DateTimeField(
        label=_("Event begins"), required=False, input_formats=[DATETIME_INPUT, "%Y-%m-%d %H:%M", "%d.%m.%Y %H.%M",
                                                                "%d.%m.%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT),
        help_text=_("For an event invitation: the date and time, Finnish time."))
    process = LocalChoiceField(label=_("Plan"), required=False, queryset=Process.objects.none(),
                               empty_label=_("No plan"), error_messages={"invalid_choice": _(
                                   "Choose one of the plans listed: those in phase 4 or 5 that you may invite to.")},
                               help_text=_("A plan invitation reaches the members whose areas meet the plan's area."))
    budget_round = LocalChoiceField(label=_("Resident budget round"), required=False,
                                    queryset=BudgetRound.objects.none(), empty_label=_("No round"),
                                    error_messages={"invalid_choice": _("Choose one of the rounds listed: those open "
                                                                        "for proposals or votes.")},
                                    help_text=_("A budget invitation reaches the members whose areas meet the round's "
                                                "budget areas."))
    topics = LocalMultipleChoiceField(label=_("Topics"), required=False, queryset=PanelTopic.objects.none(),
                                      widget=forms.CheckboxSelectMultiple,
                                      help_text=_("Only members who chose one of these, or chose no topic. None ticked: "
                                                  "every member."))
    areas = LocalMultipleChoiceField(label=_("Areas"), required=False, queryset=Area.objects.none(),
                                     widget=forms.CheckboxSelectMultiple,
                                     help_text=_("Only members whose areas meet these, or who chose no area. None "
                                                 "ticked: the plan's or the round's area, else the whole city."))
    send_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, panel, kinds: list[str], processes, budget_rounds, areas, language: str = "fi",
                 **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("send_key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(value, label) for value, label in PanelMessageKind.choices if value in kinds]
        if len(self.fields["kind"].choices) == 1:  # a planner's or a budget official's only kind: chosen already
            self.fields["kind"].initial = self.fields["kind"].choices[0][0]
        for name, queryset in (("process", processes), ("budget_round", budget_rounds),
                               ("topics", panel.topics.all()), ("areas", areas)):
            self.fields[name].queryset = queryset
            self.fields[name].language = language
        if not panel.topics.all():
            del self.fields["topics"]

