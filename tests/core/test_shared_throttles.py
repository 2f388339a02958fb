"""Throttles shared through Redis and client addresses behind a trusted proxy (issue 17.10).

Uses the Redis at 127.0.0.1:6379, database 6 (skipped when it does not answer)."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings

from g287.accounts import throttle
from g287.accounts.models import LoginFailure
from g287.core.clientip import client_ip

REDIS_URL = "redis://127.0.0.1:6379/6"
REDIS = {
    "G287_CACHE_URL": REDIS_URL,
    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}},
}
G287 = str(Path(sys.executable).with_name("g287"))


@pytest.fixture
def redis() -> Iterator[None]:
    redis_py = pytest.importorskip("redis")
    client = redis_py.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis_py.ConnectionError:
        pytest.skip("Redis does not answer at 127.0.0.1:6379")
    client.flushdb()
    yield
    client.flushdb()


@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # not a proxy: the header is the client's word
        ("10.0.0.5", "198.51.100.1", "198.51.100.1"),
        ("10.0.0.5", "6.6.6.6, 198.51.100.1, 10.0.0.7", "198.51.100.1"),  # a forged first hop is ignored
        ("10.0.0.5", "", "10.0.0.5"),
    ],
)
@override_settings(G287_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_forwarded_for_names_the_client_only_through_a_trusted_proxy(
    remote: str, forwarded: str, client: str
) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == client


@pytest.mark.django_db
@override_settings(G287_TRUSTED_PROXIES=["127.0.0.1"], G287_STATUS_LIMIT=2)
def test_visitors_behind_the_proxy_are_throttled_one_by_one() -> None:
    def check(visitor: str) -> int:
        return (
            Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=visitor)
            .post("/complaints/status/", {"receipt": "NOPE-NOPE"})
            .status_code
        )

    assert [check("198.51.100.1") for _ in range(3)][-1] == 429
    assert check("198.51.100.2") != 429  # another visitor through the same proxy


@pytest.mark.django_db
@pytest.mark.usefixtures("redis")
@override_settings(**REDIS)
def test_login_lockout_lives_in_redis() -> None:
    for _ in range(settings.G287_LOGIN_FAILURE_LIMIT):
        throttle.note_failure("someone")
    assert throttle.locked_for("someone") is not None
    assert throttle.locked_for("someone-else") is None
    assert not LoginFailure.objects.exists()
    throttle.clear("someone")
    assert throttle.locked_for("someone") is None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(folder: Path, env: dict[str, str]) -> tuple[str, subprocess.Popen[bytes]]:
    port = _free_port()
    log = (folder / "serve.log").open("wb")
    process = subprocess.Popen(
        [G287, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/complaints/status/", timeout=5):
                return url, process
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError((folder / "serve.log").read_text()[-2000:])


def _status_check(url: str) -> int:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    with opener.open(url + "/complaints/status/") as page:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    assert token is not None
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), "receipt": "NOPE-NOPE"}).encode()
    request = urllib.request.Request(url + "/complaints/status/", data=body, headers={"Referer": url})
    try:
        with opener.open(request) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.usefixtures("redis")
def test_two_serve_processes_share_one_limit(tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("G287_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(
        {"G287_CACHE_URL": REDIS_URL, "G287_STATUS_LIMIT": "3", "G287_SECRET_KEY": "s" * 10 + "x" * 50}
    )
    # Two servers with a database each: only Redis is shared between them.
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    subprocess.run([G287, "migrate", "-v", "0"], env={**env, "DATABASE_URL": f"sqlite:///{first / 'db'}"},
                   check=True, capture_output=True)  # fmt: skip
    second.mkdir()
    shutil.copy(first / "db", second / "db")
    servers = [_serve(f, {**env, "DATABASE_URL": f"sqlite:///{f / 'db'}"}) for f in (first, second)]
    try:
        codes = [_status_check(servers[i % 2][0]) for i in range(5)]
    finally:
        for _, process in servers:
            process.terminate()
            process.wait(timeout=20)
    assert 429 not in codes[:3]  # three checks (of an unknown receipt), alternating between the servers ...
    assert codes[3:] == [429, 429]  # ... use up the limit on both
