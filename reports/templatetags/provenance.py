"""Template tags of the record pages, the source reader and the corrections log."""

from django import template

from reports.records import changes, kinds

register = template.Library()


@register.simple_tag
def change_value(change, which):
    """{% change_value change "old" %}: the old (or "new") value of a logged change."""
    return changes.value_html(change, change.old_value if which == "old" else change.new_value)


@register.simple_tag
def record_links(records):
    """{% record_links piece.quoted_by %}: links to the records that quote a passage (or
    to one record)."""
    if not isinstance(records, list | tuple):
        records = [records]
    return kinds.record_links(records)
