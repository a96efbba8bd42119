"""Officials' review of budget proposals: a cost estimate and feasibility, or a merge into another.

Budget officials and administrators review in the round's review phase only: while proposals are
open the author may still change the text (an estimate would then describe an older proposal), and
from voting on the ballot's list must stand. A reviewed proposal may be reviewed again during the
phase (a corrected estimate). A feasible proposal needs a cost; a proposal that is not feasible
needs the public reason. A cost above the section's money (its budget area's amount, or the
city-wide share) is recorded as estimated, and the proposal stays off the ballot
(``planning.budget_selectors.proposals_on_ballot``); the pages say so.

Each decision writes a ProposalEvent and tells the author by email through the outbox, in the
proposal's language, when they gave an address; a merge tells both authors.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from city.links import page_path
from city.models import StaffRole
from city.permissions import has_role
from city.services.outbox import Recipient, notification_queue
from config.bodies import unstorable_text_errors
from planning.budget_selectors import budget_section_amount
from planning.models import BudgetPhase, BudgetProposal, ProposalAction, ProposalEvent, ProposalStatus
from planning.services.proposals import OPEN_STATUSES, ProposalRefused, proposal_email_stop_token

REVIEW_NOTE_MAX = 4000
COST_MAX = 2**31 - 1  # the column's range; a larger figure is surely a typing error


def proposal_may_review(user) -> bool:
    """Review and merge proposals: budget officials and administrators."""
    return has_role(user, StaffRole.BUDGET_OFFICIAL, StaffRole.ADMINISTRATOR)


def _url(name: str, language: str, *args) -> str:
    return settings.SITE_URL + page_path(name, language, *args)


def _author_recipient(proposal: BudgetProposal) -> Recipient:
    with translation.override(proposal.language):
        reason = translation.gettext("You get these emails because you gave your email with your proposal. "
                                     "To stop them:")
    return Recipient(email=proposal.author_email, stop_reason=reason,
                     stop_url=_url("budget_proposals:emails-stop", proposal.language,
                                   proposal_email_stop_token(proposal)))


def _money(amount: int | None, language: str) -> str:
    if amount is None:
        return ""
    with translation.override(language):
        return formats.number_format(amount, 0, use_l10n=True, force_grouping=True) + " €"


def _notify(proposal: BudgetProposal, *, kind: str, template: str, context: dict) -> None:
    """The author's email about ``proposal`` in its language, if they gave an address."""
    if not proposal.author_email:
        return
    language = proposal.language
    notification_queue(about=proposal, kind=kind, language=language, template=template,
                       context={"title": proposal.title,
                                "page_url": _url("budget_proposals:detail", language, proposal.pk), **context},
                       recipients=[_author_recipient(proposal)])


def _refuse_unless_reviewer(actor, proposal: BudgetProposal) -> None:
    if not proposal_may_review(actor):
        raise ProposalRefused({"__all__": [_("Only budget officials and administrators review proposals.")]})
    if proposal.round.phase != BudgetPhase.REVIEW:
        raise ProposalRefused({"__all__": [_("Proposals are reviewed in the round's review phase.")]})


def _note_clean(errors: dict, note: str) -> str:
    note = (note or "").strip()
    if len(note) > REVIEW_NOTE_MAX:
        errors.setdefault("note", []).append(_("The note is at most %(max)s characters.") % {"max": REVIEW_NOTE_MAX})
    if unstorable_text_errors(note):
        errors.setdefault("note", []).append(_("The text contains a character that cannot be stored."))
    return note


