"""Forms of the residents' planning pages: following a plan, and a comment with its place.

The comment form parses the shape of input and finds the comment's place, whichever way it was
given (drawn on the map, an affected area chosen from a list, an address, or none: the plan as a
whole); the rules of a comment (its length, the group and age band, the drawing's validity and
distance) are ``comment_create``'s, and its refusals are put back on these fields.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib.gis.geos import GEOSGeometry, Point
from django.utils.translation import gettext_lazy as _

from city.forms import DesignSystemForm
from city.geometry import GeometryRefused, geometry_from_text
from planning.models import AgeBand, StakeholderGroup


class FollowForm(DesignSystemForm, forms.Form):
    email = forms.EmailField(label=_("Your email"), max_length=254,
                             help_text=_("We send a confirmation link first; every email has a link that stops them."))


class Place:
    """The ways a comment is placed; every one but the map works without it."""

    PLAN = "plan"  # the plan as a whole: no place
    MAP = "map"  # a point, a line or an area drawn on the map
    AREA = "area"  # one of the affected areas, chosen from a list
    ADDRESS = "address"  # an address or place found by the place search

    CHOICES = [
        (PLAN, _("The plan as a whole")),
        (MAP, _("A place I draw on the map")),
        (AREA, _("One of the areas the plan affects")),
        (ADDRESS, _("An address or a place")),
    ]


# The field beside which a refusal of the comment's place is shown, by the way it was given.
PLACE_FIELD = {Place.MAP: "geometry", Place.AREA: "area", Place.ADDRESS: "place_query", Place.PLAN: "place"}
# Where the error summary's link for a field lands: the control a resident fixes it with.
ERROR_ANCHORS = {"place": "id_place_0", "geometry": "draw-point", "place_result": "id_place_query",
                 "lon": "id_place_query", "lat": "id_place_query", "address": "id_place_query"}


class CommentForm(DesignSystemForm, forms.Form):
    """A resident's comment; its place is ``geometry`` once the form is valid (None: the whole plan)."""

    text = forms.CharField(label=_("Your comment"), required=False, strip=False,
                           widget=forms.Textarea(attrs={"rows": 6}))
    place = forms.ChoiceField(label=_("What is your comment about?"), choices=Place.CHOICES, required=False,
                              widget=forms.RadioSelect)
    geometry = forms.CharField(required=False, widget=forms.HiddenInput)  # GeoJSON in WGS84, from the map
    area = forms.CharField(label=_("Area"), required=False, max_length=40, widget=forms.Select)
    place_query = forms.CharField(label=_("Search for an address or a place"), required=False, max_length=100)
    place_result = forms.CharField(required=False, max_length=400)  # a result found on the server: "lon,lat;label"
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    address = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    group = forms.CharField(label=_("You comment as (optional)"), required=False, max_length=32,
                            widget=forms.Select(choices=[("", _("Not said")), *StakeholderGroup.choices]))
    age_band = forms.CharField(label=_("Your age (optional)"), required=False, max_length=10,
                               widget=forms.Select(choices=[("", _("Not said")), *AgeBand.choices]))

    def __init__(self, *args, area_choices=(), area_point: Callable[[str], GEOSGeometry | None] | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].widget.choices = [("", _("Choose an area")), *area_choices]
        self.area_point = area_point

    @property
    def chosen_place(self) -> str:
        value = self.data.get("place") if self.is_bound else self.initial.get("place")
        return value if value in dict(Place.CHOICES) else Place.PLAN

    def clean(self):
        data = super().clean()
        place = data.get("place") or Place.PLAN
        data["place"] = place
        for hidden in ("lon", "lat", "address"):  # tampered with or lost: say it at the place search
            if hidden in self._errors:
                del self._errors[hidden]
                if place == Place.ADDRESS and "place_query" not in self._errors:
                    self.add_error("place_query", _("The place could not be read. Search for it again."))
        geometry = None
        if place == Place.MAP:
            geometry = self._drawing(data.get("geometry", ""))
        elif place == Place.AREA:
            geometry = self._area(data.get("area", ""))
        elif place == Place.ADDRESS:
            geometry = self._address(data)
        data["geometry"] = geometry
        return data

    def _drawing(self, text: str) -> GEOSGeometry | None:
        if not text.strip():
            self.add_error("geometry", _("Draw on the map first, or choose another way to place your comment."))
            return None
        try:
            return geometry_from_text(text, srid=4326)
        except GeometryRefused:
            self.add_error("geometry", _("The drawing could not be read. Draw it again."))
            return None

    def _area(self, code: str) -> GEOSGeometry | None:
        point = self.area_point(code) if code and self.area_point else None
        if point is None:
            self.add_error("area", _("Choose one of the areas in the list."))
        return point

    def _address(self, data) -> GEOSGeometry | None:
        lon, lat = data.get("lon"), data.get("lat")
        if lon is not None and lat is not None:
            return Point(lon, lat, srid=4326)
        coordinates, _sep, label = (data.get("place_result") or "").partition(";")
        try:
            lon, lat = (float(part) for part in coordinates.split(","))
        except ValueError:
            lon = lat = None
        if lon is None or not (-180 <= lon <= 180 and -90 <= lat <= 90):
            if "place_query" not in self._errors:
                self.add_error("place_query", _("Search for the address and choose one of the places found."))
            return None
        data["address"] = data.get("address") or label.strip()[:300]
        return Point(lon, lat, srid=4326)

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        """Put comment_create's refusals beside the fields a resident can fix."""
        for key, messages in errors.items():
            field = PLACE_FIELD[self.cleaned_data.get("place", Place.PLAN)] if key == "geometry" else key
            for message in messages:
                self.add_error(None if field == "__all__" else field, message)

    def error_links(self) -> list[tuple[str, str]]:
        """(anchor id, message) for the error summary, in the order of the fields on the page."""
        links = []
        for name in ["__all__", *self.fields]:
            for message in self.errors.get(name, []):
                anchor = "error-summary" if name == "__all__" else ERROR_ANCHORS.get(name, f"id_{name}")
                links.append((anchor, message))
        return links
