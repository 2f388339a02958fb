"""Warm a server process before it takes requests: the first request a fresh gunicorn worker answered
took ~0.5 s (the URL configuration and every view and the API imported, templates compiled, the
dashboard's figures computed) where a warm one takes a few ms. g287.wsgi runs this as each worker loads
the application, before gunicorn gives it a connection."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import connections

log = logging.getLogger(__name__)

# The pages people open first; each fills this process's caches for the registry as it is now. One
# state's page compiles the template every state's page uses (~30 ms on a first render otherwise).
PAGES = ("/", "/states/", "/states/TX/")


def warm_up(application: Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]) -> list[int]:
    """Requests PAGES through `application` (the whole middleware chain, as a client would); returns
    their status codes. Never raises: a server whose database is not set up yet still starts."""
    statuses: list[int] = []
    host = next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")), "")
    for path in PAGES:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": host or "localhost",
            "SERVER_PORT": "443" if settings.SECURE_SSL_REDIRECT else "80",
            "HTTP_HOST": host or "localhost",
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": io.StringIO(),
            # Under G287_HTTPS a plain-HTTP request is only redirected: ask as the proxy would pass it on.
            "wsgi.url_scheme": "https" if settings.SECURE_SSL_REDIRECT else "http",
            "HTTP_X_FORWARDED_PROTO": "https" if settings.SECURE_SSL_REDIRECT else "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        answer: list[int] = []

        def start_response(
            status: str, headers: Any, exc_info: Any = None, answer: list[int] = answer
        ) -> None:
            answer.append(int(status.split()[0]))

        try:
            body = application(environ, start_response)
            for _ in body:
                pass
            close = getattr(body, "close", None)
            if close:
                close()
        except Exception as exc:  # a warm-up must not stop the server (e.g. a database not migrated yet)
            log.warning("warm-up of %s failed: %s", path, exc)
            answer.append(0)
        statuses.extend(answer[:1])
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:  # this thread's connections; request threads open their own
            connection.close()
    return statuses
