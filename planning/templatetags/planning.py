"""Template helpers of the planning pages: a model's text in the page's language."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def local(obj, field: str) -> str:
    """``{% local process "name" %}``: ``obj.name(language)`` in the page's language (Finnish fallback)."""
    return getattr(obj, field)((get_language() or "fi")[:2])


@register.filter
def percent(share) -> str:
    """A share of 0 to 1 as a percentage with one decimal, in the page's number format (42,5)."""
    from django.template.defaultfilters import floatformat

    return floatformat(float(share) * 100, 1)


@register.filter
def file_extension(name: str) -> str:
    """What kind of file a stored name is, as residents know it: PDF, PNG, JPG."""
    _stem, dot, extension = str(name).rpartition(".")
    return extension.upper() if dot and extension.isalnum() and len(extension) <= 5 else ""


@register.filter
def phase_name_of(process, phase) -> str:
    """``process|phase_name_of:comment.phase``: that phase's name as the process's kind calls it."""
    return process.phase_name(int(phase))


@register.filter
def group_label(value: str) -> str:
    """A commenter's self-chosen group (a StakeholderGroup value) in the page's language."""
    from planning.models import StakeholderGroup

    return str(StakeholderGroup(value).label) if value in StakeholderGroup.values else value
