"""Template filters for the staff pages."""

from django import template

register = template.Library()


@register.filter
def minutes(duration):
    """A timedelta in whole minutes, rounded up: 15 for django-axes' cool-off of 15 minutes."""
    return -(-int(duration.total_seconds()) // 60)
