"""Importing municipal initiatives from kuntalaisaloite.fi's public JSON (its Open Data API v1).

The format, as the service's source writes it (``InitiativeListJson`` and ``InitiativeJson`` in
kuntalaisaloite's ``municipalityinitiative-web``): ``GET /api/v1/initiatives?municipality=743`` gives
an array of initiatives, ``GET /api/v1/initiatives/{id}`` one initiative. An initiative has

- ``id``: the API address of the initiative, ending in its number (``…/api/v1/initiatives/1234``);
- ``url``: ``{"fi": "…/fi/aloite/1234", "sv": "…/sv/initiativ/1234"}``, its pages;
- ``name`` (the title; at most 512 characters) and, in the detail format only, ``proposal``;
- ``municipality``: ``{"id": "…/api/v1/municipalities/743", "nameFi", "nameSv", "active"}``
  (the id is Statistics Finland's municipality code: 743 is Seinäjoki);
- ``publishDate`` and ``sentTime`` (``YYYY-MM-DD``; ``sentTime`` null until sent to the municipality);
- ``type``: ``UNDEFINED``, ``SINGLE``, ``COLLABORATIVE`` or ``COLLABORATIVE_CITIZEN``; ``collaborative``;
- ``participantCount``: a number in the list format, in the detail format an object whose ``total``
  counts every supporter (``publicNames``, ``privateNames``, ``externalNames``);
- the detail format's ``authors`` (the initiators who chose to show their name).

The API has no state field: an initiative is open while ``sentTime`` is null and sent after. It does
not carry the municipality's answer either, which kuntalaisaloite.fi shows on the initiative's page;
so this importer also reads two optional keys, named as the service's own model names them:
``decision`` (the answer's text) and ``decisionDate`` (``YYYY-MM-DD``). With a decision date the
initiative is decided. A ``name`` or ``proposal`` may also be an object ``{"fi": …, "sv": …}`` for an
initiative written in both languages, or in Swedish only; a plain string is taken as Finnish, since
the API does not say the text's language.

A row is refused (reported by its position, counting from 1, and its id, and skipped) when it cannot
be read; the rest are imported. Rows are matched by id, so importing the same file again changes
nothing, and a later file updates what changed (a row without ``proposal`` keeps the stored one).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.db import IntegrityError, transaction
from django.utils import timezone

from planning.models.initiatives import (
    INITIATIVE_NAME_MAX,
    SEINAJOKI_MUNICIPALITY,
    Initiative,
    InitiativeAction,
    InitiativeEvent,
    InitiativeImport,
    InitiativeState,
    InitiativeType,
)

MAX_SOURCE_BYTES = 50 * 1024 * 1024  # the whole service holds a few thousand initiatives: far below this
FETCH_TIMEOUT_SECONDS = 30
LARGEST_ID = 2**63 - 1
PAGE_HOST = "kuntalaisaloite.fi"
PAGE_ADDRESS = {"fi": "https://www.kuntalaisaloite.fi/fi/aloite/{id}",
                "sv": "https://www.kuntalaisaloite.fi/sv/initiativ/{id}"}
_ID_AT_END = re.compile(r"(?:^|/)(\d{1,19})/?$")
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|T)")
_TYPES = {value.upper(): value for value in InitiativeType.values}


class InitiativeSourceUnreadable(Exception):
    """The file or address gives no list of initiatives; ``str()`` says why."""


class RowRefused(ValueError):
    """One row cannot be imported; ``str()`` says why."""


@dataclass(frozen=True)
class InitiativeRow:
    """One initiative read from the source, in this platform's terms."""

    external_id: int
    municipality_code: int
    name_fi: str
    name_sv: str
    proposal: dict[str, str] | None  # None: the row has no proposal (the list format); keep the stored one
    type: str
    state: str
    published_on: date
    sent_on: date | None
    decided_on: date | None
    decision_text: str
    support_count: int
    url_fi: str
    url_sv: str
    source: dict


# Reading ------------------------------------------------------------------------------------------

