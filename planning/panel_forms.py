"""Forms of the panel pages: joining, a member's own choices, and staff adding a council member.

The forms check the shape of input (an address, known topics and areas); the rules (only the
panel's topics, only residential areas, councils kept by staff) are ``planning.services.panels``'s,
and its refusals are put back on these fields.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from city.forms import DesignSystemForm
from planning.models import Panel
from planning.panel_selectors import residential_areas

LANGUAGE_CHOICES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]


class _Choices(DesignSystemForm, forms.Form):
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), required=False, queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all the panel's topics."),
        error_messages={"invalid_choice": _("Choose the topics from the list."),
                        "invalid_pk_value": _("Choose the topics from the list.")})
    areas = forms.ModelMultipleChoiceField(
        label=_("Residential areas"), required=False, queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: the whole city."),
        error_messages={"invalid_choice": _("Choose the areas from the list."),
                        "invalid_pk_value": _("Choose the areas from the list.")})

    def __init__(self, *args, panel: Panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.panel = panel
        self.fields["topics"].queryset = panel.topics.order_by("name_fi")
        self.fields["areas"].queryset = residential_areas()

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            for message in messages:
                self.add_error(None if field == "__all__" or field not in self.fields else field, message)

    def error_links(self) -> list[tuple[str, str]]:
        """(anchor id, message) for the error summary, in the order of the fields on the page."""
        links = []
        for name in ["__all__", *self.fields]:
            for message in self.errors.get(name, []):
                links.append(("error-summary" if name == "__all__" else f"field-{name}", message))
        return links

    def chosen(self, name: str) -> set[str]:
        """The ids ticked (as strings), from what was sent or the initial values."""
        if self.is_bound:
            return set(self.data.getlist(self.add_prefix(name))) if hasattr(self.data, "getlist") else set()
        return {str(getattr(value, "pk", value)) for value in self.initial.get(name, [])}


class PanelJoinForm(_Choices):
    email = forms.EmailField(label=_("Your email"), max_length=254,
                             help_text=_("We send a confirmation link first; you are a member only after it. The "
                                         "address is never shown to anyone."),
                             error_messages={"required": _("Write your email address."),
                                             "invalid": _("Write the email address in the form name@example.fi.")})

    field_order = ["email", "topics", "areas"]


class PanelMemberForm(_Choices):
    language = forms.ChoiceField(label=_("Language of the emails"), choices=LANGUAGE_CHOICES,
                                 widget=forms.RadioSelect,
                                 error_messages={"required": _("Choose a language."),
                                                 "invalid_choice": _("Choose a language from the list.")})

    field_order = ["topics", "areas", "language"]


class CouncilMemberForm(DesignSystemForm, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200,
                           error_messages={"required": _("Write the member's name.")})
    email = forms.EmailField(label=_("Email"), max_length=254,
                             help_text=_("The council's invitations and news go here; it is never shown publicly."),
                             error_messages={"required": _("Write the member's email address."),
                                             "invalid": _("Write the email address in the form name@example.fi.")})
    language = forms.ChoiceField(label=_("Language of the emails"), choices=LANGUAGE_CHOICES, initial="fi",
                                 widget=forms.RadioSelect)

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            for message in messages:
                self.add_error(None if field == "__all__" or field not in self.fields else field, message)
