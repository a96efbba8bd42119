"""How our statuses read in Open311: ``status`` (open/closed) and the CitySDK ``detailed_status``.

The detailed values are Helsinki's (RECEIVED, IN_PROCESS, PROCESSED, REJECTED; a comma-separated
list). A ticket forwarded to an outside body is PROCESSED as far as the city is concerned, and says
so with a second value, FORWARDED, the way Helsinki adds the status of the system it forwarded to.
"""

from geo_feedback.statuses import CLOSED_STATUSES, HIDDEN_STATUSES, OPEN_STATUSES, FeedbackStatus

S = FeedbackStatus

# our status -> (Open311 status, detailed_status)
STATUS_MAP: dict[str, tuple[str, str]] = {
    S.RECEIVED: ("open", "RECEIVED"),  # nobody has looked at it yet
    S.IN_TRIAGE: ("open", "IN_PROCESS"),  # customer service is handling it
    S.ROUTED: ("open", "IN_PROCESS"),  # a department owns it
    S.IN_PROGRESS: ("open", "IN_PROCESS"),  # the department is working on it
    S.HANDLED: ("closed", "PROCESSED"),  # fixed or answered
    S.DUPLICATE: ("closed", "PROCESSED"),  # handled through the ticket it was merged into
    S.FORWARDED: ("closed", "PROCESSED,FORWARDED"),  # belongs to an outside body, sent there
    S.NOT_CITYS: ("closed", "REJECTED"),  # not the city's to fix
    # S.REJECTED (spam) is never shown by the API.
}
assert set(STATUS_MAP) | HIDDEN_STATUSES == set(S.values), "every public status needs an Open311 mapping"
assert all((STATUS_MAP[s][0] == "open") == (s in OPEN_STATUSES) for s in STATUS_MAP)
assert all((STATUS_MAP[s][0] == "closed") == (s in CLOSED_STATUSES) for s in STATUS_MAP)

OPEN311_STATUSES = {"open": OPEN_STATUSES, "closed": CLOSED_STATUSES - HIDDEN_STATUSES}
