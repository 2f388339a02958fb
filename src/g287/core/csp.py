"""Content-Security-Policy on every response: scripts, styles, images and fonts come from the site itself,
nothing inline runs, no plugin, no foreign form target. Pages keep their scripts and styles in static
files (data for scripts rides in `json_script` blocks, which are data, not code).

`frame-ancestors` follows X-Frame-Options: set only when XFrameOptionsMiddleware set that header, so a
view marked `xframe_options_exempt` (an embeddable page) stays frameable. This middleware must come
before XFrameOptionsMiddleware in MIDDLEWARE, so it sees the header on the way out."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"
POLICY = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    # Swagger UI draws its icons from data: URLs in its stylesheet.
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
_ANCESTORS = {"DENY": "frame-ancestors 'none'", "SAMEORIGIN": "frame-ancestors 'self'"}


def policy_for(response: HttpResponse) -> str:
    parts = list(POLICY)
    ancestors = _ANCESTORS.get(str(response.get("X-Frame-Options", "")).upper())
    if ancestors:
        parts.append(ancestors)
    return "; ".join(parts)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A view that needs another policy sets its own header.
        if HEADER not in response:
            response[HEADER] = policy_for(response)
        return response
