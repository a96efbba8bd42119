"""Residents' ballots in a resident budget round: cast or change online, paper ballots from service
points, the receipt and its email.

One ballot per voter per round is the database's unique constraint on (round, voter key); the voter
key is the keyed hash of the person's identifier (``planning.identity``), so the same person online
and on paper has one key. ``ballot_cast`` is safe against many requests at once: requests for one
voter queue on a lock of that voter and round (``pg_advisory_xact_lock``), and each finds the ballot
the one before left and changes it under its row lock; should an insert still meet another, the
unique constraint refuses it and the ballot found is changed instead. The round is read ``FOR KEY
SHARE``: voters do not block one another, but the phase service (``FOR UPDATE``) waits for ballots
in flight, and a ballot waits for a phase move. (The race test found that locking a ballot with the
model's ordering by round also locked the round's row FOR UPDATE and deadlocked: only the ballot's
own row is locked.)

The rules (``ballot_check``), the same for the page, the API and paper ballots:
- knapsack: in each section (the chosen budget area, the whole city) the chosen proposals cost at most
  the section's money and, when the round sets ``min_spend_percent``, at least that share of it (or,
  when the proposals on offer cannot reach that share without going over, as much as they can);
- approval: at most ``approval_limit`` proposals in each section;
- at least one proposal on the ballot; each chosen one from ``proposals_on_ballot`` of its section.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from city.models import Notification, StaffRole
from city.permissions import has_role
from city.services.outbox import Recipient, notification_queue
from planning.ballot_selectors import (
    RECEIPT_ALPHABET,
    RECEIPT_GROUP_LENGTH,
    RECEIPT_GROUPS,
    BallotSection,
    ballot_sections,
)
from planning.identity import identity_hash
from planning.models import (
    Ballot,
    BallotAction,
    BallotChannel,
    BallotChoice,
    BallotEvent,
    BudgetAllocation,
    BudgetPhase,
    BudgetProposal,
    BudgetRound,
    ResidentIdentity,
    VotingRule,
)
from planning.personal_code import personal_identity_code_clean

PAPER_BALLOT_ROLES = (StaffRole.CUSTOMER_SERVICE, StaffRole.ADMINISTRATOR)
SERVICE_POINT_MAX = 120
RECEIPT_EMAILS_MAX = 5  # per ballot
ONE_VOTER = "ballot_one_per_voter_per_round"


class BallotRefused(ValueError):
    """The ballot cannot be taken; ``errors`` maps a field (``area``, ``choices``, ``email``,
    ``personal_code``, ``service_point`` or ``__all__``) to messages a person understands."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(message for messages in errors.values() for message in messages))
        self.errors = errors


@dataclass(frozen=True)
class BallotCast:
    ballot: Ballot
    created: bool


def euros(value: int) -> str:
    """An amount of whole euros as the page's language writes it, e.g. "12 000 €" or "12,000 €"."""
    return f"{formats.number_format(value, force_grouping=True)}\u00a0€"


def receipt_code_new() -> str:
    """A random receipt code of unambiguous characters in groups, e.g. "K7MT-3XEA-UR9P" (about 53 bits)."""
    letters = "".join(secrets.choice(RECEIPT_ALPHABET) for _i in range(RECEIPT_GROUPS * RECEIPT_GROUP_LENGTH))
    return "-".join(letters[i:i + RECEIPT_GROUP_LENGTH] for i in range(0, len(letters), RECEIPT_GROUP_LENGTH))


def _best_reachable(costs: Iterable[int], limit: int) -> int:
    """The largest sum of some of ``costs`` that is at most ``limit`` (a subset sum on a bit set)."""
    reachable, mask = 1, (1 << (limit + 1)) - 1
    for cost in costs:
        reachable = (reachable | (reachable << cost)) & mask
    return reachable.bit_length() - 1


def section_least_spend(budget_round: BudgetRound, section: BallotSection) -> int:
    """The least a knapsack ballot spends in a section: the round's share of its money, but never more
    than the proposals on offer can reach within the money."""
    if budget_round.voting_rule != VotingRule.KNAPSACK or not budget_round.min_spend_percent:
        return 0
    wanted = math.ceil(section.amount * budget_round.min_spend_percent / 100)
    return min(wanted, _best_reachable((p.cost_estimate for p in section.proposals), section.amount))


def _proposal_ids(values) -> tuple[list[int], bool]:
    """The chosen ids as numbers (each once, in order), and whether something else was given."""
    ids, bad = [], False
    for value in values or ():
        text = str(value).strip()
        if text.isascii() and text.isdigit() and len(text) <= 18:
            number = int(text)
            if number not in ids:
                ids.append(number)
        else:
            bad = True
    return ids, bad


