"""Forms of the residents' proposal pages and of the officials' review.

The proposal form reads the shape of the input and the proposal's place, whichever way it was given
(a point picked on the map or by keyboard, an address found by the place search, the whole of a
budget area chosen from a list, or the whole city); the rules are the services' and their refusals
are put back beside these fields.
"""

from __future__ import annotations

from django import forms
from django.contrib.gis.geos import Point
from django.utils.translation import gettext_lazy as _

from city.forms import DesignSystemForm
from planning.models import PROPOSAL_COMMENT_MAX, ProposalCommentKind, ProposalStatus


class ProposalPlace:
    POINT = "point"  # a point: picked on the map, by keyboard, or found by the place search
    AREA = "area"  # the whole of one budget area
    CITY = "city"  # the whole city (only when the round has city-wide money)


# Where a service's refusal of a field is shown, and where the error summary's link lands.
ERROR_ANCHORS = {"location": "proposal-place", "place": "proposal-place", "lon": "proposal-place",
                 "lat": "proposal-place", "photos": "id_photos", "__all__": "error-summary"}


class ProposalForm(DesignSystemForm, forms.Form):
    """A resident's proposal; once valid, ``cleaned_data`` has ``location`` (WGS84) and ``area``."""

    title = forms.CharField(label=_("Title"), required=False, max_length=400)
    description = forms.CharField(label=_("Description"), required=False, strip=False,
                                  widget=forms.Textarea(attrs={"rows": 8}))
    place = forms.ChoiceField(label=_("Where?"), required=False, widget=forms.RadioSelect)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    address = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    place_query = forms.CharField(label=_("Search for an address or a place"), required=False, max_length=100)
    place_result = forms.CharField(required=False, max_length=400)  # a server search's choice: "lon,lat;label"
    location = forms.CharField(required=False, widget=forms.HiddenInput)  # carries refusals of the point
    area = forms.CharField(label=_("Budget area"), required=False, max_length=40, widget=forms.Select)
    photo_alt_text = forms.CharField(label=_("What the photos show (for those who cannot see them)"),
                                     required=False, max_length=200)
    author_name = forms.CharField(label=_("Your name, shown with the proposal (optional)"), required=False,
                                  max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    author_email = forms.CharField(label=_("Your email for news of the proposal (optional, never shown)"),
                                   required=False, max_length=254,
                                   widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    photos = forms.CharField(required=False, widget=forms.HiddenInput)  # carries refusals of the photos

    def __init__(self, *args, areas=(), city_wide: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = {area.code: area for area in areas}
        choices = [(ProposalPlace.POINT, _("A place on the map")),
                   (ProposalPlace.AREA, _("The whole of a budget area"))]
        if city_wide:
            choices.append((ProposalPlace.CITY, _("The whole city")))
        self.fields["place"].choices = choices
        self.fields["area"].widget.choices = [("", _("Choose an area")), *[(a.code, a.name_fi) for a in areas]]

    def area_choices(self, language: str) -> list[tuple[str, str]]:
        return [(code, area.name(language)) for code, area in self.areas.items()]

    @property
    def chosen_place(self) -> str:
        value = self.data.get("place") if self.is_bound else self.initial.get("place")
        return value if value in dict(self.fields["place"].choices) else ProposalPlace.POINT

    def clean(self):
        data = super().clean()
        place = data.get("place") or ProposalPlace.POINT
        data["place"] = place
        for hidden in ("lon", "lat", "address"):  # tampered with: say it where the place is chosen
            if hidden in self._errors:
                del self._errors[hidden]
                self.add_error("location", _("The place could not be read. Choose it again."))
        data["location"], data["area"] = None, None
        if place == ProposalPlace.POINT:
            data["location"] = self._point(data)
        elif place == ProposalPlace.AREA:
            code = self.data.get("area", "")
            if code not in self.areas:
                self.add_error("area", _("Choose one of the budget areas in the list."))
            else:
                data["area"] = self.areas[code]
        return data

    def _point(self, data) -> Point | None:
        lon, lat = data.get("lon"), data.get("lat")
        if lon is not None and lat is not None:
            return Point(lon, lat, srid=4326)
        coordinates, _sep, label = (data.get("place_result") or "").partition(";")
        try:
            lon, lat = (float(part) for part in coordinates.split(","))
        except ValueError:
            lon = lat = None
        if lon is None or not (-180 <= lon <= 180 and -90 <= lat <= 90):
            if "location" not in self._errors:
                self.add_error("location", _("Choose the place on the map, or search for an address and choose "
                                             "one of the places found, or choose another way."))
            return None
        data["address"] = data.get("address") or label.strip()[:300]
        return Point(lon, lat, srid=4326)

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            for message in messages:
                self.add_error(None if field == "__all__" else field, message)

    def error_links(self) -> list[tuple[str, str]]:
        links = []
        for name in ["__all__", *self.fields]:
            for message in self.errors.get(name, []):
                links.append((ERROR_ANCHORS.get(name, f"id_{name}"), message))
        return links


class ProposalCommentForm(DesignSystemForm, forms.Form):
    kind = forms.ChoiceField(label=_("Is it a comment or an addition to the proposal?"),
                             choices=ProposalCommentKind.choices, initial=ProposalCommentKind.COMMENT,
                             widget=forms.RadioSelect)
    text = forms.CharField(label=_("Your comment"), max_length=PROPOSAL_COMMENT_MAX, strip=False,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": _("Write your comment.")})
    author_name = forms.CharField(label=_("Your name, shown with the comment (optional)"), required=False,
                                  max_length=80)


class ProposalReviewForm(DesignSystemForm, forms.Form):
    feasible = forms.TypedChoiceField(
        label=_("Is the proposal feasible?"), widget=forms.RadioSelect, coerce=lambda value: value == "yes",
        choices=[("yes", _("Feasible")), ("no", _("Not feasible"))],
        error_messages={"required": _("Choose whether the proposal is feasible.")})
    cost = forms.IntegerField(label=_("Cost estimate (€, whole euros)"), required=False, min_value=1,
                              max_value=2**31 - 1)
    note = forms.CharField(label=_("Note (public): why it is not feasible, or what the estimate covers"),
                           required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            for message in messages:
                self.add_error(None if field == "__all__" else field, message)


class ProposalMergeForm(DesignSystemForm, forms.Form):
    into = forms.TypedChoiceField(label=_("Merge into"), coerce=int,
                                  error_messages={"required": _("Choose the proposal to merge it into."),
                                                  "invalid_choice": _("Choose the proposal to merge it into.")})
    note = forms.CharField(label=_("Note (public, optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = [("", _("Choose a proposal")),
                                       *[(p.pk, f"#{p.pk} {p.title}") for p in targets]]

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            for message in messages:
                self.add_error(None if field == "__all__" else field, message)


STATUS_FILTER_CHOICES = [("", _("All"))] + [(v, label) for v, label in ProposalStatus.choices
                                           if v != ProposalStatus.WITHDRAWN]
