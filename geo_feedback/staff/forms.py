"""Forms of the staff pages. Each action form carries the ``version`` of the ticket the page showed:
the service compares it, so a change made meanwhile by someone else is never overwritten."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import Point
from django.utils.translation import gettext_lazy as _

from city.forms import DesignSystemForm
from city.models import Department, StaffRole
from geo_feedback.forms import ReportForm
from geo_feedback.models import Category, Channel, FeedbackKind
from geo_feedback.models.feedback import DESCRIPTION_MAX, DESCRIPTION_MIN

NOTE_MAX = 5000


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class AccessibleErrors:
    """Fields with errors say so to screen readers: aria-invalid, and the message as description."""

    def _mark_invalid(self) -> None:
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            ids = [f"{bound.auto_id}-error"] + ([f"{bound.auto_id}_helptext"] if self.fields[name].help_text else [])
            self.fields[name].widget.attrs.update({"aria-invalid": "true", "aria-describedby": " ".join(ids)})

    def full_clean(self):
        super().full_clean()
        self._mark_invalid()

    def add_error(self, field, error):
        super().add_error(field, error)
        self._mark_invalid()


class ActionForm(AccessibleErrors, DesignSystemForm, forms.Form):
    """Every action on a ticket: the version the page showed goes back with it."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class RouteForm(ActionForm):
    """Give the ticket to a city department, optionally to one handler there."""

    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(),
                                        empty_label=_("Choose a department"))
    handler = forms.ModelChoiceField(label=_("Handler (optional)"), queryset=get_user_model().objects.none(),
                                     required=False, empty_label=_("The whole department"))
    public_note = forms.CharField(label=_("Public note (optional)"), required=False, max_length=NOTE_MAX,
                                  widget=_textarea(2))
    internal_note = forms.CharField(label=_("Internal note (optional)"), required=False, max_length=NOTE_MAX,
                                    widget=_textarea(2))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(is_external=False)
        self.fields["handler"].queryset = get_user_model().objects.filter(
            staff_profile__roles__contains=[StaffRole.HANDLER], is_active=True).select_related("staff_profile__department")
        self.fields["handler"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.get_username()} ({user.staff_profile.department})")

    def clean(self):
        data = super().clean()
        department, handler = data.get("department"), data.get("handler")
        if department and handler and handler.staff_profile.department_id != department.pk:
            self.add_error("handler", _("This handler works in another department."))
        return data


