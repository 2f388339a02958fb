"""Bulk import of an agency's officer roster (CSV or XLSX). The preview checks every row against the
same rules as a single nomination and lists every error; only a file without errors can be committed,
and then all of its rows are written in one transaction, or none."""

import csv
import hashlib
import io
import re
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from g287.accounts.actor import actor_of
from g287.accounts.roles import Perm, require
from g287.accounts.scoping import agency_in_scope, get_in_scope
from g287.core.audit import record
from g287.core.cells import column_letter
from g287.core.uploads import clean_file_name
from g287.officers import services
from g287.officers.models import Officer, RosterUpload
from g287.officers.rules import Nomination, RuleViolation, active_models, check_nomination
from g287.registry.ice.workbook import WorkbookError, read_sheet

COLUMNS = [
    "given_name",
    "family_name",
    "badge_number",
    "sworn_since",
    "models",
    "us_citizen",
    "disciplinary_disclosure",
]
REQUIRED = set(COLUMNS) - {"disciplinary_disclosure"}
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
TRUE = {"yes", "y", "true", "1", "x"}
FALSE = {"no", "n", "false", "0", ""}

RowError = dict[str, Any]  # {"row": 2, "field": "sworn_since", "message": "..."}; row 1 is the header


class RosterFileError(ValueError):
    """The file as a whole cannot be read."""


def template_csv() -> str:
    return ",".join(COLUMNS) + "\nJane,Doe,1234,2015-06-01,TFM;JEM,yes,\n"


def read_table(filename: str, content: bytes) -> list[list[Any]]:
    if len(content) > MAX_BYTES:
        raise RosterFileError(f"file: the file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    name = filename.lower()
    if name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise RosterFileError("file: the CSV is not UTF-8 text; save it as “CSV UTF-8”.") from None
        try:
            table = [row for row in csv.reader(io.StringIO(text))]
        except csv.Error as exc:  # a cell over the csv module's 131,072 characters, say
            raise RosterFileError(f"file: the CSV cannot be read ({exc}).") from None
        _refuse_nul(table)
        return table
    if name.endswith(".xlsx"):
        # The registry's guarded reader: a few bytes naming a far cell (XFD1048576) made calamine ask for
        # 512 GiB and abort the whole server process; a zip that inflates without end is refused too.
        try:
            sheet = read_sheet(content)
        except WorkbookError as exc:
            raise RosterFileError(f"file: the spreadsheet cannot be read ({exc}).") from None
        return [list(row) for row in sheet.rows]
    raise RosterFileError("file: upload a .csv or .xlsx file.")


def _refuse_nul(table: list[list[str]]) -> None:
    """PostgreSQL cannot store a NUL character (and no name or badge holds one)."""
    for r, row in enumerate(table, start=1):
        for c, cell in enumerate(row):
            if "\x00" in cell:
                raise RosterFileError(
                    f"file: row {r}, column {column_letter(c)}: a NUL character, which no name or badge "
                    "holds; save the file again as “CSV UTF-8”."
                )


def _header_key(value: Any) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(value).strip().lower()).strip("_")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # spreadsheets turn badge numbers into floats
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def parse_rows(table: list[list[Any]]) -> tuple[list[dict[str, str]], list[RowError]]:
    """Rows as dicts of text, keyed by column, and file-level errors (unknown or missing columns)."""
    table = [row for row in table if any(_text(cell) for cell in row)]
    if not table:
        raise RosterFileError("file: the file is empty.")
    header = [_header_key(cell) for cell in table[0]]
    errors: list[RowError] = []
    missing = sorted(REQUIRED - set(header))
    if missing:
        errors.append({"row": 1, "field": "header", "message": f"Missing column(s): {', '.join(missing)}."})
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        errors.append(
            {
                "row": 1,
                "field": "header",
                "message": f"Unknown column(s): {', '.join(unknown)}; the columns are {', '.join(COLUMNS)}.",
            }
        )
    if len(table) - 1 > MAX_ROWS:
        raise RosterFileError(f"file: more than {MAX_ROWS} officers; split the file.")
    rows = []
    for raw in table[1:]:
        cells = [_text(c) for c in raw]
        rows.append(
            {col: (cells[i] if i < len(cells) else "") for i, col in enumerate(header) if col in COLUMNS}
        )
    return rows, errors


