"""Reading the field declarations of `schema`: for the scaffold, the field reference, messages and labels."""

import functools
import typing
from typing import Literal

from pydantic import BaseModel

from .schema import Ref


def _find(found, *parts):
    """The first thing `found` gives something for among `parts`, looking depth first inside each
    (its arguments, an Annotated's metadata); None if nothing."""
    for part in parts:
        result = found(part)
        if result is None:
            result = _find(found, *typing.get_args(part))
        if result is not None:
            return result
    return None


def nested_model(annotation) -> type[BaseModel] | None:
    """The model inside an annotation such as `list[PartnerFields]` or `TreatyDates | None`."""
    return _find(lambda part: part if isinstance(part, type) and issubclass(part, BaseModel) else None, annotation)


@functools.cache
def reference_fields(model: type[BaseModel]) -> tuple[tuple[str, Ref | None, type[BaseModel] | None, bool], ...]:
    """The fields of `model` that can hold references: those marked with a Ref (in the field's
    metadata or anywhere inside its annotation), and nested models with marked fields. Each comes
    with its marker (None for a nested model), its nested model (or None), and whether it holds a
    list. The rest (titles, dates) never hold one."""
    fields = []
    for name, info in model.model_fields.items():
        marker = _find(lambda part: part if isinstance(part, Ref) else None, *info.metadata, info.annotation)
        nested = nested_model(info.annotation)
        if marker is not None or (nested is not None and reference_fields(nested)):
            fields.append((name, marker, nested, is_list(info.annotation)))
    return tuple(fields)


def references(model: type[BaseModel], data, at_fault: set[tuple] = frozenset(), path: tuple = ()):
    """Every reference in `data`, a validated `model` or a mapping as written for one: (path, marker,
    slug, the model or mapping holding it). In a mapping whose types are wrong somewhere, a value
    with a problem at it or above it (a path in `at_fault`) is not what it should be and is left
    out; a nested mapping with a problem of its own (a misspelled field in one partner) still gives
    its other references."""
    for name, marker, nested, many in reference_fields(model):
        value = data.get(name) if isinstance(data, dict) else getattr(data, name)
        if value is None:
            continue
        here = path + (name,)
        items = [(here + (i,), v) for i, v in enumerate(value)] if many and isinstance(value, list) else [(here, value)]
        for item_path, item in items:
            if at_fault and any(item_path[:length] in at_fault for length in range(1, len(item_path) + 1)):
                continue
            if nested is not None and isinstance(item, (dict, BaseModel)):
                yield from references(nested, item, at_fault, item_path)
            elif marker is not None and isinstance(item, str):
                yield item_path, marker, item.strip(), data


def literal_choices(annotation) -> list[str]:
    """The allowed values of a Literal inside an annotation, or []."""
    choices = _find(lambda part: typing.get_args(part) if typing.get_origin(part) is Literal else None, annotation)
    return list(choices or ())


def is_list(annotation) -> bool:
    return typing.get_origin(annotation) is list or any(is_list(arg) for arg in typing.get_args(annotation))


def field_label(model: type[BaseModel], name: str) -> str:
    """How readers see a field's name, e.g. TreatyDates.opened_for_signature -> 'Opened for signature'."""
    return model.model_fields[name].title or name.replace("_", " ").capitalize()
