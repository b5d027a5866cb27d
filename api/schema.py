"""OpenAPI: an agenda item is either an open item in full or a closed item's few fields (oneOf)."""

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema

from .serializers import ClosedAgendaItemSerializer, PublicAgendaItemSerializer


class AgendaItemSchema(OpenApiSerializerExtension):
    target_class = "api.serializers.AgendaItemSerializer"

    def map_serializer(self, auto_schema, direction):
        return {
            "oneOf": [
                auto_schema.resolve_serializer(PublicAgendaItemSerializer, direction).ref,
                auto_schema.resolve_serializer(ClosedAgendaItemSerializer, direction).ref,
            ]
        }


class ApiSchema(AutoSchema):
    """Documents the errors every read can answer: 400 for a bad filter or cursor, 404 for no such id."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        error = {"type": "object", "additionalProperties": True}
        code, description = ("400", "Invalid parameter") if self._is_list_view() else ("404", "Not found")
        if self.path.endswith("/search/"):
            code, description = "400", "Invalid parameter"
        responses.setdefault(
            code, {"description": description, "content": {"application/json": {"schema": error}}}
        )
        return responses
