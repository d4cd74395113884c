"""Filters for the public tables (django-filter). Invalid values give a message, never a 500."""

from functools import cached_property

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from whitepaper.models import (
    Category,
    IndustrySegment,
    Publication,
    Qualifier,
    Region,
    RegionalPresence,
    Statistic,
    Tendency,
    Unit,
)
from whitepaper.translation import with_twins

SEARCH_MAX_LENGTH = 200
#: The publication menu lists this many of the newest publications (and the chosen one),
#: so that a site with thousands of publications does not send them all with every page.
PUBLICATION_CHOICES = 50


class MenuOfMany(forms.Select):
    """A menu that is not shown (its value is still sent) when it offers one choice beside
    "all": a publication menu while the site holds one publication. Decided when the form is
    drawn, so that reading a filter's value costs no query."""

    @cached_property
    def is_hidden(self):
        # Read once (iterated: a list() would count them first), and drawn from that list.
        self.choices = [*iter(self.choices)]
        return len(self.choices) <= 2

    def render(self, name, value, attrs=None, renderer=None):
        if self.is_hidden:
            return forms.HiddenInput().render(name, value, attrs, renderer)
        return super().render(name, value, attrs, renderer)


class RecordFilter(django_filters.FilterSet):
    """A text box over the given fields (and their translations), and the publication."""

    search_fields = ()

    q = django_filters.CharFilter(
        label=_("Contains"),
        method="filter_text",
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    publication = django_filters.ModelChoiceFilter(
        label=_("Publication"),
        queryset=Publication.objects.published(),
        to_field_name="slug",
        empty_label=_("All publications"),
        widget=MenuOfMany,
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        listed = Publication.objects.newest_first()
        shown = Q(pk__in=listed.values("pk")[:PUBLICATION_CHOICES])
        chosen = (data or {}).get("publication")
        if isinstance(chosen, str):
            shown |= Q(slug=chosen)
        self.filters["publication"].queryset = listed.filter(shown)

    def filter_text(self, queryset, name, value):
        """Records with the text in any of the search fields or their translations."""
        condition = Q()
        for field in with_twins(self.search_fields, self._meta.model):
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


class StatisticFilter(RecordFilter):
    search_fields = ("label", "source_quote", "note")

    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Category.choices, empty_label=_("All categories")
    )
    unit = django_filters.ChoiceFilter(
        label=_("Unit"), choices=Unit.choices, empty_label=_("All units")
    )
    qualifier = django_filters.ChoiceFilter(
        label=_("Exact or a bound"), choices=Qualifier.choices, empty_label=_("Any")
    )

    class Meta:
        model = Statistic
        fields = ["q", "category", "unit", "qualifier", "publication"]


class RegionalPresenceFilter(RecordFilter):
    search_fields = (
        "region__name",
        "region__code",
        "source_quote",
        "note",
    )

    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        field_name="region__kind",
        choices=Region.Kind.choices,
        empty_label=_("All kinds"),
    )

    class Meta:
        model = RegionalPresence
        fields = ["q", "kind", "publication"]


class IndustrySegmentFilter(RecordFilter):
    search_fields = ("name", "description", "source_quote")

    # Labelled by the stages' words as the source states them, read from the records.
    stage = django_filters.ChoiceFilter(
        label=_("Stage"),
        choices=lambda: IndustrySegment.objects.stage_choices(),
        empty_label=_("All stages"),
    )

    class Meta:
        model = IndustrySegment
        fields = ["q", "stage", "publication"]


class TendencyFilter(RecordFilter):
    search_fields = ("title", "text")

    class Meta:
        model = Tendency
        fields = ["q", "publication"]
