"""Rate limits on GraphQL mutations, per signed-in user and per client address.

A refused mutation never runs: the answer is a top-level error with code ``RATE_LIMITED`` (and
``retryAfter``), and over HTTP the response is 429 with ``Retry-After``. Queries are not limited
here (cost, depth and page-size limits bound them); subscriptions neither.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from graphql import ExecutionResult, GraphQLError
from starlette.responses import Response
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from portal.security.ratelimit import RateLimiter, client_address


class MutationRateLimit(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:  # type: ignore[override]
        context = self.execution_context
        if context.graphql_document is not None and not context.result:
            try:
                is_mutation = context.operation_type is OperationType.MUTATION
            except RuntimeError:
                is_mutation = False
            if is_mutation:
                await self._check()
        yield

    async def _check(self) -> None:
        context = self.execution_context
        app_context = context.context
        request = app_context.request
        limiter: RateLimiter | None = getattr(request.app.state, "rate_limiter", None)
        if limiter is None:
            return
        settings = app_context.settings
        checks = [
            (
                f"mutation-ip:{client_address(request.scope)}",
                settings.rate_limit_mutations_per_address,
            )
        ]
        if app_context.principal is not None:
            checks.append(
                (
                    f"mutation-user:{app_context.principal.employee_id}",
                    settings.rate_limit_mutations_per_user,
                )
            )
        verdict = await limiter.check_all(checks)
        if verdict.allowed:
            return
        response = app_context.response
        if isinstance(response, Response):
            response.status_code = 429
            response.headers["Retry-After"] = str(verdict.retry_after)
        context.result = ExecutionResult(
            data=None,
            errors=[
                GraphQLError(
                    "Terlalu banyak perubahan dalam waktu singkat. Coba lagi sebentar lagi.",
                    extensions={"code": "RATE_LIMITED", "retryAfter": verdict.retry_after},
                )
            ],
        )