def ballot_check(*, budget_round: BudgetRound, area, proposal_ids) -> list[BudgetProposal]:
    """The chosen proposals if the ballot keeps the round's rules; else BallotRefused with every reason.
    Writes nothing: the confirmation page shows what ``ballot_cast`` will store."""
    errors: dict[str, list[str]] = {}
    language = (get_language() or "fi")[:2]
    if budget_round.phase != BudgetPhase.VOTING:
        raise BallotRefused({"__all__": [_("Voting is not open in this round.")]})
    if area is None or not BudgetAllocation.objects.filter(round=budget_round, area=area).exists():
        raise BallotRefused({"area": [_("Choose one of the round's budget areas.")]})
    ids, bad = _proposal_ids(proposal_ids)
    if bad:
        errors.setdefault("choices", []).append(_("Choose proposals from the list."))
    sections = ballot_sections(budget_round, area)
    offered = {proposal.pk: section for section in sections for proposal in section.proposals}
    strangers = [pk for pk in ids if pk not in offered]
    if strangers:
        titles = list(BudgetProposal.objects.filter(round=budget_round, pk__in=strangers)
                      .order_by("title").values_list("title", flat=True))
        for title in titles:
            errors.setdefault("choices", []).append(
                _("“%(title)s” is not on the ballot of %(area)s.") % {"title": title, "area": area.name(language)})
        if len(titles) < len(strangers):
            errors.setdefault("choices", []).append(_("A chosen proposal is not on this ballot."))
    chosen_ids = [pk for pk in ids if pk in offered]
    if not ids and not bad:
        errors.setdefault("choices", []).append(_("Choose at least one proposal."))
    chosen = []
    for section in sections:
        picked = [p for p in section.proposals if p.pk in chosen_ids]
        chosen.extend(picked)
        name = section.name(language)
        if budget_round.voting_rule == VotingRule.APPROVAL:
            limit = budget_round.approval_limit or 0
            if len(picked) > limit:
                errors.setdefault("choices", []).append(ngettext(
                    "%(section)s: you chose %(count)s proposals; at most %(limit)s proposal may be chosen.",
                    "%(section)s: you chose %(count)s proposals; at most %(limit)s proposals may be chosen.", limit)
                    % {"section": name, "count": len(picked), "limit": limit})
            continue
        spent = sum(p.cost_estimate for p in picked)
        if spent > section.amount:
            errors.setdefault("choices", []).append(
                _("%(section)s: the chosen proposals cost %(spent)s, %(over)s more than its money, %(amount)s. "
                  "Remove a proposal.") % {"section": name, "spent": euros(spent), "over": euros(spent - section.amount),
                                           "amount": euros(section.amount)})
        least = section_least_spend(budget_round, section)
        if spent < least:
            errors.setdefault("choices", []).append(
                _("%(section)s: the chosen proposals cost %(spent)s; choose proposals worth at least %(least)s "
                  "(%(percent)s %% of its money).") % {"section": name, "spent": euros(spent), "least": euros(least),
                                                       "percent": budget_round.min_spend_percent})
    if errors:
        raise BallotRefused(errors)
    return chosen


def _round_for_ballot(budget_round: BudgetRound) -> BudgetRound:
    """The round, read FOR KEY SHARE: a phase move waits for this ballot, and this ballot for a move."""
    return next(iter(BudgetRound.objects.raw(
        "SELECT * FROM planning_budgetround WHERE id = %s FOR KEY SHARE", [budget_round.pk])))


def _voter_lock(budget_round: BudgetRound, voter_key: str) -> None:
    """One voter's ballots in one round are written one at a time (a lock until the transaction ends):
    requests at once for the same voter queue here and each finds the ballot the one before left."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
                       [f"planning.ballot:{budget_round.pk}:{voter_key}"])


def _ballot_locked(budget_round: BudgetRound, voter_key: str) -> Ballot | None:
    """The voter's ballot locked FOR UPDATE, and nothing else: the model's ordering by round would
    join the round and lock its row too, which the phase service and every other ballot need."""
    return (Ballot.objects.select_for_update(of=("self",)).order_by()
            .filter(round=budget_round, voter_key=voter_key).first())


def _constraint(error: IntegrityError) -> str:
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", "") or ""


def _ballot_insert(**fields) -> Ballot | None:
    """A new ballot with a fresh receipt code, or None when the voter has one already (someone else
    inserted it just now: the caller then locks and changes that one)."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Ballot.objects.create(receipt_code=receipt_code_new(), **fields)
        except IntegrityError as error:
            if _constraint(error) == ONE_VOTER:
                return None
            if "receipt_code" not in _constraint(error):
                raise
    raise RuntimeError("no free receipt code in five tries")  # pragma: no cover - 53 bits of chance


def _choices_store(ballot: Ballot, chosen: list[BudgetProposal]) -> None:
    BallotChoice.objects.filter(ballot=ballot).delete()
    BallotChoice.objects.bulk_create([BallotChoice(ballot=ballot, round_id=ballot.round_id, proposal=proposal)
                                      for proposal in chosen])


