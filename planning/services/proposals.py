"""Residents' proposals for a resident budget round: proposing, editing, withdrawing, commenting.

A proposal is taken while its round is in the proposals phase. Its budget area follows from its
point (PostGIS finds the round's budget area that contains it; a point outside all of them is
refused); without a point it is about the whole of a chosen budget area, or the whole city. Photos
lose their EXIF and GPS (``photo_clean``) before anything is stored, and a refused proposal writes
nothing: every reason comes back at once, field by field (``ProposalRefused.errors``).

Money is never touched here: costs are the officials' (``planning.services.proposal_review``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from city.models import Area, AreaKind
from city.querysets import to_storage
from city.services.outbox import notification_drop_unsent
from config.bodies import unstorable_text_errors
from geo_feedback.services.photos import photo_clean
from planning.models import (
    PROPOSAL_COMMENT_MAX,
    PROPOSAL_TEXT_MAX,
    PROPOSAL_TITLE_MAX,
    BudgetAllocation,
    BudgetPhase,
    BudgetProposal,
    BudgetRound,
    ProposalAction,
    ProposalComment,
    ProposalCommentKind,
    ProposalEvent,
    ProposalPhoto,
    ProposalStatus,
    ResidentIdentity,
)

PROPOSAL_PHOTOS_MAX = 3  # per proposal; each at most photo_clean's 10 MB
PROPOSAL_DESCRIPTION_MIN = 10
AUTHOR_NAME_MAX = 80
PHOTO_ALT_MAX = 200
COMMENT_PHASES = (BudgetPhase.PROPOSALS, BudgetPhase.REVIEW)
WITHDRAW_PHASES = (BudgetPhase.PROPOSALS, BudgetPhase.REVIEW)
# A proposal still in play: it may be withdrawn, commented on, reviewed or merged.
OPEN_STATUSES = (ProposalStatus.SUBMITTED, ProposalStatus.FEASIBLE, ProposalStatus.INFEASIBLE)
EMAIL_STOP_SALT = "planning.proposal-emails-stop"


class ProposalRefused(ValueError):
    """The proposal (or its change) cannot be taken; ``errors`` maps a field (or ``__all__``) to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(message for messages in errors.values() for message in messages))
        self.errors = errors


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def proposal_area_at(budget_round: BudgetRound, point: Point) -> Area | None:
    """The round's budget area that contains ``point`` (any SRID), found by PostGIS; None outside all."""
    return (Area.objects.containing(point).filter(kind=AreaKind.BUDGET_AREA,
                                                  id__in=BudgetAllocation.objects.filter(round=budget_round)
                                                  .values("area_id"))
            .first())


def _round_area(budget_round: BudgetRound, area) -> bool:
    return area is not None and BudgetAllocation.objects.filter(round=budget_round, area=area).exists()


def _text_errors(errors, *, title: str, description: str, author_name: str, author_email: str) -> None:
    if not title:
        _add(errors, "title", _("Give the proposal a title."))
    elif len(title) > PROPOSAL_TITLE_MAX:
        _add(errors, "title", _("The title is %(count)s characters long; at most %(max)s are taken.")
             % {"count": len(title), "max": PROPOSAL_TITLE_MAX})
    if len(description) < PROPOSAL_DESCRIPTION_MIN:
        _add(errors, "description", _("Describe the proposal: what, where and why, at least %(min)s characters.")
             % {"min": PROPOSAL_DESCRIPTION_MIN})
    elif len(description) > PROPOSAL_TEXT_MAX:
        _add(errors, "description", _("The description is %(count)s characters long; at most %(max)s are taken.")
             % {"count": len(description), "max": PROPOSAL_TEXT_MAX})
    for field, value in (("title", title), ("description", description), ("author_name", author_name)):
        if unstorable_text_errors(value):
            _add(errors, field, _("The text contains a character that cannot be stored."))
    if len(author_name) > AUTHOR_NAME_MAX:
        _add(errors, "author_name", _("The name is at most %(max)s characters.") % {"max": AUTHOR_NAME_MAX})
    if author_email:
        try:
            validate_email(author_email)
        except ValidationError:
            _add(errors, "author_email", _("Check the email address, or leave it empty."))


def _place(errors, budget_round: BudgetRound, location: Point | None, area) -> tuple[Point | None, Area | None]:
    """The proposal's stored point and budget area, or errors on ``location``/``area``."""
    if location is not None:
        if location.srid is None:
            raise ValueError("location has no SRID")
        found = proposal_area_at(budget_round, location)
        if found is None:
            _add(errors, "location", _("The point is outside every resident budget area. Choose a place inside "
                                       "the city's budget areas, or propose for a whole area or the whole city."))
            return None, None
        return to_storage(location), found
    if area is not None:
        if not _round_area(budget_round, area):
            _add(errors, "area", _("Choose one of the round's budget areas."))
            return None, None
        return None, area
    if not budget_round.city_wide:
        _add(errors, "area", _("This round has no money for the whole city: choose a place or a budget area."))
    return None, None


