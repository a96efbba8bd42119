"""Admin of the resident budget. Phases move through the phase service and hand-set amounts through the
allocation service (both as admin actions or forms here); once a round's first ballot is cast, its rules
and money are read-only (the database refuses a change anyway). Ballots are an audit list: who entered
a paper ballot and when, never the voter's key, receipt code or choices. Proposals are reviewed on the
officials' pages; here they are read."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from planning.models import (
    BUDGET_PHASE_ORDER,
    Ballot,
    BudgetAllocation,
    BudgetPhase,
    BudgetProposal,
    BudgetResult,
    BudgetResultProject,
    BudgetRound,
    BudgetRoundEvent,
    ProposalEvent,
)
from planning.panel_message_selectors import BUDGET_OFFER_PHASES
from planning.services.budgets import (
    AllocationRefused,
    budget_allocation_override,
    budget_allocations_compute,
    budget_round_move_phase,
)

RULE_FIELDS = ["total", "city_wide", "rounding_step", "areas", "voting_rule", "approval_limit", "min_spend_percent",
               "official_rule"]


class _ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AllocationForm(forms.ModelForm):
    class Meta:
        model = BudgetAllocation
        fields = ["override_amount", "override_reason"]
        widgets = {"override_reason": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("override_amount") is not None and not (cleaned.get("override_reason") or "").strip():
            self.add_error("override_reason", _("Give the reason for the amount; it is shown publicly."))
        return cleaned


class AllocationInline(admin.TabularInline):
    """Each area's amount: computed from the population, or set by hand with a public reason."""

    model = BudgetAllocation
    form = AllocationForm
    extra = 0
    can_delete = False
    fields = ["area", "population", "computed_amount", "override_amount", "override_reason", "overridden_by"]
    readonly_fields = ["area", "population", "computed_amount", "overridden_by"]

    def has_add_permission(self, request, obj=None):
        return False  # rows come from the "split the money" action

    def has_change_permission(self, request, obj=None):
        return obj is None or (obj.rules_locked_at is None
                               and obj.phase not in (BudgetPhase.VOTING, BudgetPhase.RESULTS))


class RoundEventInline(_ReadOnly, admin.TabularInline):
    model = BudgetRoundEvent
    extra = 0
    fields = ["created_at", "actor", "from_phase", "to_phase"]
    readonly_fields = fields


