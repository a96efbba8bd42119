"""Reads of residents' budget proposals: what is public, the map's and the API's GeoJSON built by
PostGIS in one statement, similar proposals while a resident writes, and a proposal's page.

Public: a round past preparation, every proposal of it but the withdrawn ones (those only their
author sees). Never the author's email or account.

Similar proposals: the same round, within ``SIMILAR_METRES`` of the point, or sharing words with
the title and description by PostgreSQL's built-in full-text search (no extension): the words as
prefixes against the 'simple' configuration, with the 'finnish' configuration's stop words left out
(Snowball's Finnish stemmer alone stems "kiipeilyteline" and "kiipeilytelineet" differently). A
round has hundreds of proposals at most, so the text is read without an index.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from city.links import page_path
from city.models import Area, AreaKind
from city.paging import InvalidCursor, decode_cursor, encode_cursor  # noqa: F401 (the API view reads it here)
from city.sql import localized_name_sql, queryset_sql, stored_file_url_sql
from planning.models import (
    BudgetAllocation,
    BudgetPhase,
    BudgetProposal,
    BudgetRound,
    ProposalComment,
    ProposalPhoto,
    ProposalStatus,
)

SIMILAR_METRES = 500
SIMILAR_LIMIT = 5
LIST_PAGE_SIZE = 20
MAP_LIMIT = 2000  # a round's proposals on its map; a city gets a few hundred
PUBLIC_STATUSES = [s for s in ProposalStatus.values if s != ProposalStatus.WITHDRAWN]


def proposals_public(budget_round: BudgetRound) -> QuerySet[BudgetProposal]:
    """The round's proposals residents may see, the newest first (none of a round in preparation)."""
    if budget_round.phase == BudgetPhase.PREPARATION:
        return BudgetProposal.objects.none()
    return (BudgetProposal.objects.filter(round=budget_round, status__in=PUBLIC_STATUSES)
            .select_related("area").order_by("-created_at", "-id"))


def proposals_filtered(budget_round: BudgetRound, *, area: str = "", status: str = "") -> QuerySet[BudgetProposal]:
    """``proposals_public`` by a budget area's code ("city" for the whole city's) and a status."""
    rows = proposals_public(budget_round)
    if area == "city":
        rows = rows.filter(area__isnull=True)
    elif area:
        rows = rows.filter(area__code=area)
    if status:
        rows = rows.filter(status=status)
    return rows


def proposals_list_page(budget_round: BudgetRound, *, area: str = "", status: str = "", page=None) -> Page:
    return Paginator(proposals_filtered(budget_round, area=area, status=status), LIST_PAGE_SIZE).get_page(page)


def proposal_visible(pk: int, user=None) -> BudgetProposal | None:
    """A proposal residents may see; a withdrawn one only for its author."""
    proposal = (BudgetProposal.objects.select_related("round", "area", "merged_into")
                .exclude(round__phase=BudgetPhase.PREPARATION).filter(pk=pk).first())
    if proposal is None:
        return None
    if proposal.status == ProposalStatus.WITHDRAWN and not (
            user is not None and user.is_authenticated and proposal.author_id == user.pk):
        return None
    return proposal


def round_budget_areas(budget_round: BudgetRound) -> list[Area]:
    """The round's budget areas (those with money in it), by Finnish name."""
    return list(Area.objects.filter(kind=AreaKind.BUDGET_AREA,
                                    id__in=BudgetAllocation.objects.filter(round=budget_round).values("area_id"))
                .order_by("name_fi"))


def proposal_coauthors(proposal: BudgetProposal) -> list[str]:
    """The public names of the authors of proposals merged into this one (credited as co-authors)."""
    return [row.author_name for row in proposal.merged_from.order_by("created_at", "id").only("author_name")]


def proposal_comments_public(proposal: BudgetProposal) -> QuerySet[ProposalComment]:
    return proposal.comments.filter(hidden=False).order_by("created_at", "id")


