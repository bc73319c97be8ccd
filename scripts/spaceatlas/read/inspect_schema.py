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
def reference_fields(model: type[BaseModel]) -> tuple[tuple[str, Ref | None], ...]:
    """The fields of `model` that can hold references: those marked with a Ref (in the field's
    metadata or anywhere inside its annotation), with their marker, and nested models with marked
    fields (with None). The rest (titles, dates) never hold one."""
    fields = []
    for name, info in model.model_fields.items():
        marker = _find(lambda part: part if isinstance(part, Ref) else None, *info.metadata, info.annotation)
        nested = nested_model(info.annotation)
        if marker is not None or (nested is not None and reference_fields(nested)):
            fields.append((name, marker))
    return tuple(fields)


def literal_choices(annotation) -> list[str]:
    """The allowed values of a Literal inside an annotation, or []."""
    choices = _find(lambda part: typing.get_args(part) if typing.get_origin(part) is Literal else None, annotation)
    return list(choices or ())


def is_list(annotation) -> bool:
    return typing.get_origin(annotation) is list or any(is_list(arg) for arg in typing.get_args(annotation))


def field_label(model: type[BaseModel], name: str) -> str:
    """How readers see a field's name, e.g. TreatyDates.opened_for_signature -> 'Opened for signature'."""
    return model.model_fields[name].title or name.replace("_", " ").capitalize()
