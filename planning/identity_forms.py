"""The development identity provider's form: a personal identity code and the home budget area."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from city.forms import DesignSystemForm
from city.models import Area, AreaKind
from planning.personal_code import personal_identity_code_clean


class BudgetAreaChoiceField(forms.ModelChoiceField):
    """A budget area by its code, labelled with its name in the page's language."""

    def __init__(self, *args, language: str = "fi", **kwargs):
        self.language = language
        kwargs.setdefault("to_field_name", "code")
        super().__init__(Area.objects.filter(kind=AreaKind.BUDGET_AREA).order_by("name_fi"), *args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return obj.name(self.language)


class DevSignInForm(DesignSystemForm, forms.Form):
    """Any personal identity code with a correct check character signs in; for testing only."""

    personal_code = forms.CharField(
        label=_("Personal identity code"), max_length=20,
        help_text=_("For testing, e.g. 010594Y9021 or 131052-308T: any code with a correct check character."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}))
    home_area = BudgetAreaChoiceField(label=_("Home budget area (optional)"), required=False,
                                      empty_label=_("Not given"))

    def __init__(self, *args, language: str = "fi", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_area"].language = language

    def clean_personal_code(self) -> str:
        return personal_identity_code_clean(self.cleaned_data["personal_code"])
