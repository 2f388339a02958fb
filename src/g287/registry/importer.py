"""`g287 import`: reads ICE's files, and folds them into the registry, each file all or nothing."""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from g287.core import audit
from g287.registry import store
from g287.registry.history import Values, Version, advance, build_versions, replay
from g287.registry.ice import prefetch
from g287.registry.ice.batch import parse_many
from g287.registry.ice.parse import ParsedSnapshot, ParseError, parse_workbook
from g287.registry.lock import hold_import_lock
from g287.registry.models import AgreementVersion, Snapshot
from g287.registry.raw import raw_agreement, to_raw
from g287.registry.reconcile import reconcile
from g287.registry.resolve import Resolver

Job = tuple[str, bytes, date | None]


@dataclass
class FileResult:
    path: str
    status: str  # imported | known | failed
    message: str = ""
    kind: str = ""
    day: date | None = None
    rows: int = 0
    added: int = 0
    removed: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given, folders walked for .xlsx files; a path that does not exist is kept, to fail."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".xlsx"))
        else:
            out.append(path)
    return out


def read_files(
    paths: list[Path],
    date_override: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[tuple[Path, ParsedSnapshot]], list[FileResult]]:
    """Parses every file that is not yet in the registry; returns the parsed ones and the rest."""
    known = set(Snapshot.objects.values_list("sha256", flat=True))
    results: list[FileResult] = []
    jobs: list[Job] = []
    seen: dict[str, str] = {}
    for path in paths:
        try:
            content = path.read_bytes()
        except OSError as exc:
            results.append(FileResult(str(path), "failed", f"{path}: cannot be read ({exc.strerror})"))
            if progress:
                progress(1)
            continue
        digest = hashlib.sha256(content).hexdigest()
        if digest in known or digest in seen:
            twin = f" (same content as {seen[digest]})" if digest in seen else ""
            results.append(FileResult(str(path), "known", f"already imported{twin}"))
            if progress:
                progress(1)
            continue
        seen[digest] = path.name
        jobs.append((str(path), content, date_override))
    parsed: list[tuple[Path, ParsedSnapshot]] = []
    for (name, _, _), outcome in zip(jobs, _parse(jobs, progress), strict=True):
        if isinstance(outcome, str):
            results.append(FileResult(name, "failed", outcome))
        else:
            parsed.append((Path(name), outcome))
    return parsed, results


def _parse(jobs: list[Job], progress: Callable[[int], None] | None) -> list[ParsedSnapshot | str]:
    """Each job's outcome: from the parse the console command started beside Django's start-up
    (ice.prefetch) where that parse did the job, else parsed now."""
    outcomes = [prefetch.take(name, content, day) for name, content, day in jobs]
    rest = [i for i, outcome in enumerate(outcomes) if outcome is None]
    if progress and len(rest) < len(jobs):
        progress(len(jobs) - len(rest))
    for i, outcome in zip(rest, parse_many([jobs[i] for i in rest], progress), strict=True):
        outcomes[i] = outcome
    return [outcome for outcome in outcomes if outcome is not None]


