"""Claim attachments (issue 17.11): bytes must match an allowed declared type; only PDF, images, CSV and
XLSX are served as themselves, the rest as application/octet-stream; the file name is encoded per RFC
6266 so quotes and non-ASCII names cannot break the header."""

import io
from email.message import Message
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from openpyxl import Workbook

from g287.core.models import AuditEntry
from g287.funding.fiscal import Quarter
from g287.funding.models import RuleSet, SupportingFile
from g287.funding.services import claims as svc
from tests.funding.conftest import make_officer

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _claim(world: Any) -> int:
    officer = make_officer(world.a, "T-1")
    line = svc.LineInput(officer.pk, 1_500_000, 500_000, 100_000, 6_000_000)
    return int(
        svc.file_claim(world.users["aa_in"], world.a.pk, Quarter(2026, 2), [line], True, None).claim.pk
    )


def _download(world: Any, stored: SupportingFile) -> Any:
    client = Client()
    client.force_login(world.users["aa_in"])
    response = client.get(f"/office/funding/files/{stored.pk}/")
    assert response.status_code == 200
    return response


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def test_bytes_that_contradict_the_declared_type_are_refused(world: Any, rules: RuleSet) -> None:
    claim = _claim(world)
    entries = AuditEntry.objects.count()
    for declared, data in [
        ("application/pdf", b"<html><script>alert(1)</script></html>"),
        ("image/png", b"%PDF-1.7 not a picture"),
        (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            b"PK\x03\x04 truncated",
        ),
        ("text/csv", b"<html><body>hi</body></html>"),
    ]:
        with pytest.raises(ValidationError, match="its content is not"):
            svc.attach_file(world.users["aa_in"], claim, "f", declared, data)
    assert not SupportingFile.objects.exists() and AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("declared", "data", "served"),
    [
        ("application/pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("image/png", b"\x89PNG\r\n\x1a\n....", "image/png"),
        ("text/csv", b"badge,amount\nT-1,15000\n", "text/csv"),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", None, "xlsx"),
        ("text/html", b"<html><script>alert(1)</script></html>", "application/octet-stream"),
        ("image/svg+xml", b"<svg onload='alert(1)'/>", "application/octet-stream"),
        ("", b"whatever", "application/octet-stream"),
    ],
)
def test_only_allowed_types_are_served_as_themselves(
    world: Any, rules: RuleSet, declared: str, data: bytes | None, served: str
) -> None:
    stored = svc.attach_file(world.users["aa_in"], _claim(world), "file", declared, data or _xlsx())
    response = _download(world, stored)
    expected = declared if served == "xlsx" else served
    assert response["Content-Type"] == expected
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    "name",
    ['pay"roll"; filename="evil.html', "résumé été.pdf", "a\r\nSet-Cookie: x=1.pdf", "人事.csv"],
)
def test_file_names_cannot_break_the_header(world: Any, rules: RuleSet, name: str) -> None:
    stored = svc.attach_file(world.users["aa_in"], _claim(world), name, "application/pdf", b"%PDF-1.4")
    header = _download(world, stored)["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    message = Message()
    message["Content-Disposition"] = header
    assert message.get_content_disposition() == "attachment"
    assert message.get_filename() == stored.name  # the whole name, read back by an RFC 6266 parser


def _unknown_zip_version(data: bytes) -> bytes:
    """The workbook with its zip index claiming version 9.9 (Python refuses it: NotImplementedError)."""
    at = data.rfind(b"PK\x01\x02")
    return data[: at + 6] + bytes([99, 0]) + data[at + 8 :]


def test_damaged_workbooks_are_refused_and_a_split_character_is_not(world: Any, rules: RuleSet) -> None:
    """A zip index of an unknown version was a 500; a UTF-8 CSV whose 4,096th byte falls inside a
    character was refused as not a CSV."""
    claim = _claim(world)
    with pytest.raises(ValidationError, match="its content is not"):
        svc.attach_file(world.users["aa_in"], claim, "f.xlsx", XLSX_TYPE, _unknown_zip_version(_xlsx()))
    head = b"badge,name\nT-1,"
    text = head + b"x" * (4095 - len(head)) + "Ёлка\n".encode() + "T-2,Ёлка\n".encode() * 10
    assert text[4095:4097] == "Ё".encode()  # the 4,096th byte is the first half of a character
    stored = svc.attach_file(world.users["aa_in"], claim, "names.csv", "text/csv", text)
    assert stored.content_type == "text/csv"


def test_a_file_name_keeps_no_control_character(world: Any, rules: RuleSet) -> None:
    """A name sent with a NUL (the form's "a&#0;b.pdf") was stored as sent, which PostgreSQL refuses."""
    stored = svc.attach_file(
        world.users["aa_in"], _claim(world), "a\x00b\r\n.pdf", "application/pdf", b"%PDF-1.7"
    )
    assert stored.name == "ab.pdf"
