"""The whole public registry in one SQLite file and the datapackage.json that describes the downloads,
on the shipped registry: every agreement is in the file, with its indexes; a new import gives a new file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from django.test import Client, override_settings

from g287.registry.models import Agreement, Snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def downloads(tmp_path: Path):  # type: ignore[no-untyped-def]
    with override_settings(G287_DOWNLOADS_DIR=str(tmp_path)):
        yield tmp_path


def fetch(tmp_path: Path) -> Path:
    response = Client().get("/downloads/g287-public.sqlite3")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="g287-public.sqlite3"'
    target = tmp_path / "fetched.sqlite3"
    target.write_bytes(b"".join(response.streaming_content))
    return target


def test_the_file_holds_every_agreement_with_indexes(downloads: Path) -> None:
    db = sqlite3.connect(fetch(downloads))
    tables = {row[0] for row in db.execute("select name from sqlite_master where type = 'table'")}
    assert tables == {"agreements", "agencies", "events", "snapshots", "states"}
    # 1,978: the shipped decisions joined 11 agreements ICE had listed under two names (issue 10),
    # aliases.json folds the archive capture's "Waria-labelon County" into Walton County and five requests
    # ICE put under the wrong state into the agreement signed in the right one, and continuity joins six
    # misspellings ICE listed for a while and then undid (Indialantic FL, Southampton PA, ...).
    assert db.execute("select count(*) from agreements").fetchone()[0] == Agreement.objects.count() == 1978
    assert db.execute("select count(*) from agreements where status = 'active'").fetchone()[0] == 1843
    assert db.execute("select count(*) from snapshots").fetchone()[0] == Snapshot.objects.count()
    assert db.execute("select sum(agreements) from states").fetchone()[0] == 1843
    joined = db.execute(
        "select count(*) from agreements a join agencies g on g.id = a.agency_id join events e on e.agreement = a.id"
        " where a.id = 'TX-harrison-county-sheriffs-office#TFM'"
    ).fetchone()[0]
    assert joined > 0
    indexes = {row[0] for row in db.execute("select name from sqlite_master where type = 'index'")}
    assert {"agreements_state", "agreements_agency_id", "events_agreement", "agencies_ori"} <= indexes
    plan = " ".join(
        str(r) for r in db.execute("explain query plan select * from agreements where state = 'TX'")
    )
    assert "agreements_state" in plan


def test_built_once_per_registry_state(downloads: Path) -> None:
    fetch(downloads)
    built = sorted(downloads.glob("g287-public-*.sqlite3"))
    assert len(built) == 1
    stamp = built[0].stat().st_mtime_ns
    fetch(downloads)
    assert built[0].stat().st_mtime_ns == stamp  # served again, not rebuilt
    # A newer list (here: the newest one re-dated) is a new registry state: a new file replaces the old.
    newest = Snapshot.objects.filter(kind="participating").order_by("-order_key").first()
    assert newest is not None
    Snapshot.objects.filter(pk=newest.pk).update(
        order_key=newest.order_key[:8] + "235959" + newest.order_key[14:]
    )
    fetch(downloads)
    rebuilt = sorted(downloads.glob("g287-public-*.sqlite3"))
    assert len(rebuilt) == 1 and rebuilt != built


def test_datapackage_describes_the_downloads_and_is_linked() -> None:
    package = Client().get("/downloads/datapackage.json").json()
    assert package["profile"] == "tabular-data-package"
    names = {r["name"]: r for r in package["resources"]}
    assert {"agreements", "states", "snapshots", "public-database"} <= set(names)
    agreements = names["agreements"]
    assert agreements["path"] == "http://testserver/agreements/?status=all&format=csv"
    fields = {f["name"]: f["type"] for f in agreements["schema"]["fields"]}
    assert fields["signed"] == "date" and fields["id"] == "string"
    # The CSV has exactly the described columns.
    header = Client().get("/agreements/?status=all&format=csv").content.decode().splitlines()[0].split(",")
    assert header == [f["name"] for f in agreements["schema"]["fields"]]
    sources = Client().get("/snapshots/").content.decode()
    assert (
        'href="/downloads/g287-public.sqlite3"' in sources and 'href="/downloads/datapackage.json"' in sources
    )
    assert "/downloads/g287-public.sqlite3" in Client().get("/api/openapi.json").json()["info"]["description"]
