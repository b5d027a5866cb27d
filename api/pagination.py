"""Keyset pages for the API: `?after=` / `?before=` cursors and `?limit=`; no OFFSET and no COUNT(*),
so page 50 000 of a million items costs what page 1 costs (docs/PERFORMANCE.md, PITFALLS.md)."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from meetings.paging import Cursor, keyset_page, meetings_after, meetings_before


class KeysetPagination(BasePagination):
    """A page of `limit` rows after (or before) a cursor; subclasses say how rows are ordered."""

    default_limit = 20
    max_limit = 100
    cursor_help = ""
    cursor_schema = {"type": "string"}

    def parse_cursor(self, value):
        raise NotImplementedError

    def cursor_of(self, row):
        raise NotImplementedError

    def rows_after(self, queryset, cursor, limit):
        raise NotImplementedError

    def rows_before(self, queryset, cursor, limit):
        raise NotImplementedError

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        limit = self.get_limit(request)
        after, before = self.get_cursor(request, "after"), self.get_cursor(request, "before")
        page, self.newer, self.older = keyset_page(
            after,
            before,
            limit,
            rows_after=lambda cursor, n: self.rows_after(queryset, cursor, n),
            rows_before=lambda cursor, n: self.rows_before(queryset, cursor, n),
            cursor_of=self.cursor_of,
        )
        return page

    def get_limit(self, request):
        value = request.query_params.get("limit")
        if value is None or value == "":
            return self.default_limit
        try:
            limit = int(value)
        except ValueError:
            limit = 0
        if not 1 <= limit <= self.max_limit:
            raise ValidationError({"limit": [f"A whole number from 1 to {self.max_limit}."]})
        return limit

    def get_cursor(self, request, name):
        value = request.query_params.get(name)
        if value is None or value == "":
            return None
        try:
            return self.parse_cursor(value)
        except (ValueError, OverflowError):
            raise ValidationError({name: ["Not a cursor from this list's next or previous link."]}) from None

    def link(self, name, cursor):
        if cursor is None:
            return None
        url = remove_query_param(self.request.build_absolute_uri(), "after")
        url = remove_query_param(url, "before")
        return replace_query_param(url, name, str(cursor))

    def get_paginated_response(self, data):
        return Response(
            {
                "next": self.link("after", self.older),
                "previous": self.link("before", self.newer),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {"next": link, "previous": link, "results": schema},
        }

    def get_schema_operation_parameters(self, view):
        cursor = self.cursor_schema
        return [
            {
                "name": "after",
                "in": "query",
                "required": False,
                "schema": cursor,
                "description": f"Rows after this cursor (from a `next` link). {self.cursor_help}",
            },
            {
                "name": "before",
                "in": "query",
                "required": False,
                "schema": cursor,
                "description": "Rows before this cursor (from a `previous` link).",
            },
            {
                "name": "limit",
                "in": "query",
                "required": False,
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_limit,
                    "default": self.default_limit,
                },
                "description": "Rows per page.",
            },
        ]


class MeetingPagination(KeysetPagination):
    """The meeting list's own order and cursors (meetings/views.py): newest first, undated last."""

    cursor_help = "Cursors look like `2026-02-03_123` (date and id; `_123` when undated)."

    def parse_cursor(self, value):
        return Cursor.parse(value)

    def cursor_of(self, meeting):
        return Cursor.of(meeting)

    def rows_after(self, queryset, cursor, limit):
        return meetings_after(queryset, cursor, limit)

    def rows_before(self, queryset, cursor, limit):
        return meetings_before(queryset, cursor, limit)


class IdPagination(KeysetPagination):
    """Rows in id order: ids are stable, so a harvester can also resume from the last id it saw."""

    cursor_help = "Cursors are ids."
    cursor_schema = {"type": "integer"}

    def parse_cursor(self, value):
        return int(value)

    def cursor_of(self, row):
        return row.pk

    def rows_after(self, queryset, cursor, limit):
        if cursor is not None:
            queryset = queryset.filter(pk__gt=cursor)
        return queryset.order_by("pk")[:limit]

    def rows_before(self, queryset, cursor, limit):
        return list(queryset.filter(pk__lt=cursor).order_by("-pk")[:limit])