@transaction.atomic
def proposal_review(*, proposal: BudgetProposal, actor, feasible: bool, cost: int | None,
                    note: str = "") -> BudgetProposal:
    """Record the officials' decision: feasible with its cost (in whole euros), or not feasible with
    the public reason in ``note``. Raises ProposalRefused with the reasons by field."""
    locked = BudgetProposal.objects.select_for_update(of=("self",)).select_related("round", "area").get(pk=proposal.pk)
    _refuse_unless_reviewer(actor, locked)
    errors: dict[str, list[str]] = {}
    if locked.status not in OPEN_STATUSES:
        errors.setdefault("__all__", []).append(_("A withdrawn or merged proposal is not reviewed."))
    note = _note_clean(errors, note)
    if cost is not None and not (0 < cost <= COST_MAX):
        errors.setdefault("cost", []).append(_("Give the cost in whole euros, more than zero."))
    if feasible and cost is None:
        errors.setdefault("cost", []).append(_("A feasible proposal needs its cost estimate."))
    if not feasible and not note:
        errors.setdefault("note", []).append(_("Say why the proposal is not feasible; the reason is public."))
    if errors:
        raise ProposalRefused(errors)
    previous = locked.status
    locked.status = ProposalStatus.FEASIBLE if feasible else ProposalStatus.INFEASIBLE
    locked.cost_estimate = cost
    locked.review_note = note
    locked.reviewed_by = actor
    locked.reviewed_at = locked.updated_at = timezone.now()
    locked.save(update_fields=["status", "cost_estimate", "review_note", "reviewed_by", "reviewed_at", "updated_at"])
    amount = budget_section_amount(locked.round, locked.area)
    over = feasible and amount is not None and cost > amount
    language = locked.language
    with translation.override(language):
        if feasible:
            summary = _("Feasible, estimated at %(cost)s.") % {"cost": _money(cost, language)}
            if over:
                summary += " " + _("It costs more than the area's money (%(amount)s), so it cannot go to the vote.") \
                    % {"amount": _money(amount, language)}
        else:
            summary = _("Not feasible.")
        if previous in (ProposalStatus.FEASIBLE, ProposalStatus.INFEASIBLE):
            summary = _("Reviewed again.") + " " + summary
    ProposalEvent.objects.create(proposal=locked, action=ProposalAction.REVIEWED, actor=actor,
                                 note=summary + (f"\n{note}" if note else ""), created_at=locked.reviewed_at)
    _notify(locked, kind="proposal_reviewed", template="planning/email/proposal_reviewed",
            context={"feasible": feasible, "cost": _money(cost, language), "note": note, "over": over,
                     "amount": _money(amount, language)})
    return locked


@transaction.atomic
def proposal_merge(*, proposal: BudgetProposal, into: BudgetProposal, actor, note: str = "") -> BudgetProposal:
    """Join ``proposal`` into ``into`` (same round, same budget area or both city-wide): it is marked
    merged, its author is credited on ``into`` (with those merged into it before), and both authors
    are told. Returns the merged proposal."""
    first, second = sorted([proposal.pk, into.pk])
    rows = {row.pk: row for row in BudgetProposal.objects.select_for_update(of=("self",)).select_related("round", "area")
            .filter(pk__in=[first, second]).order_by("pk")}  # locked in id order: two merges cannot deadlock
    locked, target = rows.get(proposal.pk), rows.get(into.pk)
    _refuse_unless_reviewer(actor, locked)
    errors: dict[str, list[str]] = {}
    if target is None or target.pk == locked.pk:
        errors.setdefault("into", []).append(_("Choose another proposal to merge it into."))
    elif target.round_id != locked.round_id or target.area_id != locked.area_id:
        errors.setdefault("into", []).append(_("Only proposals of the same round and the same budget area "
                                               "(or both of the whole city) can be merged."))
    elif target.status not in OPEN_STATUSES:
        errors.setdefault("into", []).append(_("The proposal to merge into is itself withdrawn or merged."))
    if locked.status not in OPEN_STATUSES:
        errors.setdefault("__all__", []).append(_("This proposal is already withdrawn or merged."))
    note = _note_clean(errors, note)
    if errors:
        raise ProposalRefused(errors)
    now = timezone.now()
    # Those merged into this proposal before are credited on the target now.
    BudgetProposal.objects.filter(merged_into=locked).update(merged_into=target, updated_at=now)
    locked.status = ProposalStatus.MERGED
    locked.merged_into = target
    locked.reviewed_by = actor
    locked.reviewed_at = locked.updated_at = now
    locked.save(update_fields=["status", "merged_into", "reviewed_by", "reviewed_at", "updated_at"])
    with translation.override(locked.language):
        merged_note = _("Merged into “%(title)s” (#%(id)s).") % {"title": target.title, "id": target.pk}
    with translation.override(target.language):
        target_note = _("“%(title)s” (#%(id)s) was merged into this proposal; its author is credited.") % {
            "title": locked.title, "id": locked.pk}
    ProposalEvent.objects.create(proposal=locked, action=ProposalAction.MERGED, actor=actor,
                                 note=merged_note + (f"\n{note}" if note else ""), created_at=now)
    ProposalEvent.objects.create(proposal=target, action=ProposalAction.MERGED, actor=actor,
                                 note=target_note + (f"\n{note}" if note else ""), created_at=now)
    context = {"merged_title": locked.title, "target_title": target.title, "note": note,
               "target_url": _url("budget_proposals:detail", locked.language, target.pk)}
    _notify(locked, kind="proposal_merged", template="planning/email/proposal_merged",
            context={**context, "was_merged": True})
    _notify(target, kind="proposal_merged", template="planning/email/proposal_merged",
            context={**context, "was_merged": False,
                     "target_url": _url("budget_proposals:detail", target.language, target.pk)})
    return locked