def initiatives_read(source: str) -> list:
    """The rows of a file or an http(s) address: a JSON array of initiatives (the list format) or one
    initiative (the detail format). InitiativeSourceUnreadable when there is no such thing to read."""
    scheme = urlsplit(source).scheme.lower()
    try:
        if scheme in ("http", "https"):
            request = Request(source, headers={"Accept": "application/json"})
            with urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as answer:  # noqa: S310 (http(s) only)
                body = answer.read(MAX_SOURCE_BYTES + 1)
        else:
            with Path(source).open("rb") as file:
                body = file.read(MAX_SOURCE_BYTES + 1)
    except (OSError, URLError, ValueError) as error:
        raise InitiativeSourceUnreadable(f"{source} cannot be read: {error}") from None
    if len(body) > MAX_SOURCE_BYTES:
        raise InitiativeSourceUnreadable(f"{source} is larger than {MAX_SOURCE_BYTES // 1024 // 1024} MB.")
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError) as error:
        raise InitiativeSourceUnreadable(f"{source} is not JSON: {error}") from None
    if isinstance(data, dict):
        return [data]
    if not isinstance(data, list):
        raise InitiativeSourceUnreadable(f"{source} holds no initiatives: expected a JSON array of initiatives "
                                         f"or one initiative object.")
    return data