@admin.register(BudgetRound)
class BudgetRoundAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "year", "total", "city_wide", "voting_rule", "official_rule", "phase",
                    "rules_locked_at"]
    list_filter = ["phase", "voting_rule", "year"]
    search_fields = ["name_fi", "name_sv", "name_en"]
    inlines = [AllocationInline, RoundEventInline]
    actions = ["split_money", "move_forward"]
    fieldsets = [
        (None, {"fields": ["year", "name_fi", "name_sv", "name_en", "phase", "rules_locked_at"]}),
        (_("Money"), {"fields": ["total", "city_wide", "rounding_step", "areas"]}),
        (_("Rules"), {"fields": ["voting_rule", "approval_limit", "min_spend_percent", "official_rule"]}),
        (_("Schedule"), {"fields": ["proposals_start", "proposals_end", "review_end", "voting_start",
                                    "voting_end"]}),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "areas":  # a handful of budget areas: boxes to tick, named in the page's language
            kwargs["widget"] = forms.CheckboxSelectMultiple
            field = super().formfield_for_manytomany(db_field, request, **kwargs)
            field.label_from_instance = lambda area: f"{area.name(get_language() or 'fi')} ({area.code})"
            return field
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fixed = ["phase", "rules_locked_at"]
        if obj is not None and obj.rules_locked_at is not None:
            fixed += RULE_FIELDS  # the first ballot locked them
        return fixed

    @transaction.atomic
    def save_formset(self, request, form, formset, change):
        """Hand-set amounts go through the allocation service (administrators, a reason, not once voting
        has begun); nothing else in the inline is editable."""
        if formset.model is not BudgetAllocation:
            return super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            if not inline_form.has_changed() or inline_form.instance.pk is None:
                continue
            try:
                budget_allocation_override(allocation=inline_form.instance,
                                           amount=inline_form.cleaned_data.get("override_amount"),
                                           reason=inline_form.cleaned_data.get("override_reason", ""),
                                           actor=request.user)
            except AllocationRefused as refused:
                self.message_user(request, str(refused), messages.ERROR)

    @admin.action(description=_("Split the money between the budget areas by population"))
    def split_money(self, request, queryset):
        for budget in queryset:
            try:
                budget_allocations_compute(budget_round=budget)
            except AllocationRefused as refused:
                self.message_user(request, f"{budget}: {refused}", messages.ERROR)
            else:
                self.message_user(request, _("%(round)s: the money is split.") % {"round": budget})

    @admin.action(description=_("Move to the next phase"))
    def move_forward(self, request, queryset):
        for budget in queryset:
            here = BUDGET_PHASE_ORDER.index(budget.phase)
            if here + 1 >= len(BUDGET_PHASE_ORDER):
                self.message_user(request, _("%(round)s is in its last phase.") % {"round": budget}, messages.ERROR)
                continue
            try:
                moved = budget_round_move_phase(budget_round=budget, to_phase=BUDGET_PHASE_ORDER[here + 1],
                                                actor=request.user)
            except AllocationRefused as refused:
                self.message_user(request, f"{budget}: {refused}", messages.ERROR)
            else:
                self.message_user(request, _("%(round)s moved to the next phase.") % {"round": budget})
                if moved.phase in BUDGET_OFFER_PHASES:  # open to residents: offer the panels to invite (issue #15)
                    self.message_user(request, format_html(
                        '{} <a href="{}">{}</a>', _("Invite the panels whose members live in its areas:"),
                        reverse("budget_review:rounds") + "#panel-offers", _("the panels to invite")))


class ProposalEventInline(_ReadOnly, admin.TabularInline):
    model = ProposalEvent
    extra = 0
    fields = ["created_at", "actor", "action", "note"]
    readonly_fields = fields


@admin.register(BudgetProposal)
class BudgetProposalAdmin(admin.ModelAdmin):
    """Read here; reviewed on the officials' pages so that every change writes its event and notifies."""

    list_display = ["title", "round", "area", "status", "cost_estimate", "created_at"]
    list_filter = ["status", "round", "area"]
    search_fields = ["title", "description"]
    list_select_related = ["round", "area"]
    inlines = [ProposalEventInline]
    readonly_fields = ["round", "area", "location", "title", "description", "author_name", "author_email",
                       "language", "status", "cost_estimate", "review_note", "merged_into", "reviewed_by",
                       "reviewed_at", "created_at", "updated_at"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Ballot)
class BallotAdmin(_ReadOnly, admin.ModelAdmin):
    """The audit of ballots: channel, area, who entered a paper ballot and when. Never the voter's key,
    the receipt code or what was chosen."""

    list_display = ["round", "area", "channel", "service_point", "entered_by", "created_at", "updated_at"]
    list_filter = ["round", "channel", "area"]
    fields = ["round", "area", "channel", "service_point", "entered_by", "created_at", "updated_at"]
    readonly_fields = fields


class ResultProjectInline(_ReadOnly, admin.TabularInline):
    model = BudgetResultProject
    extra = 0
    fields = ["position", "proposal", "votes", "cost", "selected"]
    readonly_fields = fields


@admin.register(BudgetResult)
class BudgetResultAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["round", "area", "rule", "budget", "spent", "voters", "computed_at"]
    list_filter = ["round", "rule"]
    fields = ["round", "area", "rule", "budget", "spent", "voters", "computed_at"]
    readonly_fields = fields
    inlines = [ResultProjectInline]