def proposal_history_public(proposal: BudgetProposal):
    """The proposal's events, oldest first, with no actor named (officials act for the city)."""
    return proposal.events.order_by("created_at", "id").only("action", "note", "created_at")


def proposal_photo_by_file(name: str) -> ProposalPhoto | None:
    return ProposalPhoto.objects.select_related("proposal__round").filter(image=name).first()


# GeoJSON ------------------------------------------------------------------------------------------

def _one_line(sql: str) -> str:
    return " ".join(sql.split())


_FEATURES_SQL = _one_line("""
SELECT
    COALESCE(json_agg(json_build_object(
        'type', 'Feature',
        'id', p.id,
        'geometry', ST_AsGeoJSON(ST_Transform(p.location, %(api_srid)s), 6)::json,
        'properties', json_build_object(
            'id', p.id,
            'title', p.title,
            'description', p.description,
            'status', p.status,
            'status_label', %(status_labels)s::jsonb ->> p.status,
            'place', CASE WHEN p.location IS NOT NULL THEN 'point' WHEN p.area_id IS NOT NULL THEN 'area'
                          ELSE 'city' END,
            'area', a.code,
            'area_name', CASE WHEN a.id IS NULL THEN %(city_label)s ELSE {area_name} END,
            'cost_estimate', p.cost_estimate,
            'section_amount', COALESCE(al.amount, CASE WHEN p.area_id IS NULL THEN br.city_wide END),
            'on_ballot', p.status = 'feasible' AND p.cost_estimate IS NOT NULL
                AND p.cost_estimate <= COALESCE(al.amount, CASE WHEN p.area_id IS NULL THEN br.city_wide END),
            'review_note', NULLIF(p.review_note, ''),
            'author_name', NULLIF(p.author_name, ''),
            'coauthors', (SELECT COALESCE(json_agg(NULLIF(m.author_name, '') ORDER BY m.created_at, m.id), '[]'::json)
                          FROM planning_budgetproposal m WHERE m.merged_into_id = p.id),
            'merged_into', p.merged_into_id,
            'photos', (SELECT COALESCE(json_agg(json_build_object(
                            'url', {photo_url}, 'alt_text', ph.alt_text) ORDER BY ph.id), '[]'::json)
                       FROM planning_proposalphoto ph WHERE ph.proposal_id = p.id),
            'comment_count', (SELECT count(*) FROM planning_proposalcomment c
                              WHERE c.proposal_id = p.id AND NOT c.hidden),
            'created_at', p.created_at,
            'updated_at', p.updated_at,
            'url', %(url_prefix)s || p.id || '/'
        )
    ) ORDER BY q.n) FILTER (WHERE q.n <= %(limit)s), '[]'::json)::text,
    count(*) > %(limit)s,
    max(q.created_at) FILTER (WHERE q.n = %(limit)s),
    max(q.id) FILTER (WHERE q.n = %(limit)s)
FROM (
    SELECT r.id, r.created_at, row_number() OVER (ORDER BY r.created_at DESC, r.id DESC) AS n
    FROM ({rows}) AS r(id, created_at)
) q
JOIN planning_budgetproposal p ON p.id = q.id
JOIN planning_budgetround br ON br.id = p.round_id
LEFT JOIN city_area a ON a.id = p.area_id
LEFT JOIN (SELECT x.round_id, x.area_id, COALESCE(x.override_amount, x.computed_amount) AS amount
           FROM planning_budgetallocation x) al ON al.round_id = p.round_id AND al.area_id = p.area_id
""".format(area_name=localized_name_sql("a"), photo_url=stored_file_url_sql("ph.image", "%(media)s"), rows="{rows}"))


@dataclass(frozen=True)
class ProposalFeatures:
    features_json: str  # a JSON array of GeoJSON Features, as text from the database
    next_cursor: str | None


def _labels(language: str) -> dict:
    from django.utils import translation

    with translation.override(language):
        return {"status_labels": json.dumps({value: str(label) for value, label in ProposalStatus.choices}),
                "city_label": str(translation.gettext("The whole city")),
                "url_prefix": page_path("budget_proposals:detail", language, 1)[:-2]}