def parse_date(text: str) -> date:
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def to_nomination(row: dict[str, str]) -> tuple[Nomination, list[tuple[str, str]]]:
    problems: list[tuple[str, str]] = []
    sworn: date | None = None
    if row.get("sworn_since"):
        try:
            sworn = parse_date(row["sworn_since"])
        except ValueError:
            problems.append(("sworn_since", f"{row['sworn_since']!r} is not a date (use YYYY-MM-DD)."))
    citizen_text = row.get("us_citizen", "").lower()
    if citizen_text not in TRUE | FALSE:
        problems.append(("us_citizen", f"{row.get('us_citizen')!r} is not yes or no."))
    nomination = Nomination(
        given_name=row.get("given_name", ""),
        family_name=row.get("family_name", ""),
        badge_number=row.get("badge_number", ""),
        sworn_since=sworn,
        models=[m for m in re.split(r"[;,/ ]+", row.get("models", "")) if m],
        citizenship_attested=citizen_text in TRUE,
        disciplinary_disclosure=row.get("disciplinary_disclosure", ""),
    ).normalized()
    return nomination, problems


_FIELD = {"citizenship_attested": "us_citizen"}


def check_rows(agency: Any, rows: list[dict[str, str]], on: date) -> list[RowError]:
    errors: list[RowError] = []
    held = active_models(agency)
    seen: dict[str, int] = {}
    for index, row in enumerate(rows, start=2):
        nomination, problems = to_nomination(row)
        found = check_nomination(agency, nomination, on, agency_models=held)
        if any(field == "sworn_since" for field, _ in problems):
            found.pop("sworn_since", None)
        for field, message in problems:
            errors.append({"row": index, "field": field, "message": message})
        for field, messages in found.items():
            errors.extend({"row": index, "field": _FIELD.get(field, field), "message": m} for m in messages)
        badge = nomination.badge_number
        if badge:
            if badge in seen:
                errors.append(
                    {
                        "row": index,
                        "field": "badge_number",
                        "message": f"Badge number {badge} is also on row {seen[badge]}.",
                    }
                )
            else:
                seen[badge] = index
    return errors


def preview(by: Any, agency_id: str, filename: str, content: bytes, on: date | None = None) -> RosterUpload:
    require(by, Perm.OFFICERS_IMPORT)
    agency = agency_in_scope(by, agency_id)
    on = on or timezone.localdate()
    try:
        rows, errors = parse_rows(read_table(filename, content))
    except RosterFileError as exc:
        field, _, message = str(exc).partition(": ")
        rows, errors = [], [{"row": 0, "field": field, "message": message}]
    else:
        if not errors:
            errors = check_rows(agency, rows, on)
        if not rows and not errors:
            errors = [{"row": 0, "field": "file", "message": "The file has a header but no officers."}]
    with transaction.atomic():
        upload = RosterUpload.objects.create(
            agency=agency,
            uploaded_by=by,
            filename=clean_file_name(filename),
            sha256=hashlib.sha256(content).hexdigest(),
            rows=rows,
            errors=errors,
        )
        record(
            "officers.rosterupload.create",
            "officers.RosterUpload",
            upload.pk,
            after={
                "agency": agency.pk,
                "filename": upload.filename,
                "sha256": upload.sha256,
                "rows": len(rows),
                "errors": len(errors),
            },
            actor=actor_of(by),
        )
    return upload


def commit(by: Any, upload_id: int, on: date | None = None) -> list[Officer]:
    """Writes every row, or nothing: the rows are checked again, since the registry or the roster may
    have changed since the preview."""
    require(by, Perm.OFFICERS_IMPORT)
    on = on or timezone.localdate()
    upload = get_in_scope(RosterUpload.objects.all(), by, pk=upload_id)
    if upload.committed_at is None and not upload.errors:
        errors = check_rows(upload.agency, upload.rows, on)
        if errors:
            upload.errors = errors
            upload.save(update_fields=["errors"])
    with transaction.atomic():
        upload = get_in_scope(RosterUpload.objects.select_for_update(), by, pk=upload_id)
        if upload.committed_at is not None:
            raise RuleViolation(
                {
                    "file": [
                        _("This file was imported already, at %(time)s.")
                        % {"time": f"{upload.committed_at:%Y-%m-%d %H:%M}"}
                    ]
                }
            )
        if upload.errors:
            raise RuleViolation({"file": [_("The file has errors; fix them and upload it again.")]})
        officers = [
            services.nominate(by, upload.agency_id, to_nomination(row)[0], on=on) for row in upload.rows
        ]
        upload.committed_at = timezone.now()
        upload.save(update_fields=["committed_at"])
        record(
            "officers.rosterupload.commit",
            "officers.RosterUpload",
            upload.pk,
            after={"committed": len(officers)},
            actor=actor_of(by),
        )
    return officers
