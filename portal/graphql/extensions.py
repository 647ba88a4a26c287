"""Schema extensions: error masking with a request id, and the production limits."""

from __future__ import annotations

import logging

from graphql import GraphQLError
from starlette.responses import Response
from strawberry.extensions import MaskErrors

from portal.errors import DomainError
from portal.ops import database
from portal.ops.database import is_database_unavailable

log = logging.getLogger("portal.graphql")


def _is_unexpected(error: GraphQLError) -> bool:
    """Errors we raise on purpose are GraphQLErrors; anything else is a bug and gets masked."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class MaskUnexpectedErrors(MaskErrors):
    """Masks bugs; the client gets the request id, the log gets the traceback."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=_is_unexpected)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        context = self.execution_context.context
        request_id = getattr(context, "request_id", "")
        if is_database_unavailable(error.original_error):
            return self._database_unavailable(error, context, request_id)
        if isinstance(error.original_error, DomainError):
            # A failure the asker can fix, raised where no result union catches it (a list's
            # TOO_SLOW, say): its code and words, not a bug's request id.
            domain = error.original_error
            return GraphQLError(
                message=domain.message,
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=error.path,
                extensions={"code": str(domain.code), "field": domain.field},
            )
        log.error(
            "unexpected error in %s (request %s)",
            ".".join(str(p) for p in error.path or ()),
            request_id,
            exc_info=error.original_error,
        )
        return GraphQLError(
            message=f"Terjadi kesalahan tak terduga. Kode permintaan: {request_id}",
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": "INTERNAL_ERROR", "requestId": request_id},
        )

    def _database_unavailable(
        self, error: GraphQLError, context: object, request_id: str
    ) -> GraphQLError:
        """An outage, not a bug: no traceback, and over HTTP the whole answer is a 503."""
        log.warning(
            "database unavailable in %s (request %s): %r",
            ".".join(str(p) for p in error.path or ()),
            request_id,
            error.original_error,
        )
        response = getattr(context, "response", None)
        if isinstance(response, Response):
            response.status_code = 503
            response.headers["Retry-After"] = database.RETRY_AFTER
        return GraphQLError(
            message=database.MESSAGE,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": database.CODE, "requestId": request_id},
        )
