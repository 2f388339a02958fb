"""Claim attachments in and out. In: a file declared as one of the allowed types must be one (its first
bytes are checked), so a page cannot be passed off as a PDF. Out: only the allowed types are served as
themselves, everything else as application/octet-stream, always as an attachment whose name is encoded
per RFC 6266 (quotes, line breaks and non-ASCII names cannot break the header)."""

import codecs
import io
import zipfile
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

OCTET_STREAM = "application/octet-stream"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _is_xlsx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            names = set(book.namelist())
    # A damaged index raises more than BadZipFile: an unknown zip version (NotImplementedError), a name
    # that is not the UTF-8 it claims (UnicodeDecodeError, a ValueError), a cut file (EOFError).
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError):
        return False
    return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)


def _is_csv(data: bytes) -> bool:
    # Text, not a page: no NUL byte, decodes, and does not open with markup.
    if b"\x00" in data:
        return False
    try:
        # Incremental: the first 4,096 bytes may end inside a character (a valid UTF-8 file was refused).
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(data[:4096], final=False)
    except UnicodeDecodeError:
        try:
            text = data[:4096].decode("cp1252")
        except UnicodeDecodeError:
            return False
    return not text.lstrip().startswith("<")


# The types served as themselves, and how to tell their bytes.
ALLOWED: dict[str, Callable[[bytes], bool]] = {
    "application/pdf": lambda d: d.startswith(b"%PDF-"),
    "image/png": lambda d: d.startswith(b"\x89PNG\r\n\x1a\n"),
    "image/jpeg": lambda d: d.startswith(b"\xff\xd8\xff"),
    "image/gif": lambda d: d[:6] in (b"GIF87a", b"GIF89a"),
    "image/webp": lambda d: d[:4] == b"RIFF" and d[8:12] == b"WEBP",
    "text/csv": _is_csv,
    XLSX: _is_xlsx,
}
LABELS = {
    "application/pdf": gettext_lazy("a PDF"),
    "text/csv": gettext_lazy("a CSV file"),
    XLSX: gettext_lazy("an XLSX workbook"),
}


def stored_type(declared: str, data: bytes) -> str:
    """The type to keep for an upload: an allowed type whose bytes match it, or octet-stream for any
    other declared type. Raises ValidationError when the bytes contradict an allowed declared type."""
    kind = (declared or "").split(";")[0].strip().lower()
    check = ALLOWED.get(kind)
    if check is None:
        return OCTET_STREAM
    if not check(data):
        label = LABELS.get(kind) or _("a %(type)s image") % {"type": kind.split("/")[1].upper()}
        raise ValidationError(
            {
                "file": _("The file is declared as %(kind)s but its content is not %(label)s.")
                % {"kind": kind, "label": label}
            }
        )
    return kind


def download_response(name: str, content_type: str, data: bytes) -> HttpResponse:
    served = content_type if content_type in ALLOWED else OCTET_STREAM
    response = HttpResponse(data, content_type=served)
    response["Content-Disposition"] = content_disposition_header(True, name or "file")
    return response
