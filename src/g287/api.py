"""The JSON API (django-ninja): one NinjaAPI, with a router per domain app, documented at /api/docs."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="g287 API",
    version="1",
    description=(
        "The 287(g) program's agreements, agencies, history and statistics, rebuilt from every list ICE "
        "published. Dates are ISO 8601; money is in integer cents."
    ),
    urls_namespace="api",
)
