import io
import json
from datetime import timedelta

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from g287.officers import roster
from g287.officers.models import Officer, RosterUpload
from tests.accounts.fixtures import World
from tests.registry.ice_files import add_cells

HEADER = "given_name,family_name,badge_number,sworn_since,models,us_citizen,disciplinary_disclosure\n"
RECENT = (timezone.localdate() - timedelta(days=200)).isoformat()


def test_preview_lists_every_rows_errors_and_writes_nothing(world: World) -> None:
    content = (
        HEADER
        + "Ana,Diaz,T-1,2010-05-01,TFM,yes,\n"  # fine
        + "Ben,,T-2,2010-05-01,TFM,yes,\n"  # no family name
        + f"Cy,Ng,T-3,{RECENT},TFM;JEM,yes,\n"  # too little experience for TFM
        + "Di,Oh,T-1,2010-05-01,WSO,maybe,\n"  # duplicate badge, no WSO agreement, bad yes/no, no disclosure
        + "Ed,Po,A-111,01/02/2003,JEM,no,\n"  # badge taken, not a citizen
        + "Fay,Qi,T-6,someday,JEM,yes,\n"  # bad date
    ).encode()
    officers = Officer.objects.count()
    upload = roster.preview(world.users["aa_in"], world.a.pk, "roster.csv", content)
    assert Officer.objects.count() == officers
    by_row: dict[int, set[str]] = {}
    for error in upload.errors:
        by_row.setdefault(error["row"], set()).add(error["field"])
    assert by_row == {
        3: {"family_name"},
        4: {"sworn_since"},
        5: {"badge_number", "models", "us_citizen", "disciplinary_disclosure"},
        6: {"badge_number", "us_citizen"},
        7: {"sworn_since"},
    }
    messages = json.dumps(upload.errors)
    assert "also on row 2" in messages and "qualifies on" in messages and "not a date" in messages


def test_only_a_clean_file_commits(world: World) -> None:
    client = Client()
    client.force_login(world.users["aa_in"])
    bad = SimpleUploadedFile("r.csv", (HEADER + "Ben,,T-2,2010-05-01,TFM,yes,\n").encode())
    response = client.post(reverse("officers:import"), {"agency": world.a.pk, "file": bad})
    upload = RosterUpload.objects.latest("pk")
    assert response.status_code == 302 and not upload.is_clean
    page = client.get(response["Location"])
    assert (
        "cannot be imported" in page.content.decode() and "Family name is required" in page.content.decode()
    )
    refused = client.post(response["Location"])
    assert refused.status_code == 400 and not Officer.objects.filter(badge_number="T-2").exists()

    good = SimpleUploadedFile(
        "r.csv", (HEADER + "Ana,Diaz,T-1,2010-05-01,TFM,yes,\nBo,Li,T-2,2011-01-01,JEM,y,\n").encode()
    )
    response = client.post(reverse("officers:import"), {"agency": world.a.pk, "file": good})
    committed = client.post(response["Location"])
    assert committed.status_code == 302
    assert set(
        Officer.objects.filter(agency=world.a, status="nominated").values_list("badge_number", flat=True)
    ) >= {"T-1", "T-2"}
    assert client.post(response["Location"]).status_code == 400  # not twice


def test_xlsx_roster(world: World) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(roster.COLUMNS)
    sheet.append(["Ana", "Diaz", 4411, timezone.datetime(2010, 5, 1), "TFM", "yes", None])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = roster.preview(world.users["aa_in"], world.a.pk, "roster.xlsx", buffer.getvalue())
    assert upload.errors == [] and upload.rows[0]["badge_number"] == "4411"
    assert upload.rows[0]["sworn_since"] == "2010-05-01"
    made = roster.commit(world.users["aa_in"], upload.pk)
    assert [o.badge_number for o in made] == ["4411"]


def test_bad_files_are_reported_not_crashed(world: World) -> None:
    aa = world.users["aa_in"]
    cases = {
        "a.pdf": b"%PDF",
        "a.xlsx": b"not a zip",
        "a.csv": b"\xff\xfe\x00bad",
        "b.csv": b"",
        "c.csv": b"name,badge\nx,y\n",
        "d.csv": HEADER.encode(),
    }
    for name, content in cases.items():
        upload = roster.preview(aa, world.a.pk, name, content)
        assert upload.errors, name
    client = Client()
    client.force_login(aa)
    response = client.post(
        reverse("officers:import"), {"agency": world.b.pk, "file": SimpleUploadedFile("a.csv", b"x")}
    )
    assert response.status_code == 400 and response.context["form"].errors  # not an agency of theirs
    empty = client.post(
        reverse("officers:import"), {"agency": world.a.pk, "file": SimpleUploadedFile("a.csv", b"")}
    )
    assert empty.status_code == 400 and "empty" in empty.content.decode()
    assert client.get(reverse("officers:import")).status_code == 200


def test_hostile_files_are_refused_with_the_reason(world: World) -> None:
    """A 2 KB workbook naming the last cell (XFD1048576) made calamine ask for 512 GiB and abort the
    server process; a CSV cell over the csv module's limit was a 500. Both are refusals naming the file."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(roster.COLUMNS)
    buffer = io.BytesIO()
    book.save(buffer)
    far = add_cells(
        buffer.getvalue(), '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    )
    long_cell = (HEADER + "Ana,Diaz,1," + "x" * 200_000 + ",TFM,yes,\n").encode()
    # A NUL was imported into a given name (found by fuzzing); PostgreSQL cannot store one: a 500 there.
    nul = (HEADER + f"A\x00,Diaz,1,{RECENT},TFM,yes,\n").encode()
    for name, content, reason in (
        ("far.xlsx", far, "XFD1048576"),
        ("long.csv", long_cell, "field larger than field limit"),
        ("nul.csv", nul, "row 2, column A: a NUL character"),
    ):
        upload = roster.preview(world.users["aa_in"], world.a.pk, name, content)
        assert upload.errors and reason in json.dumps(upload.errors), name


def test_the_file_name_is_kept_without_control_characters(world: World) -> None:
    content = (HEADER + f"Ana,Diaz,4411,{RECENT},TFM,yes,\n").encode()
    upload = roster.preview(world.users["aa_in"], world.a.pk, "r\x00oster\x1b.csv", content)
    assert upload.filename == "roster.csv"
