"""API conventions shared by every app: language negotiation and the GeoJSON media type."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.http import HttpResponse
from django.utils import translation
from rest_framework.exceptions import ValidationError
from rest_framework.views import APIView

from config.bodies import JSONRenderer

GEOJSON = "application/geo+json"


def without_nul(name: str, value: str) -> str:
    """``value``, or a 400 naming ``name`` if it holds a NUL character (PostgreSQL text cannot)."""
    try:
        ProhibitNullCharactersValidator()(value)
    except DjangoValidationError as error:
        raise ValidationError({name: error.messages}) from None
    return value


def api_language(request) -> str:
    """``?lang=`` first, then the cookie and Accept-Language, then Finnish.

    The pages carry their language in the URL (/, /sv/, /en/); the API has no prefix, so
    Django's LocaleMiddleware would give it Finnish whatever the client asks for.
    """
    supported = {code for code, _name in settings.LANGUAGES}
    asked = (request.GET.get("lang") or "")[:2].lower()
    if asked in supported:
        return asked
    return translation.get_language_from_request(request, check_path=False)


class GeoJSONRenderer(JSONRenderer):
    """Lets clients ask for ``Accept: application/geo+json`` (RFC 7946); errors stay plain JSON."""

    media_type = GEOJSON
    format = "geojson"


def feature_response(request, text: str, *, status_code: int = 200) -> HttpResponse:
    """GeoJSON the database wrote, as the negotiated JSON or GeoJSON media type, unparsed."""
    return HttpResponse(text, status=status_code, content_type=request.accepted_renderer.media_type)


def next_page_url(request, next_cursor: str | None) -> str | None:
    """The address of a keyset-paged list's following page: the request's own query with the cursor
    replaced; None on the last page."""
    if not next_cursor:
        return None
    params = request.query_params.copy()
    params["cursor"] = next_cursor
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def collection_response(request, features_json: str, *, next_cursor: str | None = None) -> HttpResponse:
    """A page of features the database wrote, as a FeatureCollection whose ``next`` is the address of
    the following page, or null on the last page."""
    body = ('{"type": "FeatureCollection", "next": ' + json.dumps(next_page_url(request, next_cursor))
            + ', "features": ' + features_json + "}")
    return HttpResponse(body, content_type=GEOJSON)


def json_response(body) -> HttpResponse:
    """Plain JSON (not GeoJSON) a view built itself, its letters as they are (ä, not \\u00e4)."""
    return HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/json")


class LocalizedAPIView(APIView):
    """An API view whose messages and names follow the client's language."""

    renderer_classes = [JSONRenderer, GeoJSONRenderer]

    def initial(self, request, *args, **kwargs):
        self.language = api_language(request)
        translation.activate(self.language)
        request.LANGUAGE_CODE = self.language
        super().initial(request, *args, **kwargs)
