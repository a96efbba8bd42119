"""Form fields of the city core that other forms share: a boundary held to ``city.geometry``'s rules."""

from django import forms as django_forms
from django.contrib.gis import forms
from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from city.geometry import GeometryRefused, boundary_clean, geometry_from_text
from city.querysets import transformed


class BoundaryField(forms.MultiPolygonField):
    """A MultiPolygon from a map widget or text, refused with the reason or repaired as the importer would."""

    default_error_messages = {
        "refused": _("The boundary cannot be stored: %(reason)s."),
    }

    def to_python(self, value):
        if value in self.empty_values or not isinstance(value, str):
            return super().to_python(value)
        try:
            geometry = geometry_from_text(value)
        except GeometryRefused as refusal:
            raise ValidationError(self.error_messages["refused"], code="refused",
                                  params={"reason": str(refusal)}) from None
        if value.lstrip().startswith("{"):  # GeoJSON from the map widget is in the map's SRID
            geometry.srid = getattr(self.widget, "map_srid", None) or 4326
        return geometry

    def clean(self, value):
        # Read and required-checked as any field; the type is boundary_clean's to judge (a Polygon
        # becomes a MultiPolygon, a line is refused with the same kind of reason as in an import).
        geometry = django_forms.Field.clean(self, value)
        if geometry is None:
            return None
        if self.srid and geometry.srid != self.srid:
            try:
                geometry = transformed(geometry, self.srid)
            except (GEOSException, GDALException):
                raise ValidationError(self.error_messages["transform_error"], code="transform_error") from None
        try:
            boundary, _note = boundary_clean(geometry)
        except GeometryRefused as refusal:
            raise ValidationError(self.error_messages["refused"], code="refused",
                                  params={"reason": str(refusal)}) from None
        return boundary


# The Helsinki Design System's class for each kind of widget (static/vendor/hds-core): text-like
# inputs, selects and text areas take the text input's look, choices the radio button's or checkbox's.
_CHOICE_CLASSES = {"radio": "hds-radio-button__input", "checkbox": "hds-checkbox__input"}
_PLAIN_TYPES = {"hidden", "file", "submit", "button", "image", "reset"}


class DesignSystemForm:
    """A form whose widgets carry the design system's classes, so templates only lay fields out.

    Mixed in before ``forms.Form``; templates that loop over fields (``_fields.html``) add the
    wrappers. A widget that already has a class keeps it and gains the system's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = design_system_class(field.widget)
            if css:
                existing = field.widget.attrs.get("class", "")
                if css not in existing.split():
                    field.widget.attrs["class"] = f"{existing} {css}".strip()


def design_system_class(widget) -> str:
    """The HDS class of a widget's input element, or "" for those HDS leaves alone."""
    input_type = getattr(widget, "input_type", None)
    if input_type in _CHOICE_CLASSES:
        return _CHOICE_CLASSES[input_type]
    if input_type in _PLAIN_TYPES:
        return ""
    return "hds-text-input__input"
