import argparse
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from g287.core import hooks
from g287.registry.duplicates import DecisionError, candidates, keep_apart
from g287.registry.merge import MergeError, merge_agencies
from g287.registry.reconcile import decisions


def _merge(options: argparse.Namespace) -> int:
    try:
        result = merge_agencies(options.keep, options.fold)
    except MergeError as exc:
        raise CommandError(str(exc)) from None
    print(f"Merged {options.fold} into {options.keep}; its agreements: {', '.join(result['agreements'])}")  # type: ignore[arg-type]
    return 0


def _duplicates(options: argparse.Namespace) -> int:
    found = candidates()
    if options.json:
        options.out.write(json.dumps([c.as_dict() for c in found], indent=2, ensure_ascii=False, default=str))
        return 0
    for c in found:
        names = c.evidence.get("names") or ["", ""]
        options.out.write(f"{c.first}  ~  {c.second}: {', '.join(c.reasons)}")
        details = {k: v for k, v in c.evidence.items() if k != "names" and v not in (None, "", [])}
        options.out.write(
            f"    names: {names[0]!r} / {names[1]!r}; " + "; ".join(f"{k}: {v}" for k, v in details.items())
        )
    options.out.write(
        f"{len(found)} pair(s) to review. Decide with `g287 agencies merge KEEP FOLD` or `keep-apart A B`."
    )
    return 0


def _keep_apart(options: argparse.Namespace) -> int:
    try:
        keep_apart(options.first, options.second, note=options.note)
    except DecisionError as exc:
        raise CommandError(str(exc)) from None
    options.out.write(f"Recorded: {options.first} and {options.second} are different agencies.")
    return 0


def _decisions(options: argparse.Namespace) -> int:
    """Every decision in force, in the format of the package's registry/decisions.json: to ship the
    ones made here with the package, so that a fresh import elsewhere follows them too."""
    rows = [
        {"action": a, "agreements" if a == "move" else "agencies": [first, second]}
        for a, first, second in decisions()
    ]
    options.out.write(json.dumps(rows, indent=2, ensure_ascii=False))
    return 0


class Command(BaseCommand):
    help = "Agency identity: merge two agencies, and (with the geo app) match them to FBI identifiers."

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
        merge = subparsers.add_parser("merge", help="fold agency FOLD into agency KEEP (recorded)")
        merge.add_argument("keep", metavar="KEEP")
        merge.add_argument("fold", metavar="FOLD")
        merge.set_defaults(func=_merge)
        dup = subparsers.add_parser("duplicates", help="agencies that may be one, with the evidence")
        dup.add_argument("--json", action="store_true")
        dup.set_defaults(func=_duplicates)
        apart = subparsers.add_parser("keep-apart", help="record that agencies A and B are different")
        apart.add_argument("first", metavar="A")
        apart.add_argument("second", metavar="B")
        apart.add_argument("--note", default="")
        apart.set_defaults(func=_keep_apart)
        shipped = subparsers.add_parser("decisions", help="decisions in force, as registry/decisions.json")
        shipped.set_defaults(func=_decisions)
        # Apps above the registry add their subcommands (geo: match, links, ...) from AppConfig.ready.
        for add_subcommands in hooks.agency_commands:
            add_subcommands(subparsers)

    def handle(self, *args: Any, **options: Any) -> None:
        status = options["func"](argparse.Namespace(**options, out=self.stdout))
        if status:
            raise CommandError(f"{options['action']} failed", returncode=status)
