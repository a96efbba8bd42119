"""Forms of the resident pages: the report form and the public list's filters.

The forms parse and check the shape of input; the rules of a report (length, place inside the
city, photos) are the service's, and its FeedbackInvalid errors are put back on these fields.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib.gis.geos import Point
from django.core.validators import MaxValueValidator, RegexValidator
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from city.forms import DesignSystemForm
from geo_feedback.models import FeedbackKind
from geo_feedback.models.feedback import DESCRIPTION_MAX, DESCRIPTION_MIN
from geo_feedback.selectors import FeedbackFilters
from geo_feedback.statuses import HIDDEN_STATUSES, FeedbackStatus

PHOTO_TYPES = "image/jpeg,image/png,image/webp"

# The service's error keys, and the form field each is shown beside.
SERVICE_FIELDS = {"category": "category", "kind": "kind", "description": "description",
                  "location": "place_query", "photos": "photos"}
# Where the error summary's link for a field lands: the control a resident fixes it with.
ERROR_ANCHORS = {"kind": "id_kind_0", "place": "id_place_query", "lon": "id_place_query",
                 "lat": "id_place_query", "address": "id_place_query"}


class ReportForm(DesignSystemForm, forms.Form):
    """A resident's report; ``lon``/``lat`` come from the map, the place search or the device."""

    category = forms.ChoiceField(label=_("Topic"), error_messages={"required": _("Choose a topic.")})
    kind = forms.ChoiceField(
        label=_("What kind of feedback is it?"), choices=FeedbackKind.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose fault, idea, question or praise.")},
    )
    place_query = forms.CharField(label=_("Search for a place, address or postal code"), required=False,
                                  max_length=100)
    place = forms.CharField(required=False, max_length=400)  # a chosen search result: "lon,lat;label"
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    address = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}), max_length=DESCRIPTION_MAX,
    )
    # The files themselves go straight to the service, which checks and cleans them; the field
    # is here so that its errors have a place beside the file input.
    photos = forms.Field(label=_("Photos"), required=False)
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    email = forms.EmailField(label=_("Email"), required=False,
                             error_messages={"invalid": _("Give an email address like name@example.fi.")})
    phone = forms.CharField(
        label=_("Phone"), required=False, max_length=40,
        validators=[RegexValidator(r"^[0-9+()\- ]{5,40}$", _("Give a phone number with digits only."))],
    )

    def __init__(self, *args, category_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Choose a topic"))] + list(category_choices)
        # Formatted here, not at import, so the message is in the language of the request.
        self.fields["description"].error_messages["required"] = _(
            "Tell a little more: at least %(min)d characters."
        ) % {"min": DESCRIPTION_MIN}

    def clean(self):
        data = super().clean()
        # Hidden coordinates that do not parse were tampered with or lost: show it at the place search.
        broken = [hidden for hidden in ("lon", "lat", "address") if hidden in self._errors]
        for hidden in broken:
            del self._errors[hidden]
        if broken:
            self.add_error("place_query", _("The place could not be read. Choose it again."))
        lon, lat = data.get("lon"), data.get("lat")
        location = None
        if lon is not None and lat is not None:
            location = Point(lon, lat, srid=4326)
        elif data.get("place"):
            location, label = self._chosen_place(data["place"])
            if location is None:
                self.add_error("place_query", _("Choose one of the places found, or search again."))
            elif not data.get("address"):
                data["address"] = label
        data["location"] = location
        return data

    @staticmethod
    def _chosen_place(value: str) -> tuple[Point | None, str]:
        coordinates, _sep, label = value.partition(";")
        try:
            lon, lat = (float(part) for part in coordinates.split(","))
        except ValueError:
            return None, ""
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return None, ""
        return Point(lon, lat, srid=4326), label.strip()[:300]

    def error_links(self) -> list[tuple[str, str]]:
        """(anchor id, message) for the error summary, in the order of the fields on the page."""
        links = []
        for name in list(self.fields) + ["__all__"]:
            for message in self.errors.get(name, []):
                links.append((ERROR_ANCHORS.get(name, f"id_{name}" if name != "__all__" else "error-summary"),
                              message))
        return links

    def add_service_errors(self, message_dict: dict[str, list[str]]) -> None:
        """Put the service's FeedbackInvalid messages beside the fields a resident can fix."""
        for key, messages in message_dict.items():
            field = SERVICE_FIELDS.get(key)
            for message in messages:
                self.add_error(field, message)


# "Until the end of 9999-12-31" is past the largest date there is: a filter's last day comes before.
LAST_DAY = date(9998, 12, 31)
before_9999 = MaxValueValidator(LAST_DAY, message=_("Give a day before the year 9999."))


def _attrs(attrs: dict) -> str:
    """HTML attributes as Django's attrs.html writes them: True bare, False left out."""
    return "".join(format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
                   for name, value in attrs.items() if value is not False)


class QuickSelect(forms.Select):
    """A <select> written in Python, the same HTML as Django's template. The public list's filters
    have some 130 options, and rendering each through its template cost a quarter of the page."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"', widget["name"]), mark_safe(_attrs(widget["attrs"])), mark_safe(">")]
        for group_name, options, _index in widget["optgroups"]:
            items = format_html_join("", '\n  <option value="{}"{}>{}</option>\n',
                                     ((option["value"], mark_safe(_attrs(option["attrs"])), option["label"])
                                      for option in options))
            parts.append(format_html('\n  <optgroup label="{}">{}\n  </optgroup>', group_name, items)
                         if group_name else items)
        parts.append(mark_safe("\n</select>"))
        return mark_safe("".join(parts))


class FilterForm(DesignSystemForm, forms.Form):
    """The public map and list filters; a value that does not fit is ignored and told of."""

    category = forms.ChoiceField(label=_("Topic"), required=False, widget=QuickSelect)
    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=QuickSelect)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=QuickSelect)
    area = forms.ChoiceField(label=_("Area"), required=False, widget=QuickSelect)
    created_after = forms.DateField(label=_("Received on or after"), required=False, validators=[before_9999],
                                    widget=forms.DateInput(attrs={"type": "date"}))
    created_before = forms.DateField(label=_("Received on or before"), required=False, validators=[before_9999],
                                     widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, category_choices=(), area_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All topics"))] + list(category_choices)
        self.fields["kind"].choices = [("", _("All kinds"))] + list(FeedbackKind.choices)
        self.fields["status"].choices = [("", _("All statuses"))] + [
            (value, label) for value, label in FeedbackStatus.choices if value not in HIDDEN_STATUSES
        ]
        self.fields["area"].choices = [("", _("All areas"))] + list(area_choices)

    def clean(self):
        data = super().clean()
        after, before = data.get("created_after"), data.get("created_before")
        if after and before and after > before:
            self.add_error("created_before", _("The end date is before the start date."))
        return data

    def filters(self) -> FeedbackFilters:
        """The valid filters; fields with errors count as not given."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return FeedbackFilters(
            categories=(data["category"],) if data.get("category") else (),
            kinds=(data["kind"],) if data.get("kind") else (),
            statuses=(data["status"],) if data.get("status") else (),
            area_code=data.get("area") or "",
            created_after=data.get("created_after"),
            created_before=data.get("created_before") if "created_before" not in self.errors else None,
        )

    def api_params(self) -> dict[str, str]:
        """The same filters as GET parameters of /api/v1/feedback/."""
        filters = self.filters()
        params = {
            "category": ",".join(filters.categories), "kind": ",".join(filters.kinds),
            "status": ",".join(filters.statuses), "area": filters.area_code,
            "created_after": filters.created_after.isoformat() if filters.created_after else "",
            "created_before": filters.created_before.isoformat() if filters.created_before else "",
        }
        return {key: value for key, value in params.items() if value}
