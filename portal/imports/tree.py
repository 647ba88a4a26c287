"""Parent links given by code (units, positions): order-free within a file, checked for loops."""

from __future__ import annotations

from collections.abc import Iterable

from portal.imports.csvfile import Row


class Keep:
    """The file has no parent column: existing rows keep their parent, new ones have none."""


KEEP = Keep()


def in_loop(parent_of: dict[str, str | None], starts: Iterable[str]) -> set[str]:
    """Codes among ``starts`` whose chain of parents comes back to them."""
    looped: set[str] = set()
    for start in starts:
        seen = {start}
        current = parent_of.get(start)
        while current is not None:
            if current == start:
                looped.add(start)
                break
            if current in seen:  # a loop further up, reported on its own members
                break
            seen.add(current)
            current = parent_of.get(current)
    return looped


def resolve_parent(
    row: Row,
    code: str,
    parent: str | Keep,
    *,
    in_file: set[str],
    existing_active: dict[str, bool],
    current_parent: str | None,
    what: str,
) -> str | None:
    """The parent code after the import, recording a problem on ``parent_code`` when it is bad."""
    if isinstance(parent, Keep):
        return current_parent
    if not parent:
        return None
    if parent == code:
        row.error("parent_code", f"{what} tidak boleh menjadi induknya sendiri")
    elif parent not in in_file:
        active = existing_active.get(parent)
        if active is None:
            row.error(
                "parent_code", f"{what} induk {parent!r} tidak ada di berkas maupun di basis data"
            )
        elif not active:
            row.error("parent_code", f"{what} induk {parent!r} sudah ditutup")
    return parent