def _number_at_end(value, what: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and (match := _ID_AT_END.search(value.strip())):
        number = int(match.group(1))
    else:
        raise RowRefused(f"its {what} is not a number or an address ending in one: {value!r}")
    if not 0 < number <= LARGEST_ID:
        raise RowRefused(f"its {what} {number} is out of range")
    return number


def _row_id(row) -> str:
    """The id of a row as the report names it (whatever it is), or ``-``."""
    if isinstance(row, dict) and row.get("id") not in (None, ""):
        try:
            return str(_number_at_end(row["id"], "id"))
        except RowRefused:
            return str(row["id"])[:80]
    return "-"


def _texts(value, what: str, *, required: bool, limit: int | None = None) -> dict[str, str]:
    if value is None and not required:
        return {"fi": "", "sv": ""}
    if isinstance(value, str):
        texts = {"fi": value.strip(), "sv": ""}
    elif isinstance(value, dict) and set(value) <= {"fi", "sv"} and all(
            isinstance(text, str) or text is None for text in value.values()):
        texts = {code: (value.get(code) or "").strip() for code in ("fi", "sv")}
    else:
        raise RowRefused(f"its {what} is neither text nor an object of Finnish and Swedish texts")
    if "\x00" in texts["fi"] + texts["sv"]:
        raise RowRefused(f"its {what} holds a NUL character")
    if required and not (texts["fi"] or texts["sv"]):
        raise RowRefused(f"it has no {what}")
    if limit and max(len(texts["fi"]), len(texts["sv"])) > limit:
        raise RowRefused(f"its {what} is longer than {limit} characters")
    return texts


def _date(value, what: str, *, required: bool) -> date | None:
    if value is None or value == "":
        if required:
            raise RowRefused(f"it has no {what}")
        return None
    match = _DATE.match(value) if isinstance(value, str) else None
    try:
        if match:
            return date.fromisoformat(match.group(1))
    except ValueError:
        pass
    raise RowRefused(f"its {what} is not a date (YYYY-MM-DD): {value!r}")


def _support(value) -> int:
    if value is None:
        return 0
    if isinstance(value, dict):
        value = value.get("total")
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 2**31 - 1:
        return value
    raise RowRefused(f"its participantCount is not a count: {value!r}")


def _page(value, language: str, external_id: int) -> str:
    if value in (None, ""):
        return PAGE_ADDRESS[language].format(id=external_id)
    parts = urlsplit(value) if isinstance(value, str) else None
    host = (parts.hostname or "") if parts else ""
    if not parts or parts.scheme not in ("http", "https") or not (host == PAGE_HOST or host.endswith("." + PAGE_HOST)):
        raise RowRefused(f"its {language} page is not an address on {PAGE_HOST}: {value!r}")
    if len(value) > 300:
        raise RowRefused(f"its {language} page address is longer than 300 characters")
    return value


def _public(value):
    """The row without the initiators' names (public there, but nothing here shows them) or any e-mail."""
    if isinstance(value, dict):
        return {key: _public(item) for key, item in value.items()
                if key != "authors" and "email" not in str(key).lower()}
    if isinstance(value, list):
        return [_public(item) for item in value]
    return value


def initiative_row_parse(row) -> InitiativeRow:
    """One row of the public format as this platform keeps it, or RowRefused naming what is wrong."""
    if not isinstance(row, dict):
        raise RowRefused("it is not an object")
    if row.get("id") in (None, ""):
        raise RowRefused("it has no id")
    external_id = _number_at_end(row["id"], "id")
    municipality = row.get("municipality")
    if isinstance(municipality, dict):
        municipality = municipality.get("id")
    if municipality in (None, ""):
        raise RowRefused("it has no municipality")
    municipality_code = _number_at_end(municipality, "municipality")
    names = _texts(row.get("name"), "name", required=True, limit=INITIATIVE_NAME_MAX)
    proposal = _texts(row["proposal"], "proposal", required=False) if "proposal" in row else None
    raw_type = row.get("type") or "UNDEFINED"
    if not isinstance(raw_type, str) or raw_type.upper() not in _TYPES:
        raise RowRefused(f"its type is not one of {', '.join(sorted(_TYPES))}: {raw_type!r}")
    published_on = _date(row.get("publishDate"), "publishDate", required=True)
    sent_on = _date(row.get("sentTime"), "sentTime", required=False)
    decided_on = _date(row.get("decisionDate"), "decisionDate", required=False)
    decision = row.get("decision")
    if decision is not None and not isinstance(decision, str):
        raise RowRefused("its decision is not text")
    decision = (decision or "").strip()
    if "\x00" in decision:
        raise RowRefused("its decision holds a NUL character")
    if decision and decided_on is None:
        raise RowRefused("it has a decision without its decisionDate")
    if sent_on and sent_on < published_on:
        raise RowRefused(f"it was sent ({sent_on}) before it was published ({published_on})")
    if decided_on and sent_on is None:
        raise RowRefused("it has a decisionDate but no sentTime: an initiative is decided after it is sent")
    if decided_on and decided_on < sent_on:
        raise RowRefused(f"it was decided ({decided_on}) before it was sent ({sent_on})")
    state = (InitiativeState.DECIDED if decided_on else InitiativeState.SENT if sent_on else InitiativeState.OPEN)
    urls = row.get("url") if isinstance(row.get("url"), dict) else {}
    if row.get("url") not in (None, "") and not isinstance(row.get("url"), dict):
        raise RowRefused("its url is not an object of Finnish and Swedish pages")
    return InitiativeRow(
        external_id=external_id, municipality_code=municipality_code, name_fi=names["fi"], name_sv=names["sv"],
        proposal=proposal, type=_TYPES[raw_type.upper()], state=state, published_on=published_on, sent_on=sent_on,
        decided_on=decided_on, decision_text=decision, support_count=_support(row.get("participantCount")),
        url_fi=_page(urls.get("fi"), "fi", external_id), url_sv=_page(urls.get("sv"), "sv", external_id),
        source=_public(row),
    )


# Writing ------------------------------------------------------------------------------------------

def _fields(parsed: InitiativeRow) -> dict:
    fields = {
        "municipality_code": parsed.municipality_code, "name_fi": parsed.name_fi, "name_sv": parsed.name_sv,
        "type": parsed.type, "state": parsed.state, "published_on": parsed.published_on, "sent_on": parsed.sent_on,
        "decided_on": parsed.decided_on, "decision_text": parsed.decision_text,
        "support_count": parsed.support_count, "url_fi": parsed.url_fi, "url_sv": parsed.url_sv,
        "source": parsed.source,
    }
    if parsed.proposal is not None:
        fields |= {"proposal_fi": parsed.proposal["fi"], "proposal_sv": parsed.proposal["sv"]}
    return fields


@transaction.atomic
def initiative_upsert(*, parsed: InitiativeRow, run: InitiativeImport | None = None) -> str:
    """Create or update the initiative of one parsed row; an event row for each creation and change.
    Returns ``"created"``, ``"updated"`` or ``"unchanged"``."""
    fields = _fields(parsed)
    now = timezone.now()
    initiative = Initiative.objects.select_for_update().filter(external_id=parsed.external_id).first()
    if initiative is None:
        initiative = Initiative.objects.create(external_id=parsed.external_id, imported_at=now, **fields)
        InitiativeEvent.objects.create(initiative=initiative, run=run, action=InitiativeAction.CREATED,
                                       to_state=initiative.state)
        return "created"
    changed = [name for name, value in fields.items() if getattr(initiative, name) != value]
    if not changed:
        return "unchanged"
    before = initiative.state
    for name in changed:
        setattr(initiative, name, fields[name])
    initiative.imported_at = now
    initiative.save(update_fields=[*changed, "imported_at"])
    InitiativeEvent.objects.create(
        initiative=initiative, run=run, from_state=before, to_state=initiative.state,
        action=InitiativeAction.STATE_CHANGED if before != initiative.state else InitiativeAction.UPDATED)
    return "updated"


Progress = Callable[[int, int, InitiativeImport], None]


def initiatives_import(*, rows: list, source: str, municipality: int | None = SEINAJOKI_MUNICIPALITY,
                       actor=None, progress: Progress | None = None) -> InitiativeImport:
    """Import ``rows`` (as ``initiatives_read`` gives them) addressed to ``municipality`` (None: all).

    Each row is its own transaction, so that a refused row leaves the others imported; the run is
    logged as an ``InitiativeImport`` with its counts and each refused row's position, id and reason.
    ``progress(done, total, run)`` is called every 100 rows and at the end."""
    run = InitiativeImport.objects.create(source=source[:500], municipality_code=municipality, actor=actor)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    problems = []
    other = 0
    for index, row in enumerate(rows, start=1):
        try:
            parsed = initiative_row_parse(row)
            if municipality is not None and parsed.municipality_code != municipality:
                other += 1
            else:
                try:
                    counts[initiative_upsert(parsed=parsed, run=run)] += 1
                except IntegrityError as error:  # the constraints hold what the parse checks: a safety net
                    raise RowRefused(f"the database refused it: {error}".splitlines()[0]) from None
        except RowRefused as refusal:
            problems.append({"index": index, "id": _row_id(row), "reason": str(refusal)})
        if progress and (index % 100 == 0 or index == len(rows)):
            run.rows_read, run.refused = index, len(problems)
            run.created, run.updated, run.unchanged = counts["created"], counts["updated"], counts["unchanged"]
            progress(index, len(rows), run)
    run.rows_read = len(rows)
    run.created, run.updated, run.unchanged = counts["created"], counts["updated"], counts["unchanged"]
    run.other_municipality, run.refused, run.problems = other, len(problems), problems
    run.finished_at = timezone.now()
    run.save()
    return run


def initiatives_import_source(*, source: str, municipality: int | None = SEINAJOKI_MUNICIPALITY, actor=None,
                              progress: Progress | None = None) -> InitiativeImport:
    """Read a file or address and import it (InitiativeSourceUnreadable when it cannot be read)."""
    return initiatives_import(rows=initiatives_read(source), source=source, municipality=municipality, actor=actor,
                              progress=progress)


def initiatives_import_enqueue(*, source: str, municipality: int | None = SEINAJOKI_MUNICIPALITY, actor=None) -> None:
    """Import ``source`` in the worker, after the caller's transaction commits."""
    from city.queue import enqueue_after_commit
    from planning import initiative_jobs

    enqueue_after_commit(initiative_jobs.initiatives_import_run, source, municipality,
                         actor.pk if actor is not None else None)
