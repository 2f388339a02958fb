from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from g287.accounts.models import ApiToken
from g287.accounts.tokens import create_token
from tests.accounts.fixtures import World


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_token_is_stored_hashed_and_shown_once(world: World) -> None:
    client = Client()
    client.force_login(world.users["aa_in"])
    response = client.post(reverse("office:tokens"), {"name": "sync", "scope": "read", "days": 30})
    raw = response.context["new_raw"]
    assert raw.startswith("g287_") and raw in response.content.decode()
    token = ApiToken.objects.get(user=world.users["aa_in"])
    assert raw not in (token.digest, token.prefix) and len(token.digest) == 64
    assert raw not in client.get(reverse("office:tokens")).content.decode()


def test_read_token_reads_within_scope_and_cannot_write(world: World) -> None:
    raw = create_token(world.users["aa_in"], "r", "read", 30).raw
    client = Client()
    listed = client.get("/api/officers/", **bearer(raw)).json()
    assert [o["family_name"] for o in listed["results"]] == ["Inscope"]
    assert client.get(f"/api/officers/{world.officer_b.pk}", **bearer(raw)).status_code == 404
    write = client.post(
        f"/api/officers/{world.officer_a.pk}/separation",
        {"on": "2099-01-01", "reason": "x"},
        content_type="application/json",
        **bearer(raw),
    )
    assert write.status_code == 403 and "read-only" in write.json()["detail"]


def test_write_token_writes_and_is_named_in_the_audit_log(world: World) -> None:
    made = create_token(world.users["aa_in"], "w", "write", 30)
    response = Client().post(
        f"/api/officers/{world.officer_a.pk}/separation",
        {"on": timezone.localdate().isoformat(), "reason": "Retired"},
        content_type="application/json",
        **bearer(made.raw),
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "separated"
    from g287.core.models import AuditEntry

    assert AuditEntry.objects.last().actor == f"user:aa-in token:{made.token.prefix}"


def test_expired_revoked_and_wrong_tokens_are_refused(world: World) -> None:
    made = create_token(world.users["auditor"], "old", "read", 30)
    client = Client()
    assert client.get("/api/accounts/me", **bearer(made.raw)).status_code == 200
    ApiToken.objects.filter(pk=made.token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/accounts/me", **bearer(made.raw)).status_code == 401
    other = create_token(world.users["auditor"], "revoked", "read", 30)
    login = Client()
    login.force_login(world.users["auditor"])
    assert login.post(reverse("office:token_revoke", args=[other.token.pk])).status_code == 302
    assert client.get("/api/accounts/me", **bearer(other.raw)).status_code == 401
    assert client.get("/api/accounts/me", **bearer("g287_nonsense")).status_code == 401
    assert client.get("/api/accounts/me", HTTP_AUTHORIZATION="Basic abc").status_code == 401


def test_only_the_owner_revokes_a_token(world: World) -> None:
    made = create_token(world.users["program_admin"], "mine", "read", 30)
    other = Client()
    other.force_login(world.users["auditor"])
    assert other.post(reverse("office:token_revoke", args=[made.token.pk])).status_code == 404
    assert Client().post(reverse("office:token_revoke", args=[made.token.pk])).status_code == 302  # to login
    owner = Client()
    owner.force_login(world.users["program_admin"])
    assert owner.get(reverse("office:token_revoke", args=[made.token.pk])).status_code == 405
    assert owner.post(reverse("office:token_revoke", args=[made.token.pk])).status_code == 302
    assert ApiToken.objects.get(pk=made.token.pk).revoked_at is not None


def test_token_form_rejects_bad_input(world: World) -> None:
    client = Client()
    client.force_login(world.users["auditor"])
    response = client.post(reverse("office:tokens"), {"name": "", "scope": "admin", "days": 9999})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"name", "scope", "days"} <= set(errors)


def test_an_auditor_cannot_make_a_write_token(world: World) -> None:
    """Auditors change nothing: fuzzing found an auditor could make a write-scope token (its writes were
    refused, but the credential existed)."""
    client = Client()
    client.force_login(world.users["auditor"])
    response = client.post(reverse("office:tokens"), {"name": "w", "scope": "write", "days": 30})
    assert "your role only reads; make a read token." in response.content.decode()
    assert not ApiToken.objects.filter(user=world.users["auditor"]).exists()
    client.post(reverse("office:tokens"), {"name": "r", "scope": "read", "days": 30})
    assert ApiToken.objects.filter(user=world.users["auditor"], scope="read").count() == 1