def import_paths(
    paths: Iterable[Path],
    date_override: date | None = None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> ImportReport:
    files = expand(paths)
    if on_total:
        on_total(len(files))
    parsed, results = read_files(files, date_override, progress)
    report = ImportReport(results)
    report.files.extend(apply_snapshots([p for _, p in parsed], [str(path) for path, _ in parsed]))
    order = {str(p): i for i, p in enumerate(files)}
    report.files.sort(key=lambda f: order.get(f.path, len(order)))
    return report


def import_content(content: bytes, source_name: str, date_override: date | None = None) -> FileResult:
    """Imports one file given as bytes (a download, say): "known" when the registry holds these bytes
    already, "failed" with the reason, else "imported". date_override dates it (a server's
    Last-Modified); without it the date comes from source_name, as for `g287 import`."""
    if Snapshot.objects.filter(sha256=hashlib.sha256(content).hexdigest()).exists():
        return FileResult(source_name, "known", "already imported")
    try:
        parsed = parse_workbook(content, source_name, date_override)
    except ParseError as exc:
        return FileResult(source_name, "failed", str(exc))
    return apply_snapshots([parsed], [source_name])[0]


@transaction.atomic
def apply_snapshots(snapshots: list[ParsedSnapshot], paths: list[str] | None = None) -> list[FileResult]:
    """Folds parsed snapshots into the registry in one transaction."""
    if not snapshots:
        return []
    paths = paths or [s.source_name for s in snapshots]
    # Another import may have taken some of these files since they were read: wait for it, then leave
    # its files out rather than fail on their SHA-256.
    hold_import_lock()
    taken = set(
        Snapshot.objects.filter(sha256__in=[s.sha256 for s in snapshots]).values_list("sha256", flat=True)
    )
    known = [
        FileResult(p, "known", "already imported")
        for s, p in zip(snapshots, paths, strict=True)
        if s.sha256 in taken
    ]
    if taken:
        kept = [(s, p) for s, p in zip(snapshots, paths, strict=True) if s.sha256 not in taken]
        snapshots, paths = [s for s, _ in kept], [p for _, p in kept]
        if not snapshots:
            return known
    # Rows go to their raw agencies (as in a fresh import); reconcile joins them as continuity says.
    resolver = Resolver.raw_from_db()
    rows = {s.order_key: resolver.rows(s.rows) for s in snapshots}
    store.ensure_agencies(resolver.new_aliases)
    now = timezone.now()
    Snapshot.objects.bulk_create(
        [
            Snapshot(
                kind=s.kind,
                date=s.date,
                published_at=timezone.make_aware(s.published_at),
                order_key=s.order_key,
                source_name=s.source_name,
                sha256=s.sha256,
                layout=" | ".join(s.layout),
                row_count=s.row_count,
                agreement_count=len(rows[s.order_key]),
                warnings=s.warnings,
                imported_at=now,
            )
            for s in snapshots
        ]
    )
    touched: set[str] = set()
    changes: dict[str, tuple[int, int]] = {}
    for kind in ("participating", "pending"):
        new = sorted((s for s in snapshots if s.kind == kind), key=lambda s: s.order_key)
        if new:
            touched |= _fold_kind(kind, [(s.order_key, rows[s.order_key]) for s in new], changes)
    outcome = reconcile({agreement[:2] for agreement in touched})
    store.recompute(touched | outcome.changed)
    results = []
    entries: list[tuple[str, str, str, Any, Any]] = []
    for snapshot, path in zip(snapshots, paths, strict=True):
        added, removed = changes.get(snapshot.order_key, (0, 0))
        count = len(rows[snapshot.order_key])
        summary = {
            "file": snapshot.source_name,
            "sha256": snapshot.sha256,
            "kind": snapshot.kind,
            "date": snapshot.date,
            "agreements": count,
            "added": added,
            "removed": removed,
            "warnings": len(snapshot.warnings),
        }
        entries.append(("registry.snapshot.import", "registry.Snapshot", snapshot.order_key, None, summary))
        results.append(
            FileResult(
                path, "imported", "", snapshot.kind, snapshot.date, count, added, removed, snapshot.warnings
            )
        )
    audit.record_many(entries)
    return known + results


def _fold_kind(
    kind: str, new: list[tuple[str, dict[str, Values]]], changes: dict[str, tuple[int, int]]
) -> set[str]:
    """Adds one kind's new snapshots to its versions; returns the agreements whose versions changed."""
    existing = list(
        Snapshot.objects.filter(kind=kind)
        .exclude(order_key__in=[k for k, _ in new])
        .order_by("order_key")
        .values_list("order_key", flat=True)
    )
    if not existing or new[0][0] > existing[-1]:
        # The usual case: newer lists than any before. Only the open versions are involved, each
        # under its raw agreement, as the new rows are.
        current = {raw_agreement(v): v for v in store.open_versions(kind).values()}
        previous = {a: v.values for a, v in current.items()}
        closed, opened = [], []
        for key, rows in new:
            step = advance(current, kind, key, rows)
            closed += step.closed
            opened += step.opened
            changes[key] = (len(rows.keys() - previous.keys()), len(previous.keys() - rows.keys()))
            previous = rows
        store.close_versions([v for v in closed if v.pk is not None])
        _insert(opened)
        return {v.agreement for v in closed} | {v.agreement for v in opened}
    # An older list arrived late: replay the kind's whole timeline with it and rebuild its versions.
    old_versions = to_raw(store.load_versions(kind))
    timeline = sorted(replay(old_versions, existing) + new, key=lambda item: item[0])
    previous = {}
    new_keys = {k for k, _ in new}
    for key, rows in timeline:
        if key in new_keys:
            changes[key] = (len(rows.keys() - previous.keys()), len(previous.keys() - rows.keys()))
        previous = rows
    versions = build_versions(kind, timeline)
    AgreementVersion.objects.filter(kind=kind).delete()
    _insert(versions)
    return {v.agreement for v in old_versions} | {v.agreement for v in versions}


def _insert(versions: list[Version]) -> None:
    agreements = {v.agreement for v in versions}
    store.ensure_agency_rows({a.split("#")[0] for a in agreements})
    store.ensure_agreements(agreements)
    store.insert_versions(versions)