@transaction.atomic
def ballot_cast(*, budget_round: BudgetRound, resident: ResidentIdentity, area, proposal_ids,
                email: str = "", language: str = "fi") -> BallotCast:
    """Cast the resident's ballot, or change the one they cast (the receipt code stays); raises
    BallotRefused. Writes a BallotEvent CAST or CHANGED; with ``email``, queues the receipt to it."""
    locked_round = _round_for_ballot(budget_round)
    email = (email or "").strip()
    if email:
        _email_check(email)
    chosen = ballot_check(budget_round=locked_round, area=area, proposal_ids=proposal_ids)
    key = resident.identity_hash
    _voter_lock(locked_round, key)
    now = timezone.now()
    ballot = _ballot_locked(locked_round, key)
    created = False
    if ballot is None:
        ballot = _ballot_insert(round=locked_round, voter_key=key, area=area, channel=BallotChannel.ONLINE,
                                created_at=now, updated_at=now)
        created = ballot is not None
        if ballot is None:
            ballot = _ballot_locked(locked_round, key)
    if not created:
        ballot.area = area
        ballot.channel = BallotChannel.ONLINE
        ballot.updated_at = now
        ballot.save(update_fields=["area", "channel", "updated_at"])
    _choices_store(ballot, chosen)
    BallotEvent.objects.create(ballot=ballot, action=BallotAction.CAST if created else BallotAction.CHANGED,
                               actor=resident.user, created_at=now)
    if email:
        ballot_receipt_send(ballot=ballot, email=email, language=language)
    return BallotCast(ballot=ballot, created=created)


def _email_check(email: str) -> None:
    try:
        validate_email(email)
    except ValidationError:
        raise BallotRefused({"email": [_("Give an email address such as name@example.fi, or leave it empty.")]}) \
            from None


def ballot_receipt_send(*, ballot: Ballot, email: str, language: str = "fi"):
    """Queue the receipt (code, round, area, when) to ``email`` in ``language`` through the outbox.
    The address goes only into the outbox's row for sending; the ballot never holds it."""
    email = (email or "").strip()
    _email_check(email)
    sent = Notification.objects.filter(about_type=ContentType.objects.get_for_model(Ballot), about_id=ballot.pk,
                                       kind="ballot_receipt").count()
    if sent >= RECEIPT_EMAILS_MAX:  # the form must not become a way to send mail to anyone, again and again
        raise BallotRefused({"email": [_("The receipt of this ballot has been sent %(count)s times already; it is "
                                         "not sent again. Write the code down from this page.")
                                       % {"count": sent}]})
    language = language if language in {code for code, _name in settings.LANGUAGES} else "fi"
    with translation.override(language):
        check_url = settings.SITE_URL + reverse("budget_voting:receipt-check") + "?koodi=" + ballot.receipt_code
    return notification_queue(
        about=ballot, kind="ballot_receipt", language=language, template="planning/email/ballot_receipt",
        context={"round_name": ballot.round.name(language), "area_name": ballot.area.name(language),
                 "receipt_code": ballot.receipt_code, "check_url": check_url,
                 "changed": ballot.updated_at > ballot.created_at,
                 "when": timezone.localtime(ballot.updated_at)},
        recipients=[Recipient(email=email)])


@transaction.atomic
def ballot_paper_enter(*, budget_round: BudgetRound, personal_code: str, area, proposal_ids,
                       service_point: str, actor) -> Ballot:
    """A staff member (customer service or administrator) enters a paper ballot from a service point.

    The voter's personal identity code is checked and hashed at once, never stored; a person who has
    voted already (online or on paper) is refused. Writes a BallotEvent PAPER_ENTERED with the actor."""
    if not has_role(actor, *PAPER_BALLOT_ROLES):
        raise BallotRefused({"__all__": [_("Only customer service and administrators enter paper ballots.")]})
    errors: dict[str, list[str]] = {}
    try:
        code = personal_identity_code_clean(personal_code)
    except ValidationError as error:
        errors["personal_code"] = list(error.messages)
        code = ""
    service_point = " ".join((service_point or "").split())
    if not service_point:
        errors["service_point"] = [_("Give the service point where the ballot was cast.")]
    elif len(service_point) > SERVICE_POINT_MAX:
        errors["service_point"] = [_("The service point's name is at most %(max)s characters.")
                                   % {"max": SERVICE_POINT_MAX}]
    locked_round = _round_for_ballot(budget_round)
    try:
        chosen = ballot_check(budget_round=locked_round, area=area, proposal_ids=proposal_ids)
    except BallotRefused as refusal:
        for name, messages in refusal.errors.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise BallotRefused(errors)
    key = identity_hash(code)
    _voter_lock(locked_round, key)
    now = timezone.now()
    ballot = _ballot_insert(round=locked_round, voter_key=key, area=area, channel=BallotChannel.PAPER,
                            entered_by=actor, service_point=service_point, created_at=now, updated_at=now)
    if ballot is None:
        raise BallotRefused({"personal_code": [_("This person has already voted in this round (online or on "
                                                 "paper). A second ballot is not taken.")]})
    _choices_store(ballot, chosen)
    BallotEvent.objects.create(ballot=ballot, action=BallotAction.PAPER_ENTERED, actor=actor, created_at=now)
    return ballot
