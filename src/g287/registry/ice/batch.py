"""Parsing many ICE files on several cores.

Consecutive lists repeat almost every row, and sending every row back from a worker process costs more
than parsing it. So each worker parses a run of files in date order and sends, after the first file,
only the rows that differ from the file before; the parent rebuilds each file's rows from those deltas,
sharing the unchanged Row objects.
"""

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, datetime

from g287.registry.ice.filenames import parse_file_name
from g287.registry.ice.parse import ParsedSnapshot, ParseError, Row, parse_workbook

Job = tuple[str, bytes, date | None]
Ident = tuple[str, str, str]


@dataclass
class Delta:
    """A parsed snapshot whose rows are given relative to the previous successful one in its run."""

    snapshot: ParsedSnapshot  # rows holds only the new or changed rows when relative is True
    removed: list[Ident]
    relative: bool


def _ident(row: Row) -> Ident:
    return (row.state, row.key, row.model)


def _parse_run(jobs: list[Job]) -> list[Delta | str]:
    out: list[Delta | str] = []
    previous: dict[Ident, Row] | None = None
    for path, content, date_override in jobs:
        try:
            parsed = parse_workbook(content, os.path.basename(path), date_override)
        except ParseError as exc:
            out.append(str(exc))
            continue
        current = {_ident(r): r for r in parsed.rows}
        if previous is None:
            out.append(Delta(parsed, [], False))
        else:
            changed = [r for i, r in current.items() if previous.get(i) != r]
            out.append(Delta(replace(parsed, rows=changed), [i for i in previous if i not in current], True))
        previous = current
    return out


def _expand(deltas: list[Delta | str]) -> Iterator[ParsedSnapshot | str]:
    previous: dict[Ident, Row] = {}
    for delta in deltas:
        if isinstance(delta, str):
            yield delta
            continue
        if delta.relative:
            current = dict(previous)
            for ident in delta.removed:
                del current[ident]
            for row in delta.snapshot.rows:
                current[_ident(row)] = row
        else:
            current = {_ident(r): r for r in delta.snapshot.rows}
        yield replace(delta.snapshot, rows=list(current.values()))
        previous = current


def _exit_with_parent(parent: int) -> None:
    """Runs in each worker: exits as soon as the process that started it is gone (killed with -9, say),
    instead of waiting for work that will never come."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _sort_key(job: Job) -> tuple[str, datetime]:
    name = os.path.basename(job[0])
    named = parse_file_name(name)
    return (named.kind or "", named.published_at or datetime.min)


def parse_many(
    jobs: list[Job], progress: Callable[[int], None] | None = None, workers: int | None = None
) -> list[ParsedSnapshot | str]:
    """Parses every job; returns, in the jobs' order, a ParsedSnapshot or the error message."""
    workers = workers or min(os.cpu_count() or 1, 4)
    order = sorted(range(len(jobs)), key=lambda i: _sort_key(jobs[i]))
    results: dict[int, ParsedSnapshot | str] = {}
    if workers <= 1 or len(jobs) < 8:
        for i in order:
            results[i] = next(_expand(_parse_run([jobs[i]])))
            if progress:
                progress(1)
        return [results[i] for i in range(len(jobs))]
    # Runs of ~12 files: long enough for deltas to pay off, short enough for a smooth progress bar.
    size = 12
    runs = [order[start : start + size] for start in range(0, len(order), size)]
    # fork, not spawn: a spawned worker re-runs the caller's __main__. The workers never touch the
    # database, and forked workers leave through os._exit, so the inherited connection is left alone.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_exit_with_parent, initargs=(os.getpid(),)
    ) as pool:
        for run, deltas in zip(
            runs, pool.map(_parse_run, [[jobs[i] for i in run] for run in runs]), strict=True
        ):
            for i, parsed in zip(run, _expand(deltas), strict=True):
                results[i] = parsed
            if progress:
                progress(len(run))
    return [results[i] for i in range(len(jobs))]
