"""Forms of the residents' planning pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from city.forms import DesignSystemForm


class FollowForm(DesignSystemForm, forms.Form):
    email = forms.EmailField(label=_("Your email"), max_length=254,
                             help_text=_("We send a confirmation link first; every email has a link that stops them."))
