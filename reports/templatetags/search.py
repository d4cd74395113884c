"""Template tags for site search."""

from django import template
from django.utils.translation import get_language

from whitepaper.search.popular import hot_keywords as keywords_for

register = template.Library()


@register.simple_tag
def hot_keywords():
    """{% hot_keywords as keywords %}: the hot search keywords of the page's language."""
    return keywords_for(get_language())
