"""Following a lookup path such as "region__name" from a model or a record: said once, for the
models, the translations, the representation of a record and every page that names a field
by its path."""


def model_at(model, lookup):
    """The model a lookup path ends on: (RegionalPresence, "region__name") -> Region."""
    for name in lookup.split("__")[:-1]:
        model = model._meta.get_field(name).related_model
    return model


def field_at(model, lookup):
    """The model field a lookup path ends on: (RegionalPresence, "region__name") -> the
    region's name field."""
    return model_at(model, lookup)._meta.get_field(lookup.split("__")[-1])


def value_at(record, lookup):
    """The value at the end of a lookup path ("combined_share__key"); None past an empty
    relation."""
    value = record
    for name in lookup.split("__"):
        value = getattr(value, name)
        if value is None:
            return None
    return value
