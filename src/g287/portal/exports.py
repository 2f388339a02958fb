"""Downloads: any list of records as CSV, XLSX or JSON, named after what it holds.

CSV and XLSX carry one header row and one row per record, so a reader can check a download against the
count on the page; JSON carries the same records with their source and filters.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse

from g287.core import xlsx
from g287.core.cells import safe_row
from g287.portal.records import flat

FORMATS: tuple[str, ...] = ("csv", "xlsx", "json")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_name(base: str, parts: Iterable[str] = (), day: str | None = None) -> str:
    """A file name that says what the download holds: `g287-agreements-TX-TFM-2026-05-18` for Texas's
    Task Force agreements on the list of 2026-05-18. Two downloads of different views never share a
    name, and a saved file still says which list it came from."""
    words = [base, *(_slug(p) for p in parts), day or ""]
    return "-".join(w for w in words if w)


def _slug(text: str) -> str:
    # Codes (TX, TFM) keep their case; free text (a search) becomes lowercase words joined by hyphens.
    kept = "".join(c if c.isalnum() or c in "-_" else " " for c in text)
    return "-".join(kept.split())[:60]


def _disposition(filename: str) -> str:
    return f'attachment; filename="{filename}"'


def csv_response(records: Iterable[dict[str, Any]], columns: Sequence[str], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow(safe_row(flat(record, columns)))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(f"{filename}.csv")
    return response


def xlsx_response(
    records: Iterable[dict[str, Any]], columns: Sequence[str], filename: str, sheet: str | None = None
) -> HttpResponse:
    """`sheet`: the sheet's title (Excel keeps 31 characters); default the file name."""
    rows = (safe_row(flat(record, columns)) for record in records)
    response = HttpResponse(xlsx.workbook(list(columns), rows, sheet or filename), content_type=XLSX_TYPE)
    response["Content-Disposition"] = _disposition(f"{filename}.xlsx")
    return response


def json_response(payload: dict[str, Any], filename: str) -> JsonResponse:
    response = JsonResponse(payload, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'inline; filename="{filename}.json"'
    return response


def download(
    fmt: str,
    records: list[dict[str, Any]],
    columns: Sequence[str],
    filename: str,
    meta: dict[str, Any],
    sheet: str | None = None,
) -> HttpResponse:
    """`records` as `fmt`; JSON wraps them with `meta` (source, filters, count). `sheet`: the XLSX
    sheet's title when the file name is longer than Excel's 31 characters would keep."""
    if fmt == "csv":
        return csv_response(records, columns, filename)
    if fmt == "xlsx":
        return xlsx_response(records, columns, filename, sheet)
    return json_response({**meta, "count": len(records), "results": records}, filename)


def dumps(value: Any) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
