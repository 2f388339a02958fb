"""`g287 agencies match | link | unlink | confirm | release`: registered by the registry's `agencies` command,
which calls `register(subparsers)` and then `options.func(options)`."""

import argparse
import json
import sys
from datetime import date
from typing import TextIO

from g287.geo import services
from g287.geo.coverage import active_agency_ids
from g287.geo.report import TARGET, Report, report

QUALITY_DATE = date(2026, 5, 18)


def register(subparsers: argparse._SubParsersAction) -> None:
    match = subparsers.add_parser(
        "match", help="match every agency to its FBI ORI (keeps people's decisions)"
    )
    match.add_argument(
        "--report", action="store_true", help="print counts per status and state, and the lists"
    )
    match.add_argument("--json", action="store_true", help="print the report as one JSON object")
    match.add_argument("--no-match", action="store_true", help="only report, do not match again")
    match.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=QUALITY_DATE,
        help="date of the quality figure (YYYY-MM-DD)",
    )
    match.set_defaults(func=handle_match)

    link = subparsers.add_parser("link", help="set an agency's ORI by hand (or confirm the one found)")
    link.add_argument("agency")
    link.add_argument("ori")
    link.set_defaults(func=handle_link)

    unlink = subparsers.add_parser("unlink", help="clear an agency's ORI; stays cleared across re-matching")
    unlink.add_argument("agency")
    unlink.set_defaults(func=handle_unlink)

    confirm = subparsers.add_parser("confirm", help="confirm the ORI found automatically")
    confirm.add_argument("agency")
    confirm.set_defaults(func=handle_confirm)

    release = subparsers.add_parser("release", help="hand a link back to automatic matching")
    release.add_argument("agency")
    release.set_defaults(func=handle_release)


def handle_match(options: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if not getattr(options, "no_match", False):
        run = services.match_all()
        if not options.json:
            counts = ", ".join(f"{k} {v}" for k, v in sorted(run.statuses.items()))
            out.write(
                f"Matched {run.total} agencies: {counts}; "
                f"{run.changed} changed, {run.kept} kept as decided.\n"
            )
    if not (options.report or options.json):
        return 0
    as_of = getattr(options, "as_of", QUALITY_DATE)
    result = report(active_agency_ids(as_of))
    if options.json:
        payload = {"as_of": as_of.isoformat(), **result.as_dict()}
        out.write(json.dumps(payload, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    else:
        write_report(result, as_of, out)
    return 0


def write_report(result: Report, as_of: date, out: TextIO) -> None:
    out.write(f"\nAgencies in the registry: {result.agencies}\n")
    out.write("By status:   " + ", ".join(f"{k} {v}" for k, v in result.statuses.items()) + "\n")
    out.write("By decision: " + ", ".join(f"{k} {v}" for k, v in result.decisions.items()) + "\n")
    if result.quality is not None:
        q = result.quality
        verdict = "meets" if q.share >= TARGET else "below"
        out.write(
            f"Quality ({as_of}): {q.automatic} of {q.agencies} active agencies matched automatically "
            f"with confidence = {q.share:.1%} ({verdict} the {TARGET:.0%} target); "
            f"{q.matched} with an ORI in all.\n"
        )
    out.write("\nBy kind of agency (matched / review / unmatched):\n")
    for kind, counts in result.by_kind.items():
        out.write(f"  {kind:14} {_counts(counts)}\n")
    out.write("\nBy state (matched / review / unmatched):\n")
    for state, counts in result.by_state.items():
        out.write(f"  {state}  {_counts(counts)}\n")
    out.write(f"\nNeeds review ({len(result.review)}):\n")
    for item in result.review:
        out.write(f"  {item.agency}  {item.reason}\n")
    out.write(f"\nUnmatched ({len(result.unmatched)}):\n")
    for item in result.unmatched:
        best = f"  [closest: {item.best}]" if item.best else ""
        out.write(f"  {item.agency}  {item.reason}{best}\n")
    if result.orphans:
        out.write(f"\nLinks kept for agencies no longer in the registry: {', '.join(result.orphans)}\n")


def _counts(counts: dict[str, int]) -> str:
    return " ".join(f"{counts.get(status, 0):5}" for status in ("matched", "review", "unmatched"))


def _run(action: str, options: argparse.Namespace, out: TextIO | None) -> int:
    out = out or sys.stdout
    try:
        if action == "link":
            link = services.link(options.agency, options.ori)
        elif action == "confirm":
            link = services.confirm(options.agency)
        elif action == "unlink":
            link = services.unlink(options.agency)
        else:
            link = services.release(options.agency)
    except services.GeoError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    ori = f"{link.ori_id} {link.ori.name}" if link.ori else "no ORI"
    counties = ", ".join(link.county_fips) or "none"
    out.write(
        f"{link.agency_id}: {ori} ({link.status}, {link.decision or 'automatic'}); counties {counties}\n"
    )
    return 0


def handle_link(options: argparse.Namespace, out: TextIO | None = None) -> int:
    return _run("link", options, out)


def handle_unlink(options: argparse.Namespace, out: TextIO | None = None) -> int:
    return _run("unlink", options, out)


def handle_confirm(options: argparse.Namespace, out: TextIO | None = None) -> int:
    return _run("confirm", options, out)


def handle_release(options: argparse.Namespace, out: TextIO | None = None) -> int:
    return _run("release", options, out)
