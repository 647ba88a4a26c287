"""``importData`` (the CSV's text in a variable) and ``importFile`` (an uploaded CSV file).

Both run the same import and answer with the same report; only how the file arrives differs.
``importFile`` follows the GraphQL multipart request spec, so a file is limited by
PORTAL_MAX_UPLOAD_BYTES instead of the JSON body limit.
"""

from __future__ import annotations

from typing import Annotated

import strawberry
from starlette.datastructures import UploadFile
from strawberry.file_uploads import Upload

from portal.graphql.context import Info
from portal.graphql.imports.types import ImportErrorCode, ImportKind, ImportReport
from portal.graphql.payloads import camel_path, payload, result_union
from portal.graphql.permissions import IsHR, require_principal
from portal.imports import report as domain
from portal.imports.service import import_csv, import_csv_file

_DRY_RUN = "Only report what would happen; write nothing."


@strawberry.input(description="A CSV file to import (layouts: docs/import.md).")
class ImportDataInput:
    kind: ImportKind = strawberry.field(description="What the file holds.")
    csv: str = strawberry.field(
        description="The file's content: UTF-8 text, comma- or semicolon-separated, header first."
    )
    dry_run: bool = strawberry.field(default=False, description=_DRY_RUN)


@strawberry.type(description="The file was imported, or passed its dry run.")
class ImportDataSuccess:
    report: ImportReport = strawberry.field(description="What happened, or would.")


@strawberry.type(description="Why the file was refused; nothing was written.")
class ImportDataError:
    code: ImportErrorCode = strawberry.field(description="What went wrong, as a stable code.")
    field: str | None = strawberry.field(description="The input field at fault (`csv`).")
    message: str = strawberry.field(description="What went wrong, for people (Indonesian).")
    report: ImportReport = strawberry.field(description="Every problem, by row and column.")

    @classmethod
    def of(cls, rejected: domain.ImportRejected) -> ImportDataError:
        return cls(
            code=ImportErrorCode(str(rejected.code)),
            field=camel_path(rejected.field),
            message=rejected.message,
            report=ImportReport.of(rejected.report),
        )


ImportDataResult = Annotated[ImportDataSuccess | ImportDataError, result_union("ImportDataResult")]


@strawberry.input(
    description="A CSV file uploaded in a multipart request (layouts and a curl example: "
    "docs/import.md)."
)
class ImportFileInput:
    kind: ImportKind = strawberry.field(description="What the file holds.")
    file: Upload = strawberry.field(
        description="The file, as a part of a `multipart/form-data` request (GraphQL multipart "
        "request spec): UTF-8 CSV (a BOM is fine), comma- or semicolon-separated, header first. "
        "The whole request may be up to PORTAL_MAX_UPLOAD_BYTES."
    )
    dry_run: bool = strawberry.field(default=False, description=_DRY_RUN)


@strawberry.type(description="The uploaded file was imported, or passed its dry run.")
class ImportFileSuccess:
    report: ImportReport = strawberry.field(description="What happened, or would.")


@strawberry.type(description="Why the uploaded file was refused; nothing was written.")
class ImportFileError:
    code: ImportErrorCode = strawberry.field(description="What went wrong, as a stable code.")
    field: str | None = strawberry.field(description="The input field at fault (`file`).")
    message: str = strawberry.field(description="What went wrong, for people (Indonesian).")
    report: ImportReport = strawberry.field(description="Every problem, by row and column.")

    @classmethod
    def of(cls, rejected: domain.ImportRejected) -> ImportFileError:
        # Every problem of an upload is a problem of its one file input.
        return cls(
            code=ImportErrorCode(str(rejected.code)),
            field="file",
            message=rejected.message,
            report=ImportReport.of(rejected.report),
        )


ImportFileResult = Annotated[ImportFileSuccess | ImportFileError, result_union("ImportFileResult")]


async def read_upload(value: object, *, kind: domain.ImportKind, dry_run: bool) -> bytes:
    """The bytes of an uploaded file part.

    The ``Upload`` scalar lets anything through: a JSON string in the variables, or a multipart
    map pointing at a plain form field. Those are refused here, so a file always arrives as one.
    """
    if not isinstance(value, UploadFile):
        raise domain.ImportRejected(
            domain.ImportErrorCode.NOT_A_FILE,
            "Kirim berkas CSV sebagai unggahan multipart (lihat docs/import.md).",
            domain.ImportReport(kind=kind, dry_run=dry_run),
        )
    try:
        return await value.read()
    finally:
        await value.close()


@strawberry.type
class ImportMutation:
    @strawberry.mutation(
        description="Import units, positions, employees, assessments or training history from "
        "CSV text: all rows or none, with a dry run (HR).",
        permission_classes=[IsHR],
    )
    async def import_data(self, info: Info, input: ImportDataInput) -> ImportDataResult:
        work = import_csv(
            kind=domain.ImportKind(input.kind),
            text=input.csv,
            dry_run=input.dry_run,
            actor_id=require_principal(info).employee_id,
        )
        return await payload(
            work, ImportDataError, lambda report: ImportDataSuccess(report=ImportReport.of(report))
        )

    @strawberry.mutation(
        description="Import units, positions, employees, assessments or training history from "
        "an uploaded CSV file (multipart request): all rows or none, with a dry run (HR).",
        permission_classes=[IsHR],
    )
    async def import_file(self, info: Info, input: ImportFileInput) -> ImportFileResult:
        kind = domain.ImportKind(input.kind)
        actor_id = require_principal(info).employee_id

        async def work() -> domain.ImportReport:
            content = await read_upload(input.file, kind=kind, dry_run=input.dry_run)
            return await import_csv_file(
                kind=kind, content=content, dry_run=input.dry_run, actor_id=actor_id
            )

        return await payload(
            work(),
            ImportFileError,
            lambda report: ImportFileSuccess(report=ImportReport.of(report)),
        )
