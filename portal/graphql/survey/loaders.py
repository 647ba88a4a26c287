"""Per-request loaders of the survey types (``info.context.loaders.survey``)."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from strawberry.dataloader import DataLoader

from portal.survey import results
from portal.survey.models import (
    FollowUpEvent,
    FollowUpSource,
    SurveyResponse,
    SurveyService,
)


class SurveyLoaders:
    """Batched reads for survey fields; one instance per request."""

    @cached_property
    def service_by_id(self) -> DataLoader[int, SurveyService]:
        async def load(ids: list[int]) -> list[SurveyService]:
            rows = {s.id: s for s in await SurveyService.filter(id__in=set(ids))}
            return [rows[i] for i in ids]

        return DataLoader(load_fn=load)

    @cached_property
    def events_by_action_id(self) -> DataLoader[int, list[FollowUpEvent]]:
        async def load(ids: list[int]) -> list[list[FollowUpEvent]]:
            found: dict[int, list[FollowUpEvent]] = defaultdict(list)
            for row in await FollowUpEvent.filter(action_id__in=set(ids)).order_by("at", "id"):
                found[row.action_id].append(row)
            return [found.get(i, []) for i in ids]

        return DataLoader(load_fn=load)

    @cached_property
    def sources_by_action_id(self) -> DataLoader[int, list[SurveyResponse]]:
        async def load(ids: list[int]) -> list[list[SurveyResponse]]:
            links = await FollowUpSource.filter(action_id__in=set(ids)).values_list(
                "action_id", "response_id"
            )
            responses = {
                r.id: r for r in await SurveyResponse.filter(id__in={rid for _, rid in links})
            }
            found: dict[int, list[SurveyResponse]] = defaultdict(list)
            for action_id, response_id in sorted(links):
                found[action_id].append(responses[response_id])
            return [found.get(i, []) for i in ids]

        return DataLoader(load_fn=load)

    @cached_property
    def counts_by_window(self) -> DataLoader[results.Window, results.Counts]:
        async def load(windows: list[results.Window]) -> list[results.Counts]:
            return await results.window_counts(windows)

        return DataLoader(load_fn=load)