class ForwardForm(ActionForm):
    """Forward the ticket to an outside body (the wellbeing services county, say)."""

    department = forms.ModelChoiceField(label=_("Outside body"), queryset=Department.objects.none(),
                                        empty_label=_("Choose an outside body"))
    public_note = forms.CharField(
        label=_("Public note (optional)"), required=False, max_length=NOTE_MAX, widget=_textarea(2),
        help_text=_("Left empty, the resident is told which body the feedback was forwarded to."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(is_external=True)


class RecategoriseForm(ActionForm):
    category = forms.ModelChoiceField(label=_("New topic"), queryset=Category.objects.none(),
                                      empty_label=_("Choose a topic"))
    internal_note = forms.CharField(label=_("Internal note (optional)"), required=False, max_length=NOTE_MAX,
                                    widget=_textarea(2))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(is_active=True).select_related("department")


class MoveForm(ActionForm):
    """The pin's new place in WGS84; the map fills these, or staff type them."""

    lat = forms.FloatField(label=_("Latitude (N)"), min_value=-90, max_value=90,
                           widget=forms.NumberInput(attrs={"step": "any"}))
    lon = forms.FloatField(label=_("Longitude (E)"), min_value=-180, max_value=180,
                           widget=forms.NumberInput(attrs={"step": "any"}))
    internal_note = forms.CharField(label=_("Internal note (optional)"), required=False, max_length=NOTE_MAX,
                                    widget=_textarea(2))

    def point(self) -> Point:
        return Point(self.cleaned_data["lon"], self.cleaned_data["lat"], srid=4326)


class MergeForm(ActionForm):
    """The original is picked from the nearby tickets (list or map), or typed as a number."""

    into = forms.CharField(label=_("Nearby open tickets, nearest first"), required=False, max_length=32)
    into_other = forms.CharField(label=_("Or the number of another ticket"), required=False, max_length=32)
    public_note = forms.CharField(
        label=_("Public note (optional)"), required=False, max_length=NOTE_MAX, widget=_textarea(2),
        help_text=_("Left empty, the resident is told the number of the original ticket."))

    def clean(self):
        data = super().clean()
        data["into"] = (data.get("into_other") or "").strip() or (data.get("into") or "").strip()
        if not data["into"]:
            self.add_error("into", _("Choose the original ticket."))
        return data


class RejectForm(ActionForm):
    internal_note = forms.CharField(label=_("Why (internal note)"), required=False, max_length=NOTE_MAX,
                                    widget=_textarea(2))


class RequestInfoForm(ActionForm):
    question = forms.CharField(label=_("Question to the reporter"), max_length=NOTE_MAX, widget=_textarea(3))


class RedactForm(ActionForm):
    description = forms.CharField(label=_("Description without personal data"), max_length=DESCRIPTION_MAX,
                                  widget=_textarea(6))
    hide_photos = forms.TypedMultipleChoiceField(label=_("Hide these photos from the public"), required=False,
                                                 coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, photos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hide_photos"].choices = [
            (photo.pk, _("Photo %(n)s") % {"n": index}) for index, photo in enumerate(photos, start=1)
            if photo.is_public]


class ReplyForm(ActionForm):
    text = forms.CharField(label=_("Public reply"), max_length=NOTE_MAX, widget=_textarea(6),
                           help_text=_("Shown on the public page and emailed to the reporter and followers."))


class NoteForm(ActionForm):
    text = forms.CharField(label=_("Internal note"), max_length=NOTE_MAX, widget=_textarea(3),
                           help_text=_("Seen by staff only."))


class StatusNoteForm(ActionForm):
    """In progress, handled, back to triage: a status change with its notes."""

    public_note = forms.CharField(label=_("Public note"), required=False, max_length=NOTE_MAX, widget=_textarea(3),
                                  help_text=_("Shown on the public page and emailed to the reporter and followers."))
    internal_note = forms.CharField(label=_("Internal note (optional)"), required=False, max_length=NOTE_MAX,
                                    widget=_textarea(2))


class HandledForm(StatusNoteForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The resident is owed an answer when the city says the matter is done.
        self.fields["public_note"].required = True
        self.fields["public_note"].error_messages["required"] = _("Tell the resident what was done.")


class QueueFilterForm(AccessibleErrors, DesignSystemForm, forms.Form):
    """The triage queue's filters; a value that does not fit is told of and ignored."""

    category = forms.ChoiceField(label=_("Topic"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)
    older_than = forms.IntegerField(label=_("Older than (days)"), required=False, min_value=0, max_value=3650)
    channel = forms.ChoiceField(label=_("Channel"), required=False)

    def __init__(self, *args, category_choices=(), area_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All topics"))] + list(category_choices)
        self.fields["area"].choices = [("", _("All areas"))] + list(area_choices)
        self.fields["channel"].choices = [("", _("All channels"))] + list(Channel.choices)

    def filters(self):
        from geo_feedback.staff.selectors import QueueFilters

        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        valid = {name: value for name, value in data.items() if name not in self.errors}
        return QueueFilters(category=valid.get("category") or "", area=valid.get("area") or "",
                            older_than_days=valid.get("older_than"), channel=valid.get("channel") or "")


class BulkForm(AccessibleErrors, DesignSystemForm, forms.Form):
    """Several tickets of the triage queue, and what to do to all of them."""

    ACTIONS = [("route", _("Route to a department")), ("merge", _("Merge as duplicates into one ticket")),
               ("reject", _("Reject as spam or abuse"))]

    tickets = forms.MultipleChoiceField(label=_("Tickets"), error_messages={
        "required": _("Choose at least one ticket.")})
    action = forms.ChoiceField(label=_("Action for the chosen tickets"), choices=ACTIONS)
    department = forms.ModelChoiceField(label=_("Department"), required=False, queryset=Department.objects.none(),
                                        empty_label=_("Choose a department"))
    into = forms.CharField(label=_("Number of the original ticket"), required=False, max_length=32)
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=NOTE_MAX, widget=_textarea(2),
                           help_text=_("Routing and merging: public. Rejecting: internal."))

    def __init__(self, *args, numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tickets"].choices = [(number, number) for number in numbers]
        self.fields["department"].queryset = Department.objects.all()

    def clean(self):
        data = super().clean()
        if data.get("action") == "route" and not data.get("department"):
            self.add_error("department", _("Choose the department."))
        if data.get("action") == "merge" and not data.get("into"):
            self.add_error("into", _("Give the number of the original ticket."))
        return data


class DeskEntryForm(AccessibleErrors, ReportForm):
    """A report an agent files for a resident at the service point, by phone or from an email."""

    channel = forms.ChoiceField(label=_("How the resident reached us"), choices=[
        (Channel.SERVICE_POINT, Channel.SERVICE_POINT.label), (Channel.PHONE, Channel.PHONE.label),
        (Channel.EMAIL, Channel.EMAIL.label)], widget=forms.RadioSelect)
    lat = forms.FloatField(label=_("Latitude (N)"), required=False, min_value=-90, max_value=90,
                           widget=forms.NumberInput(attrs={"step": "any"}))
    lon = forms.FloatField(label=_("Longitude (E)"), required=False, min_value=-180, max_value=180,
                           widget=forms.NumberInput(attrs={"step": "any"}))
    address = forms.CharField(label=_("Address or place (optional)"), required=False, max_length=300)
    language = forms.ChoiceField(label=_("Resident's language"), choices=[
        ("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))], initial="fi", required=False)

    field_order = ["channel", "category", "kind", "description", "lat", "lon", "address", "name", "email",
                   "phone", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for unused in ("place_query", "place", "photos"):
            del self.fields[unused]
        self.fields["kind"].choices = FeedbackKind.choices

    def clean(self):
        data = forms.Form.clean(self)
        # The service checks the length too, but only once the rest is valid: say it at once.
        if "description" in data and len(data["description"].strip()) < DESCRIPTION_MIN:
            self.add_error("description", _("Tell a little more: at least %(min)d characters.") % {
                "min": DESCRIPTION_MIN})
        lon, lat = data.get("lon"), data.get("lat")
        if (lon is None) != (lat is None):
            self.add_error("lat" if lat is None else "lon", _("Give both coordinates, or neither."))
        data["location"] = Point(lon, lat, srid=4326) if lon is not None and lat is not None else None
        return data
