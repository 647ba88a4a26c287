"""``viewer``: what the signed-in person may do, so the app shows only the screens that work."""

from __future__ import annotations

import strawberry

from portal.graphql.context import Info
from portal.graphql.enums import Role


@strawberry.type(description="The signed-in person's capabilities.")
class Viewer:
    roles: list[Role] = strawberry.field(description="Roles granted by HR.")
    is_hr: bool = strawberry.field(description="Holds the HR (BKPSDM) role.")
    is_supervisor: bool = strawberry.field(
        description="Supervises at least one position (directly or as acting Plt/Plh)."
    )
    is_unit_head: bool = strawberry.field(description="Heads at least one unit (survey follow-up).")
    acting: bool = strawberry.field(description="Holds an acting (Plt/Plh) appointment today.")


@strawberry.type
class ViewerQuery:
    @strawberry.field(description="Who you are to the portal; null when not signed in.")
    async def viewer(self, info: Info) -> Viewer | None:
        principal = info.context.principal
        if principal is None:
            return None
        return Viewer(
            roles=sorted(principal.roles),
            is_hr=principal.is_hr,
            is_supervisor=await principal.is_supervisor(),
            is_unit_head=bool(principal.head_of_units),
            acting=bool(principal.acting_position_ids),
        )