def proposals_features(budget_round: BudgetRound, *, area: str = "", status: str = "", language: str = "fi",
                       limit: int = MAP_LIMIT, cursor: str = "", media_url: str = "") -> ProposalFeatures:
    """One page of the round's public proposals, newest first, as GeoJSON Features in WGS84 built by
    PostGIS in one statement. A proposal for a whole area or the city has no geometry (null).
    Raises InvalidCursor for a cursor this server did not give."""
    rows = proposals_filtered(budget_round, area=area, status=status)
    if cursor:
        created_at, pk = decode_cursor(cursor)
        rows = rows.filter(created_at__lte=created_at).exclude(created_at=created_at, pk__gte=pk)
    try:
        rows_sql, rows_params = queryset_sql(rows.order_by("-created_at", "-pk")
                                             .values_list("pk", "created_at")[: limit + 1])
    except EmptyResultSet:
        return ProposalFeatures(features_json="[]", next_cursor=None)
    params = {**rows_params, **_labels(language), "limit": limit, "language": language,
              "api_srid": settings.API_SRID, "media": media_url or settings.MEDIA_URL}
    with connection.cursor() as db:
        db.execute(_FEATURES_SQL.replace("{rows}", rows_sql), params)
        features, more, last_created, last_id = db.fetchone()
    return ProposalFeatures(features_json=features,
                            next_cursor=encode_cursor(last_created, last_id) if more else None)


def proposal_feature(proposal: BudgetProposal, *, language: str, media_url: str = "") -> str:
    """One public proposal as a GeoJSON Feature (text), as the list writes it."""
    rows = BudgetProposal.objects.filter(pk=proposal.pk).values_list("pk", "created_at")
    rows_sql, rows_params = queryset_sql(rows)
    params = {**rows_params, **_labels(language), "limit": 1, "language": language,
              "api_srid": settings.API_SRID, "media": media_url or settings.MEDIA_URL}
    with connection.cursor() as db:
        db.execute(_FEATURES_SQL.replace("{rows}", rows_sql), params)
        features = db.fetchone()[0]
    return json.dumps(json.loads(features)[0])


# Similar proposals ---------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
SIMILAR_WORDS_MAX = 30


def _similar_words(text: str) -> list[str]:
    """The distinct words of ``text`` of four letters or more, lower case, at most 30."""
    words: list[str] = []
    for word in _WORD.findall(text or ""):
        word = word.lower()
        if word not in words:
            words.append(word)
    return words[:SIMILAR_WORDS_MAX]


# The words become prefixes (the word less its last five letters, at least four), so that Finnish
# inflection and compounds still match: "kiipeilytelineet" finds "kiipeilyteline" and
# "kiipeilytelineen". A word the 'finnish' configuration drops as a stop word ("että", "joka") is
# left out; the document is read with the 'simple' configuration (no stemming) for the prefixes.
_SIMILAR_SQL = _one_line("""
WITH q AS (
    SELECT to_tsquery('simple', string_agg(left(w, greatest(4, length(w) - 5)) || ':*', ' | ')) AS query
    FROM unnest(%(words)s::text[]) AS w WHERE to_tsvector('finnish', w) <> ''::tsvector
)
SELECT * FROM (
SELECT p.id, p.title, p.status, p.area_id, p.created_at,
       CASE WHEN %(point)s::geometry IS NOT NULL AND p.location IS NOT NULL
            THEN round(ST_Distance(p.location, %(point)s::geometry)) END AS metres,
       COALESCE(ts_rank(to_tsvector('simple', p.title || ' ' || p.description), q.query), 0) AS rank
FROM planning_budgetproposal p CROSS JOIN q
WHERE p.round_id = %(round)s AND p.status IN ('submitted', 'feasible', 'infeasible')
  AND p.id <> %(exclude)s
  AND ((%(point)s::geometry IS NOT NULL AND ST_DWithin(p.location, %(point)s::geometry, %(metres)s))
       OR to_tsvector('simple', p.title || ' ' || p.description) @@ q.query)
) found
ORDER BY metres IS NULL, metres, rank DESC, created_at DESC, id DESC
LIMIT %(limit)s
""")


