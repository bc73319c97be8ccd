"""Reading the field declarations of `schema`: for the scaffold, the field reference, messages and labels."""

import functools
import typing
from typing import Annotated, Literal

from pydantic import BaseModel

from .schema import Ref


def nested_model(annotation) -> type[BaseModel] | None:
    """The model inside an annotation such as `list[PartnerFields]` or `TreatyDates | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = nested_model(arg)
        if found is not None:
            return found
    return None


@functools.cache
def reference_fields(model: type[BaseModel]) -> tuple[tuple[str, Ref | None], ...]:
    """The fields of `model` that can hold references: those marked with a Ref (with their marker),
    and nested models with marked fields (with None). The rest (titles, dates) never hold one."""
    return tuple(
        (name, marker)
        for name, info in model.model_fields.items()
        if (marker := ref_marker(info.annotation, info.metadata)) is not None or _holds_references(info.annotation)
    )


def _holds_references(annotation) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return bool(reference_fields(annotation))
    return any(_holds_references(arg) for arg in typing.get_args(annotation))


def ref_marker(annotation, metadata=()) -> Ref | None:
    """The Ref marking a field (in its metadata or anywhere inside its annotation), or None."""
    for item in metadata:
        if isinstance(item, Ref):
            return item
    if typing.get_origin(annotation) is Annotated:
        for item in annotation.__metadata__:
            if isinstance(item, Ref):
                return item
    for arg in typing.get_args(annotation):
        found = ref_marker(arg)
        if found is not None:
            return found
    return None


def literal_choices(annotation) -> list[str]:
    """The allowed values of a Literal inside an annotation, or []."""
    if typing.get_origin(annotation) is Literal:
        return list(typing.get_args(annotation))
    for arg in typing.get_args(annotation):
        found = literal_choices(arg)
        if found:
            return found
    return []


def is_list(annotation) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return any(is_list(arg) for arg in typing.get_args(annotation) if arg is not type(None))


def field_label(model: type[BaseModel], name: str) -> str:
    """How readers see a field's name, e.g. TreatyDates.opened_for_signature -> 'Opened for signature'."""
    return model.model_fields[name].title or name.replace("_", " ").capitalize()
