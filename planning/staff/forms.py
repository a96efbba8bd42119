"""Forms of the planners' pages: each parses what a service takes and says what is wrong by field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from city.forms import DesignSystemForm
from geo_feedback.staff.forms import AccessibleErrors
from planning.models import StakeholderGroup
from planning.services.report import CLOSING_SUMMARY_MAX
from planning.services.stakeholders import TEXT_MAX, WHEN_MAX


class PlanForm(AccessibleErrors, DesignSystemForm, forms.Form):
    """A form of the planners' pages; the process's version the page showed goes back with it."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput, required=False)


class PhaseBackForm(PlanForm):
    to_phase = forms.TypedChoiceField(label=_("Back to phase"), coerce=int, choices=())
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Required, and shown publicly in the plan's history."))

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_phase"].choices = [(phase, f"{phase}. {process.phase_name(phase)}")
                                           for phase in range(1, process.phase)]


class PhaseForwardForm(PlanForm):
    to_phase = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=6)


class StakeholderForm(PlanForm):
    """A group to add; editing one shows the same fields but its group and area, which stay."""

    group = forms.ChoiceField(label=_("Group"), choices=[("", "–"), *StakeholderGroup.choices])
    area = forms.TypedChoiceField(label=_("Area (residents only)"), required=False, coerce=int, empty_value=None,
                                  help_text=_("For residents of one affected area; empty for the group as a whole."))
    why = forms.CharField(label=_("Why affected"), required=False, max_length=TEXT_MAX,
                          widget=forms.Textarea(attrs={"rows": 2}))
    how_reached = forms.CharField(label=_("How reached"), required=False, max_length=TEXT_MAX,
                                  widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text=_("A letter, a school visit, a council meeting… Phase 3 needs at least "
                                              "one group that says how it is reached."))
    when_reached = forms.CharField(label=_("When reached"), required=False, max_length=WHEN_MAX,
                                   help_text=_("In words or dates, e.g. in phase 4, May 2026."))
    outcome = forms.CharField(label=_("Outcome"), required=False, max_length=TEXT_MAX,
                              widget=forms.Textarea(attrs={"rows": 2}), help_text=_("What reaching them gave; later."))
    residents_estimate = forms.IntegerField(label=_("People (estimate)"), required=False, min_value=0,
                                            max_value=10_000_000)

    def __init__(self, *args, areas=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "–"), *areas]
        if editing:
            del self.fields["group"]
            del self.fields["area"]


class AnswerForm(PlanForm):
    comments = forms.TypedMultipleChoiceField(label=_("Comments to answer"), coerce=int, choices=(),
                                              error_messages={"required": _("Choose at least one comment to answer.")})
    theme = forms.CharField(label=_("Theme"), required=False, max_length=200,
                            help_text=_("What the chosen comments have in common, when you answer several at once."))
    text = forms.CharField(label=_("Answer"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("Public in the closing report beside each comment it answers."))

    def __init__(self, *args, comment_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comments"].choices = [(pk, str(pk)) for pk in comment_ids]


class ClosingSummaryForm(PlanForm):
    closing_summary_fi = forms.CharField(label=_("How the plan changed, in Finnish"), required=False,
                                         max_length=CLOSING_SUMMARY_MAX, widget=forms.Textarea(attrs={"rows": 8}))
    closing_summary_sv = forms.CharField(label=_("How the plan changed, in Swedish"), required=False,
                                         max_length=CLOSING_SUMMARY_MAX, widget=forms.Textarea(attrs={"rows": 6}))
    closing_summary_en = forms.CharField(label=_("How the plan changed, in English"), required=False,
                                         max_length=CLOSING_SUMMARY_MAX, widget=forms.Textarea(attrs={"rows": 6}))


class ModerationForm(AccessibleErrors, DesignSystemForm, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("publish", _("Publish: the comment is fine")),
                                          ("hide", _("Hide: it breaks the rules of discussion"))])
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Kept in the plan's history."))