def _photos_clean(errors, photos: Sequence, *, already: int = 0) -> list:
    if already + len(photos) > PROPOSAL_PHOTOS_MAX:
        _add(errors, "photos", _("At most %(max)s photos per proposal.") % {"max": PROPOSAL_PHOTOS_MAX})
        return []
    cleaned = []
    for index, upload in enumerate(photos, start=1):
        try:
            cleaned.append(photo_clean(upload, name=f"proposal-{index}"))
        except ValidationError as refusal:
            for message in refusal.messages:
                _add(errors, "photos", message)
    return cleaned


def _photos_store(proposal: BudgetProposal, cleaned: list, alt_text: str) -> None:
    for photo in cleaned:
        ProposalPhoto.objects.create(proposal=proposal, image=photo.content, alt_text=alt_text[:PHOTO_ALT_MAX])


def _is_resident(user) -> bool:
    return (user is not None and user.is_authenticated
            and ResidentIdentity.objects.filter(user_id=user.pk).exists())


@transaction.atomic
def proposal_create(*, budget_round: BudgetRound, author, title: str, description: str,
                    location: Point | None = None, area: Area | None = None, photos: Sequence = (),
                    photo_alt_text: str = "", author_name: str = "", author_email: str = "",
                    language: str = "fi") -> BudgetProposal:
    """A signed-in resident's proposal, or ProposalRefused with every reason, field by field.

    ``location`` (any SRID) decides the budget area; without it, ``area`` is the whole of that
    budget area, and neither is the whole city (if the round has city-wide money).
    """
    errors: dict[str, list[str]] = {}
    budget_round = BudgetRound.objects.select_for_update().get(pk=budget_round.pk)
    if budget_round.phase != BudgetPhase.PROPOSALS:
        _add(errors, "__all__", _("This round takes no proposals now."))
    if not _is_resident(author):
        _add(errors, "__all__", _("Sign in to propose."))
    title, description = (title or "").strip(), (description or "").strip()
    author_name, author_email = (author_name or "").strip(), (author_email or "").strip()
    _text_errors(errors, title=title, description=description, author_name=author_name, author_email=author_email)
    location, area = _place(errors, budget_round, location, area)
    cleaned = _photos_clean(errors, photos)
    if errors:
        raise ProposalRefused(errors)
    now = timezone.now()
    proposal = BudgetProposal.objects.create(
        round=budget_round, area=area, location=location, title=title, description=description, author=author,
        author_name=author_name, author_email=author_email,
        language=language if language in dict(settings.LANGUAGES) else "fi", created_at=now, updated_at=now)
    _photos_store(proposal, cleaned, photo_alt_text.strip())
    ProposalEvent.objects.create(proposal=proposal, action=ProposalAction.CREATED, actor=author, created_at=now)
    return proposal


def _lock_own(proposal: BudgetProposal, actor) -> BudgetProposal:
    locked = BudgetProposal.objects.select_for_update().select_related("round").get(pk=proposal.pk)
    if actor is None or not actor.is_authenticated or locked.author_id != actor.pk:
        raise ProposalRefused({"__all__": [_("Only the proposal's author may change it.")]})
    return locked


@transaction.atomic
def proposal_edit(*, proposal: BudgetProposal, actor, title: str, description: str,
                  location: Point | None = None, area: Area | None = None, photos: Sequence = (),
                  photo_alt_text: str = "", photos_remove: Sequence[int] = (), author_name: str = "",
                  author_email: str = "") -> BudgetProposal:
    """The author's change, while the round takes proposals and the proposal waits for review.

    Every field is given as it should be (the form sends them all); the EDITED event names what
    changed. Photos in ``photos`` are added, those with ids in ``photos_remove`` deleted.
    """
    locked = _lock_own(proposal, actor)
    errors: dict[str, list[str]] = {}
    if locked.round.phase != BudgetPhase.PROPOSALS:
        _add(errors, "__all__", _("Proposals can be edited only until the proposal phase closes."))
    elif locked.status != ProposalStatus.SUBMITTED:
        _add(errors, "__all__", _("Only a proposal waiting for review can be edited."))
    title, description = (title or "").strip(), (description or "").strip()
    author_name, author_email = (author_name or "").strip(), (author_email or "").strip()
    _text_errors(errors, title=title, description=description, author_name=author_name, author_email=author_email)
    new_location, new_area = _place(errors, locked.round, location, area)
    removing = list(locked.photos.filter(pk__in=list(photos_remove)))
    cleaned = _photos_clean(errors, photos, already=locked.photos.count() - len(removing))
    if errors:
        raise ProposalRefused(errors)
    changed = []
    if title != locked.title:
        changed.append(_("title"))
    if description != locked.description:
        changed.append(_("description"))
    same_point = (new_location is None and locked.location is None) or (
        new_location is not None and locked.location is not None and new_location.distance(locked.location) < 0.5)
    if not same_point or new_area != locked.area:
        changed.append(_("place"))
    if author_name != locked.author_name:
        changed.append(_("name"))
    if author_email != locked.author_email:
        changed.append(_("email"))
    if cleaned or removing:
        changed.append(_("photos"))
    if not changed:
        return locked
    locked.title, locked.description, locked.location, locked.area = title, description, new_location, new_area
    locked.author_name, locked.author_email = author_name, author_email
    locked.updated_at = timezone.now()
    locked.save(update_fields=["title", "description", "location", "area", "author_name", "author_email",
                               "updated_at"])
    for photo in removing:
        photo.image.delete(save=False)
        photo.delete()
    _photos_store(locked, cleaned, photo_alt_text.strip())
    ProposalEvent.objects.create(proposal=locked, action=ProposalAction.EDITED, actor=actor,
                                 note=_("Changed: %(fields)s.") % {"fields": ", ".join(str(c) for c in changed)},
                                 created_at=locked.updated_at)
    return locked


