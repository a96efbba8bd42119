"""Template helpers of the planning pages: a model's text in the page's language."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def local(obj, field: str) -> str:
    """``{% local process "name" %}``: ``obj.name(language)`` in the page's language (Finnish fallback)."""
    return getattr(obj, field)((get_language() or "fi")[:2])