@dataclass(frozen=True)
class SimilarProposal:
    id: int
    title: str
    status: str
    metres: int | None  # the distance from the point being written, if both have a point
    shares_words: bool


def proposals_similar(budget_round: BudgetRound, *, point: Point | None = None, text: str = "",
                      exclude: int | None = None, limit: int = SIMILAR_LIMIT) -> list[SimilarProposal]:
    """Proposals of the round near ``point`` (any SRID) or sharing words with ``text``, nearest first,
    then the best match of words. Withdrawn and merged ones are left out."""
    words = _similar_words(text)
    if point is None and not words:
        return []
    point_sql = "NULL"
    params: dict = {"round": budget_round.pk, "exclude": exclude or 0, "words": words, "limit": limit,
                    "metres": SIMILAR_METRES}
    if point is not None:
        point_sql = f"ST_Transform(ST_SetSRID(ST_MakePoint(%(x)s, %(y)s), %(srid)s), {settings.STORAGE_SRID})"
        params.update({"x": float(point.x), "y": float(point.y), "srid": point.srid})
    sql = _SIMILAR_SQL.replace("%(point)s", point_sql)
    with connection.cursor() as db:
        db.execute(sql, params)
        rows = db.fetchall()
    return [SimilarProposal(id=pk, title=title, status=status, metres=None if metres is None else int(metres),
                            shares_words=rank > 0) for pk, title, status, _area, _created, metres, rank in rows]



# The officials' review ----------------------------------------------------------------------------

REVIEW_PAGE_SIZE = 50


def review_rounds() -> QuerySet[BudgetRound]:
    """Every round, the newest first, with its proposals counted by status."""
    from django.db.models import Count

    counts = {f"count_{value}": Count("proposals", filter=Q(proposals__status=value))
              for value in ProposalStatus.values}
    return BudgetRound.objects.annotate(**counts).order_by("-year", "-created_at")


def review_round(pk: int) -> BudgetRound | None:
    return BudgetRound.objects.filter(pk=pk).first()


def review_proposals(budget_round: BudgetRound, *, area: str = "", status: str = "", page=None) -> Page:
    """A round's proposals for the officials, every status, the oldest first (reviewed in turn)."""
    rows = (BudgetProposal.objects.filter(round=budget_round).select_related("area")
            .annotate(section_amount=Coalesce(
                Subquery(BudgetAllocation.objects.filter(round=budget_round, area=OuterRef("area"))
                         .annotate(amount=Coalesce("override_amount", "computed_amount")).values("amount")[:1]),
                Value(budget_round.city_wide)))
            .order_by("created_at", "id"))
    if area == "city":
        rows = rows.filter(area__isnull=True)
    elif area:
        rows = rows.filter(area__code=area)
    if status:
        rows = rows.filter(status=status)
    return Paginator(rows, REVIEW_PAGE_SIZE).get_page(page)


def review_proposal(pk: int) -> BudgetProposal | None:
    return BudgetProposal.objects.select_related("round", "area", "merged_into").filter(pk=pk).first()


def review_merge_targets(proposal: BudgetProposal) -> list[BudgetProposal]:
    """The proposals ``proposal`` may be merged into: same round, same area (or both city-wide), open."""
    rows = BudgetProposal.objects.filter(round_id=proposal.round_id, status__in=[
        ProposalStatus.SUBMITTED, ProposalStatus.FEASIBLE, ProposalStatus.INFEASIBLE]).exclude(pk=proposal.pk)
    rows = rows.filter(area__isnull=True) if proposal.area_id is None else rows.filter(area_id=proposal.area_id)
    return list(rows.order_by("title", "id"))
