"""Resident pages of the map feedback channel: report, thanks, follow, public map and report pages."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from city.geocoding import geocoder
from config.browser import browser_key, browser_remember
from geo_feedback.api.throttling import creation_slot
from geo_feedback.forms import PHOTO_TYPES, FilterForm, ReportForm
from geo_feedback.models import Category, Channel, Feedback, FeedbackFollower
from geo_feedback.page_selectors import (
    area_choices,
    category_choices,
    category_choices_from_legend,
    category_legend,
    feedback_follow_view,
    feedback_public_page,
    feedback_public_view,
    feedback_supportable,
)
from geo_feedback.services.feedback import (
    SUPPORT_CLOSED,
    FeedbackInvalid,
    SupportClosed,
    feedback_create,
    feedback_reporter_stop_emails,
    feedback_support,
    feedback_unfollow,
    support_message,
)
from geo_feedback.services.photos import MAX_PHOTOS
from geo_feedback.statuses import HIDDEN_STATUSES, OPEN_STATUSES, FeedbackStatus

THANKS_SESSION_KEY = "feedback_thanks"
# The follow token never goes into a URL the public could see or guess: the thank-you page
# reads it from the reporter's own session.


def _language() -> str:
    return (get_language() or "fi")[:2]


def _map_settings() -> dict:
    return {"tileUrl": settings.MAP_TILE_URL, "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
            "language": _language()}


def _map_labels() -> dict:
    return {"zoomIn": _("Zoom in"), "zoomOut": _("Zoom out")}


def report_new(request):
    """The report form; without JavaScript its place search runs here, on the server."""
    language = _language()
    choices = category_choices(language=language)
    place_results = None
    searched = request.method == "POST" and request.POST.get("action") == "search"
    # The home page's first step (a street or place) and links to a topic arrive as ?place_query= and ?category=.
    arrived = {key: request.GET[key][:200] for key in ("place_query", "category") if request.GET.get(key)}
    if searched or (request.method == "GET" and "place_query" in arrived):
        # A search is not a send: keep what was typed, say nothing yet about the other fields.
        typed = request.POST.dict() if searched else arrived
        form = ReportForm(initial=typed, category_choices=choices)
        place_results = geocoder().search(typed.get("place_query", ""), 10, language=language)
        searched = True
    elif request.method == "POST" and (wait := (slot := creation_slot(request)).wait_seconds()) is not None:
        return _too_many(request, wait)
    elif request.method == "POST":
        form = ReportForm(request.POST, category_choices=choices)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = feedback_create(
                    category=Category.objects.select_related("department")
                    .filter(service_code=data["category"]).first(),
                    kind=data["kind"],
                    description=data["description"],
                    location=data["location"],
                    address_text=data.get("address", ""),
                    photos=request.FILES.getlist("photos"),
                    reporter_name=data.get("name", ""),
                    reporter_email=data.get("email", ""),
                    reporter_phone=data.get("phone", ""),
                    channel=Channel.WEB,
                    language=language,
                )
            except FeedbackInvalid as error:
                form.add_service_errors(error.message_dict)
                slot.release()  # a refused report does not use up the sender's limit
            else:
                feedback = result.feedback
                request.session[THANKS_SESSION_KEY] = {
                    "number": feedback.number, "token": feedback.follow_token,
                    "emailed": bool(feedback.reporter_email),
                }
                return redirect("feedback_pages:thanks")
        else:
            slot.release()
    else:
        form = ReportForm(initial=arrived, category_choices=choices)
    had_photos = request.method == "POST" and bool(request.FILES.getlist("photos"))
    return render(request, "geo_feedback/report.html", {
        "form": form,
        "category_groups": choices,
        "chosen": _chosen_place(request, form),
        "searched": searched,
        "place_results": place_results,
        "photos_lost": had_photos,
        "photo_types": PHOTO_TYPES,
        "max_photos": MAX_PHOTOS,
        "map_config": {
            **_map_settings(),
            "placesUrl": "/api/v1/places/",
            "feedbackUrl": "/api/v1/feedback/",
        },
        "map_labels": {
            **_map_labels(),
            "chosen": _("Chosen place"),
            "noPlace": _("No place chosen yet."),
            "searching": _("Searching…"),
            "noResults": _("No places found. Try another name, address or postal code."),
            "results": _("Places found: choose one."),
            "searchFailed": _("The search did not work. Try again, or mark the place on the map."),
            "locating": _("Finding your location…"),
            "locateFailed": _("Your location could not be found. "
                              "Search for the place or mark it on the map."),
            "pin": _("The place of your feedback"),
            "nearbyIntro": _("Someone may already have reported this. If it is the same thing, "
                             "press “Me too” instead of sending a new report."),
            "meToo": _("Me too"),
            # The word after a count (1 supporter, 2 supporters): these languages' one plural rule, n != 1.
            "supporterOne": ngettext("supporter", "supporters", 1),
            "supporterMany": ngettext("supporter", "supporters", 2),
            "supported": _("Thank you: your support was counted."),
            "supportFailed": _("Your support could not be counted. Try again."),
            "supporters": _("supporters"),
            "metres": _("m away"),
            "open": _("Open the report"),
            "characters": _("%(count)s of %(max)s characters"),
            "tooFew": _("at least %(min)s needed"),
        },
    })


def _too_many(request, wait: int):
    """429 with Retry-After and a page that says, in the page's language, when to try again."""
    minutes = max(1, round(wait / 60))
    response = render(request, "geo_feedback/too_many.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(wait)
    return response


def _chosen_place(request, form) -> dict | None:
    """The place already chosen, so a page shown again (errors, a search) keeps it."""
    location = getattr(form, "cleaned_data", {}).get("location")
    if location is not None:
        return {"lon": round(location.x, 6), "lat": round(location.y, 6),
                "label": form.cleaned_data.get("address", "")}
    try:
        lon, lat = float(request.POST["lon"]), float(request.POST["lat"])
    except (KeyError, ValueError):
        return None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return {"lon": lon, "lat": lat, "label": request.POST.get("address", "")[:300]}


def report_thanks(request):
    """After a report: its number and the private follow link, from the reporter's session."""
    thanks = request.session.get(THANKS_SESSION_KEY)
    if not thanks:
        return redirect("feedback_pages:new")
    follow_url = request.build_absolute_uri(reverse("feedback_pages:follow", args=[thanks["token"]]))
    return render(request, "geo_feedback/thanks.html", {
        "number": thanks["number"], "follow_url": follow_url, "emailed": thanks["emailed"],
        "public_url": reverse("feedback_pages:detail", args=[thanks["number"]]),
    })


def feedback_follow(request, token: str):
    """The reporter's private page: the public facts of their report, reached by the secret link."""
    view = feedback_follow_view(token, language=_language())
    if view is None:
        raise Http404(_("This follow link is not valid."))
    response = render(request, "geo_feedback/detail.html", {
        **_detail_context(view), "private": True,
        "stop_url": reverse("feedback_pages:unfollow", args=[token]) if view.feedback.reporter_email else "",
    })
    # The token must not leak to linked sites; "same-origin", not "no-referrer", which makes browsers
    # send "Origin: null" with a form on the page, and the CSRF check refuses it.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def feedback_unfollow_page(request, token: str):
    """The stop link from an email: a button stops the emails (a GET never does: mail scanners open
    links). The token is a follower's own, or the report's follow secret for the reporter."""
    follower = FeedbackFollower.objects.select_related("feedback").filter(token=token).first()
    if follower is not None:
        feedback, reporter, stopped = follower.feedback, False, not follower.email
    else:
        feedback = Feedback.objects.filter(follow_token=token).first()
        if feedback is None:
            raise Http404(_("This link is not valid."))
        reporter, stopped = True, not feedback.reporter_email
    if request.method == "POST" and not stopped:
        if reporter:
            feedback_reporter_stop_emails(follow_token=token)
        else:
            feedback_unfollow(token=token)
        stopped = True
    response = render(request, "geo_feedback/unfollow.html", {
        "feedback": feedback, "stopped": stopped, "reporter": reporter,
        "public": Feedback.objects.public().filter(pk=feedback.pk).exists(),
    })
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def feedback_detail(request, number: str):
    """A public report's page; a rejected (spam) report is not found."""
    view = feedback_public_view(number, language=_language())
    if view is None:
        raise Http404(_("No public report has this number."))
    return render(request, "geo_feedback/detail.html", {**_detail_context(view), "private": False})


def _detail_context(view) -> dict:
    feedback = view.feedback
    return {
        "view": view,
        "feedback": feedback,
        "category_name": feedback.category.name(_language()),
        "area_name": feedback.area.name(_language()) if feedback.area else "",
        "is_praise": feedback.kind == "praise",
        "is_open": feedback.status in OPEN_STATUSES,  # "me too" is for what is still to be done
        "map_config": {**_map_settings(), "lon": view.lon, "lat": view.lat},
        "map_labels": {**_map_labels(), "pin": _("Place of the report")},
    }


@require_POST
def feedback_support_page(request, number: str):
    """"Me too" from a report's page, without JavaScript: count it and come back."""
    feedback = feedback_supportable(number)
    if feedback is None:
        raise Http404(_("No public report has this number."))
    if (wait := (slot := creation_slot(request)).wait_seconds()) is not None:
        return _too_many(request, wait)
    email = request.POST.get("email", "").strip()[:254]
    try:
        if email:
            validate_email(email)
        supported = feedback_support(feedback=feedback, email=email, browser_key=browser_key(request))
    except ValidationError:
        slot.release()
        messages.error(request, _("Give an email address like name@example.fi, or leave it empty."))
    except SupportClosed:
        slot.release()
        messages.error(request, SUPPORT_CLOSED)
    else:
        (messages.success if supported.counted else messages.info)(request, support_message(supported))
    return browser_remember(request, redirect("feedback_pages:detail", number=feedback.number))


def feedback_map(request):
    """Public reports on a map and in a paginated list, both driven by the same GET filters."""
    language = _language()
    legend = category_legend(language=language)
    form = FilterForm(request.GET or None, category_choices=category_choices_from_legend(legend),
                      area_choices=area_choices(language=language))
    if form.is_bound:
        form.is_valid()  # fields with errors are told of and left out of the filters
    page, rows = feedback_public_page(form.filters(), page_number=request.GET.get("page"), language=language)
    return render(request, "geo_feedback/map.html", {
        "form": form,
        "page": page,
        "rows": rows,
        "legend": legend,
        "statuses": [(value, label) for value, label in FeedbackStatus.choices
                     if value not in HIDDEN_STATUSES],
        "map_config": {
            **_map_settings(),
            "feedbackUrl": "/api/v1/feedback/",
            "filters": form.api_params(),
            "categories": {item["code"]: item for item in legend},
            "limit": 500,
        },
        "map_labels": {
            **_map_labels(),
            "loadFailed": _("The map could not load the reports. The list works without it."),
            "tooMany": _("The map shows the %(count)s newest reports in this view. "
                         "Zoom in or filter to see the rest."),
            "shown": _("Reports on the map: %(count)s"),
            "cluster": _("%(count)s reports close together: zoom in to see them"),
            "supporters": _("supporters"),
            "open": _("Open the report"),
        },
    })
