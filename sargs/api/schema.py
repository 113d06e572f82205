"""The OpenAPI schema as the API answers: our token authentication, the error responses of
every operation, and fields as they are stored (``SargsAutoSchema``, DEFAULT_SCHEMA_CLASS)."""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers


class HashedTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "sargs.api.authentication.HashedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token created on the Security page (sargs_…).",
        }


# --- What every operation may answer besides success ------------------------------------------

# DRF's error bodies: {"detail": "…"} for 401/403/404; for 400 either field → messages, or the
# list of a service's messages (sargs.core.apis.call_service).
_ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "what went wrong, in words"}},
    "required": ["detail"],
}
_VALIDATION_ERROR_SCHEMA = {
    "oneOf": [
        {
            "type": "object",
            "description": "field name (or non_field_errors) → its messages",
            "additionalProperties": {},
        },
        {"type": "array", "items": {"type": "string"}, "description": "the service's messages"},
    ]
}
_ERRORS = {
    "400": (
        "ValidationError",
        _VALIDATION_ERROR_SCHEMA,
        "The input or the transition was refused.",
    ),
    "401": ("Error", _ERROR_SCHEMA, "No valid token or session."),
    "403": ("Error", _ERROR_SCHEMA, "Not allowed: the access rule, the second factor or the role."),
    "404": ("Error", _ERROR_SCHEMA, "Not there, or not visible to you."),
}
# Query parameters whose bad value is a 404 (DRF's paginator), not a 400.
_PAGING = {"page"}
# RFC 3339's "time" format wants an offset; our times are local wall-clock times.
_LOCAL_TIME = {
    "type": "string",
    "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$",
    "example": "10:00:00",
    "description": "local time (Europe/Riga), hh:mm:ss",
}


def error_codes(method: str, parameters: list[dict[str, Any]], has_body: bool) -> list[str]:
    """The error statuses an operation can answer: 401 and 403 always (sign-in, access rule,
    second factor); 404 when it takes any input (a record not visible, one named in the body,
    an unknown page or municipality); 400 when it changes something or reads query input."""
    codes = ["401", "403"]
    query = {p["name"] for p in parameters if p.get("in") == "query"}
    changes = method.upper() not in ("GET", "HEAD", "OPTIONS") or has_body
    if parameters or changes:
        codes.append("404")
    if changes or query - _PAGING:
        codes.append("400")
    return sorted(codes)


class SargsAutoSchema(AutoSchema):
    """drf-spectacular's schema, told what our API really answers (issue 14): the error
    responses of every operation, and model fields as stored (a read-only field built from a
    blank or nullable model field can be "" or null, which DRF's read-only fields forget)."""

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation: dict[str, Any] | None = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses = operation.setdefault("responses", {})
        codes = error_codes(
            self.method, operation.get("parameters", []), "requestBody" in operation
        )
        for code in codes:
            name, schema, description = _ERRORS[code]
            component = ResolvedComponent(
                name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema
            )
            self.registry.register_on_missing(component)
            responses.setdefault(
                code,
                {
                    "content": {"application/json": {"schema": component.ref}},
                    "description": description,
                },
            )
        return operation

    def _map_serializer_field(
        self, field: Any, direction: Any, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        field = _as_stored(field)
        schema: dict[str, Any] = super()._map_serializer_field(field, direction, bypass_extensions)
        if not isinstance(schema, dict):
            return schema
        if isinstance(field, serializers.TimeField) and schema.get("format") == "time":
            schema.pop("format")
            schema = {
                **schema,
                **_LOCAL_TIME,
                "description": schema.get("description") or _LOCAL_TIME["description"],
            }
        return schema

    def _insert_field_validators(self, field: Any, schema: dict[str, Any]) -> None:
        super()._insert_field_validators(field, schema)
        if getattr(field, "allow_blank", False) and schema.get("format") in ("email", "uri"):
            # "" is no address: the value is either a valid one or empty.
            schema["anyOf"] = [{"format": schema.pop("format")}, {"maxLength": 0}]


def _as_stored(field: Any) -> Any:
    """A read-only field of a ModelSerializer whose source is a model field, with allow_blank
    and allow_null as the model field stores them: DRF drops allow_blank for read-only fields,
    and a declared read-only field (a slug for a nullable key) answers null all the same."""
    parent = getattr(field, "parent", None)
    if not field.read_only or not isinstance(parent, serializers.ModelSerializer):
        return field
    try:
        model: Any = parent.Meta.model
        model_field = model._meta.get_field(field.source)
    except (AttributeError, FieldDoesNotExist):
        return field
    if not getattr(model_field, "concrete", False):  # a reverse relation: no column
        return field
    blank = (
        model_field.blank
        and isinstance(field, (serializers.CharField, serializers.ChoiceField))
        and not field.allow_blank
    )
    null = model_field.null and not field.allow_null
    if not (blank or null):
        return field
    field = copy.copy(field)
    if blank:
        field.allow_blank = True
    if null:
        field.allow_null = True
    return field
