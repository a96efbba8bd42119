"""Template helpers of the initiative pages: an initiative's own text, marked with its language."""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def initiative_text(initiative, field: str, paragraphs: bool = False) -> str:
    """``{% initiative_text initiative "name" %}``: the text in the page's language where the initiative
    has one, else in Finnish (or Swedish), with ``lang`` when that differs from the page's."""
    language = (get_language() or "fi")[:2]
    text, text_language = initiative.text(field, language)
    if paragraphs:
        body = linebreaks_filter(text, autoescape=True)
        return format_html('<div lang="{}">{}</div>', text_language, body) if text_language != language else body
    if text_language != language:
        return format_html('<span lang="{}">{}</span>', text_language, text)
    return format_html("{}", text)
