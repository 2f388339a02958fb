"""Asking a server for a file: timeouts, bounded retries with backoff, a size limit, a User-Agent that
names the project, and conditional requests. Every failure becomes a FetchError naming the address and
the reason."""

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx
from django.conf import settings

from g287 import __version__

USER_AGENT = f"g287/{__version__} (287(g) program registry; +https://github.com/g287)"


class FetchError(Exception):
    """A file that could not be had. The message names the address and the reason."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass
class Response:
    url: str  # the final address, after redirects
    status: int
    headers: dict[str, str]
    content: bytes = b""
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def last_modified(self) -> datetime | None:
        """The server's Last-Modified, when present, readable and not in the future."""
        raw = self.headers.get("last-modified")
        if not raw:
            return None
        try:
            when = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when if when <= self.fetched_at else None


class _Retry(Exception):
    pass


def client() -> httpx.Client:
    return httpx.Client(
        headers={"User-Agent": USER_AGENT},
        timeout=httpx.Timeout(settings.G287_FETCH_TIMEOUT),
        follow_redirects=True,
        max_redirects=5,
    )


def get(
    http: httpx.Client, url: str, etag: str = "", last_modified: str = "", max_bytes: int | None = None
) -> Response:
    """GETs `url`, conditionally when validators are given. Retries timeouts, broken connections,
    truncated bodies and 5xx answers up to G287_FETCH_RETRIES attempts, waiting G287_FETCH_BACKOFF
    seconds and twice as long each time; other errors fail at once."""
    limit = max_bytes or settings.G287_FETCH_MAX_BYTES
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    attempts = max(1, settings.G287_FETCH_RETRIES)
    reason = ""
    for attempt in range(attempts):
        if attempt:
            time.sleep(settings.G287_FETCH_BACKOFF * 2 ** (attempt - 1))
        try:
            return _get_once(http, url, headers, limit)
        except _Retry as exc:
            reason = str(exc)
    raise FetchError(url, f"{reason} (gave up after {attempts} attempts)")


def _get_once(http: httpx.Client, url: str, headers: dict[str, str], limit: int) -> Response:
    try:
        with http.stream("GET", url, headers=headers) as answer:
            if answer.status_code >= 500:
                raise _Retry(f"the server answered {answer.status_code} {answer.reason_phrase}")
            if answer.status_code >= 400:
                raise FetchError(url, f"the server answered {answer.status_code} {answer.reason_phrase}")
            declared = answer.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(url, f"the file is {int(declared):,} bytes, over the limit of {limit:,}")
            chunks: list[bytes] = []
            size = 0
            for chunk in answer.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchError(url, f"the file is over the limit of {limit:,} bytes")
                chunks.append(chunk)
            body = b"".join(chunks)
            if declared and declared.isdigit() and answer.status_code == 200 and len(body) != int(declared):
                raise _Retry(f"truncated download: {len(body):,} of {int(declared):,} bytes")
            return Response(
                url=str(answer.url),
                status=answer.status_code,
                headers={k.lower(): v for k, v in answer.headers.items()},
                content=body,
            )
    except httpx.TimeoutException:
        raise _Retry(f"timed out after {settings.G287_FETCH_TIMEOUT:g} s") from None
    except httpx.RemoteProtocolError as exc:
        raise _Retry(f"the connection broke ({_first_line(exc)}); truncated download") from None
    except httpx.TooManyRedirects:
        raise FetchError(url, "too many redirects") from None
    except httpx.TransportError as exc:
        raise _Retry(f"cannot connect ({_first_line(exc)})") from None
    except httpx.InvalidURL as exc:
        raise FetchError(url, f"not a valid address ({exc})") from None


def _first_line(exc: Exception) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0]
