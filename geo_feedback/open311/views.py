"""Open311 GeoReport v2 endpoints: parse, call one selector or service, render as JSON or XML.

Plain Django views (not DRF): Open311 has its own specification, error shape and formats, and
these endpoints stay out of the /api/v1/ OpenAPI schema.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from config.bodies import BODY_LIMITS, body_refusal
from geo_feedback.open311 import selectors
from geo_feedback.open311.errors import Open311Error
from geo_feedback.open311.params import (
    extensions_param,
    form_data,
    jurisdiction_check,
    language_choose,
    new_request_parse,
    requests_query_parse,
    unstorable_text_refuse,
)
from geo_feedback.open311.renderers import FORMATS, render, render_document
from geo_feedback.open311.representation import requests_sql, service_data, service_notice
from geo_feedback.open311.services import open311_key_authenticate, open311_request_create
from geo_feedback.open311.throttling import open311_wait_seconds

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this API's discovery document last changed; later changes to the services come from the admin log.
CHANGESET = datetime(2026, 11, 28, tzinfo=UTC)


def _errors(error: Open311Error, response_format: str):
    return render(error.as_data(), response_format=response_format, root="errors", status=error.status)


def open311_endpoint(*methods: str):
    """Wrap a view with what every Open311 endpoint shares.

    The format comes from the URL's suffix; the language from ``locale`` or Accept-Language; a
    foreign jurisdiction_id is a 404; any Open311Error becomes the spec's list of errors.
    """
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorator(func):
        @csrf_exempt  # clients authenticate with api_key, never with a session cookie
        @wraps(func)
        def view(request, response_format: str, **kwargs):
            response_format = response_format.lower()
            fmt = response_format if response_format in FORMATS else "json"
            # The query's locale (or Accept-Language) already speaks for a body that cannot be read.
            try:
                language = language_choose(request, request.GET.get("locale"))
            except Open311Error:  # a malformed locale is refused below, in the default language
                language = settings.LANGUAGE_CODE
            try:
                with translation.override(language):  # a body it cannot read is told of in this language
                    data = form_data(request) if request.method == "POST" else request.GET
                language = language_choose(request, data.get("locale") or request.GET.get("locale"))
                with translation.override(language):
                    unstorable_text_refuse(data, kwargs)
                    if data is not request.GET:
                        unstorable_text_refuse(request.GET, {})
                    if request.method not in allowed:
                        response = _errors(Open311Error(405, _("This address takes only %(methods)s.") % {
                            "methods": ", ".join(sorted(methods))}), fmt)
                        response["Allow"] = ", ".join(sorted(allowed))
                    elif response_format not in FORMATS:
                        raise Open311Error(400, [(400, "format: " + _(
                            "“.%(format)s” is not a format of this API: end the address with .json or .xml."
                        ) % {"format": response_format[:20]})])
                    else:
                        jurisdiction_check(data.get("jurisdiction_id") or request.GET.get("jurisdiction_id"))
                        response = func(request, data=data, response_format=fmt, language=language, **kwargs)
            except Open311Error as error:
                with translation.override(language):
                    response = _errors(error, fmt)
            except BODY_LIMITS as error:
                with translation.override(language):
                    status, message = body_refusal(error)
                    response = _errors(Open311Error(status, [(status, message)]), fmt)
            except MultiPartParserError as error:
                with translation.override(language):
                    response = _errors(Open311Error(400, _("The request's body could not be read: %(error)s") % {
                        "error": error}), fmt)
            patch_vary_headers(response, ["Accept-Language"])
            response["Content-Language"] = language
            return response

        return view

    return decorator


@open311_endpoint("GET")
def discovery(request, *, data, response_format, language):
    """Where the endpoints are and which formats they speak (Open311 Service Discovery)."""
    changed = max(CHANGESET, selectors.services_changed_at() or CHANGESET)
    contact = settings.DEFAULT_FROM_EMAIL
    document = {
        "changeset": changed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "contact": _("Questions about this API: %(email)s") % {"email": contact},
        "key_service": _("Keys for sending requests are given by the city's administrators; ask at %(email)s.")
        % {"email": contact},
        "endpoints": [{
            "specification": SPECIFICATION,
            "url": request.build_absolute_uri("/open311/v2"),
            "changeset": changed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "type": "test" if settings.DEBUG else "production",
            "formats": ["text/xml", "application/json"],
        }],
    }
    return render(document, response_format=response_format, root="discovery")


@open311_endpoint("GET")
def service_list(request, *, data, response_format, language):
    """GET services: every active category as a service."""
    services = [service_data(category, language) for category in selectors.service_list()]
    return render(services, response_format=response_format, root="services")


@open311_endpoint("GET")
def service_definition(request, *, data, response_format, language, service_code: str):
    """GET services/{code}: our services have no extra attributes, so the list is empty."""
    category = selectors.service_get(service_code)
    if category is None or not category.is_active:
        raise Open311Error(404, [(404, "service_code: " + _("No service has the code “%(code)s”.") % {
            "code": service_code[:50]})])
    definition = {"service_code": category.service_code, "attributes": []}
    return render(definition, response_format=response_format, root="service_definition")


@open311_endpoint("GET", "POST")
def requests(request, *, data, response_format, language):
    """GET requests: public requests, filtered. POST requests: a new request, with an api_key."""
    if request.method == "POST":
        return _request_create(request, data=data, response_format=response_format, language=language)
    query = requests_query_parse(request.GET)
    unknown = selectors.service_codes_unknown(query.service_codes) if query.service_codes else []
    if unknown:
        raise Open311Error(400, [(400, "service_code: " + _("No service has the code “%(code)s”.") % {
            "code": code[:50]}) for code in unknown])
    sql = requests_sql(response_format=response_format, language=language, extensions=query.extensions,
                       absolute=request.build_absolute_uri)
    return render_document(selectors.requests_document(query, sql), response_format=response_format)


def _request_create(request, *, data, response_format, language):
    api_key = open311_key_authenticate(data.get("api_key") or request.GET.get("api_key"))
    new = new_request_parse(data, request.FILES)
    limited = open311_wait_seconds(request, api_key)
    if limited is not None:
        what, wait = limited
        message = (_("Too many requests from this api_key: try again in %(seconds)d seconds.") if what == "api_key"
                   else _("Too many requests from this address: try again in %(seconds)d seconds."))
        response = _errors(Open311Error(429, message % {"seconds": wait}), response_format)
        response["Retry-After"] = str(wait)
        return response
    result = open311_request_create(api_key=api_key, new=new, language=language,
                                    idempotency_key=request.headers.get("Idempotency-Key", "")[:150])
    feedback = result.feedback
    body = [{
        "service_request_id": feedback.number,
        "service_notice": service_notice(target_days=feedback.category.target_days,
                                         department=feedback.department.name(language),
                                         external=feedback.department.is_external),
        "account_id": None,
    }]
    return render(body, response_format=response_format, root="service_requests")


@open311_endpoint("GET")
def request_detail(request, *, data, response_format, language, service_request_id: str):
    """GET requests/{id}: one public request, as a list of one (GeoReport v2)."""
    extensions = extensions_param(request.GET)
    sql = requests_sql(response_format=response_format, language=language, extensions=extensions,
                       absolute=request.build_absolute_uri)
    document = selectors.request_document(service_request_id, sql)
    if document is None:
        raise Open311Error(404, [(404, "service_request_id: " + _("No public request has the id “%(id)s”.") % {
            "id": service_request_id[:50]})])
    return render_document(document, response_format=response_format)


@open311_endpoint("GET")
def token(request, *, data, response_format, language, token: str):
    """GET tokens/{token}: requests are created at once and their token is their id, so this echoes it."""
    number = selectors.token_number(token)
    if number is None:
        raise Open311Error(404, [(404, "token: " + _("No request has the token “%(token)s”.") % {
            "token": token[:50]})])
    return render([{"service_request_id": number, "token": token}], response_format=response_format,
                  root="service_requests")


@csrf_exempt
def not_found(request, path: str = ""):
    """Anything else under /open311/v2/: the spec's 404, in the format the address asks for."""
    response_format = "xml" if path.lower().endswith(".xml") else "json"
    try:
        language = language_choose(request, request.GET.get("locale"))
    except Open311Error:
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        return _errors(Open311Error(404, _(
            "There is nothing at this address. The endpoints are discovery, services, services/{service_code}, "
            "requests, requests/{service_request_id} and tokens/{token}, each ending in .json or .xml."
        )), response_format)
