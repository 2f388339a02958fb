"""The public Sources page (every file of ICE's that g287 holds, byte for byte) and the archived MOAs."""

import re

from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from g287.registry.models import Agreement
from g287.sources import archive
from g287.sources.models import ArchivedFile, MoaDocument
from g287.sources.status import list_status

_SHA = re.compile(r"^[0-9a-f]{64}$")


@require_safe
def sources(request: HttpRequest) -> HttpResponse:
    files = ArchivedFile.objects.all().order_by("-first_seen_at", "name")
    return render(request, "sources/sources.html", {"files": files, "status": list_status()})


@require_safe
def archived_file(request: HttpRequest, sha256: str) -> FileResponse:
    if not _SHA.match(sha256):
        raise Http404
    item = get_object_or_404(ArchivedFile, pk=sha256)
    response = FileResponse(
        archive.open_stream(item.sha256), as_attachment=True, filename=item.name, content_type=item.media_type
    )
    response["Digest"] = f"sha-256={item.sha256}"
    response["Cache-Control"] = "public, max-age=31536000, immutable"  # the address names the content
    return response


@require_safe
def moas(request: HttpRequest) -> HttpResponse:
    """The archived MOAs (the newest PDF at each address); `?q=` keeps those whose text has all the words.
    The search runs in the database (icontains), the same on SQLite and PostgreSQL."""
    q = " ".join(request.GET.get("q", "").split())[:200]
    current = MoaDocument.objects.exclude(
        pk__in=MoaDocument.objects.filter(replaces__isnull=False).values("replaces")
    )
    total = current.count()
    words = q.split()
    matches = current
    for word in words:
        matches = matches.filter(text__icontains=word)
    results = []
    for doc in matches.select_related("file").order_by("url")[:200]:
        snippet = ""
        if words:
            at = doc.text.lower().find(words[0].lower())
            snippet = " ".join(doc.text[max(0, at - 80) : at + 120].split())
        agreements = Agreement.objects.filter(Q(moa_url=doc.url) | Q(addendum_url=doc.url)).order_by(
            "state", "name"
        )
        results.append({"doc": doc, "agreements": list(agreements), "snippet": snippet})
    return render(request, "sources/moas.html", {"results": results, "q": q, "total": total})