@transaction.atomic
def proposal_withdraw(*, proposal: BudgetProposal, actor, note: str = "") -> BudgetProposal:
    """The author takes the proposal back, until voting begins (in the proposals or review phase)."""
    locked = _lock_own(proposal, actor)
    if locked.round.phase not in WITHDRAW_PHASES:
        raise ProposalRefused({"__all__": [_("A proposal cannot be withdrawn once voting has begun.")]})
    if locked.status not in OPEN_STATUSES:
        raise ProposalRefused({"__all__": [_("This proposal is already withdrawn or merged.")]})
    note = (note or "").strip()[:PROPOSAL_COMMENT_MAX]
    if unstorable_text_errors(note):
        raise ProposalRefused({"note": [_("The text contains a character that cannot be stored.")]})
    locked.status = ProposalStatus.WITHDRAWN
    locked.updated_at = timezone.now()
    locked.save(update_fields=["status", "updated_at"])
    ProposalEvent.objects.create(proposal=locked, action=ProposalAction.WITHDRAWN, actor=actor, note=note,
                                 created_at=locked.updated_at)
    return locked


@transaction.atomic
def proposal_comment_add(*, proposal: BudgetProposal, author, text: str,
                         kind: str = ProposalCommentKind.COMMENT, author_name: str = "") -> ProposalComment:
    """A signed-in resident's comment on a proposal, or addition to it, in the proposals or review phase."""
    errors: dict[str, list[str]] = {}
    proposal = BudgetProposal.objects.select_related("round").get(pk=proposal.pk)
    if not _is_resident(author):
        _add(errors, "__all__", _("Sign in to comment."))
    if proposal.round.phase not in COMMENT_PHASES:
        _add(errors, "__all__", _("Proposals take comments only in the proposal and review phases."))
    elif proposal.status not in OPEN_STATUSES:
        _add(errors, "__all__", _("This proposal was withdrawn or merged; comment on the proposal it was "
                                  "merged into."))
    if kind not in ProposalCommentKind.values:
        _add(errors, "kind", _("Choose whether it is a comment or an addition."))
    text, author_name = (text or "").strip(), (author_name or "").strip()
    if not text:
        _add(errors, "text", _("Write your comment."))
    elif len(text) > PROPOSAL_COMMENT_MAX:
        _add(errors, "text", _("The comment is %(count)s characters long; at most %(max)s are taken.")
             % {"count": len(text), "max": PROPOSAL_COMMENT_MAX})
    if unstorable_text_errors(text) or unstorable_text_errors(author_name):
        _add(errors, "text", _("The text contains a character that cannot be stored."))
    if len(author_name) > AUTHOR_NAME_MAX:
        _add(errors, "author_name", _("The name is at most %(max)s characters.") % {"max": AUTHOR_NAME_MAX})
    if errors:
        raise ProposalRefused(errors)
    return ProposalComment.objects.create(proposal=proposal, kind=kind, text=text, author=author,
                                          author_name=author_name)


def proposal_email_stop_token(proposal: BudgetProposal) -> str:
    """The signed token of a proposal's email stop link (it carries the address it stops)."""
    return signing.dumps({"p": proposal.pk, "e": proposal.author_email}, salt=EMAIL_STOP_SALT, compress=True)


def proposal_by_email_stop_token(token: str) -> BudgetProposal | None:
    """The proposal whose emails ``token`` stops, while it still has that address; else None."""
    try:
        data = signing.loads(token, salt=EMAIL_STOP_SALT)
        pk, email = int(data["p"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return BudgetProposal.objects.filter(pk=pk, author_email=email).exclude(author_email="").first()


@transaction.atomic
def proposal_email_stop(*, token: str) -> BudgetProposal | None:
    """The stop link of the emails about a proposal: the address is erased with its unsent emails."""
    found = proposal_by_email_stop_token(token)
    if found is None:
        return None
    locked = BudgetProposal.objects.select_for_update().get(pk=found.pk)
    notification_drop_unsent(about=locked, recipient=locked.author_email)
    locked.author_email = ""
    locked.save(update_fields=["author_email"])
    ProposalEvent.objects.create(proposal=locked, action=ProposalAction.EDITED, actor=None,
                                 note=_("The author's email address was erased by the emails' stop link."))
    return locked
