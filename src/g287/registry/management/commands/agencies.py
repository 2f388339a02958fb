import argparse
import importlib
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from g287.registry.merge import MergeError, merge_agencies


def _merge(options: argparse.Namespace) -> int:
    try:
        result = merge_agencies(options.keep, options.fold)
    except MergeError as exc:
        raise CommandError(str(exc)) from None
    print(f"Merged {options.fold} into {options.keep}; its agreements: {', '.join(result['agreements'])}")  # type: ignore[arg-type]
    return 0


class Command(BaseCommand):
    help = "Agency identity: merge two agencies, and (with the geo app) match them to FBI identifiers."

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
        merge = subparsers.add_parser("merge", help="fold agency FOLD into agency KEEP (recorded)")
        merge.add_argument("keep", metavar="KEEP")
        merge.add_argument("fold", metavar="FOLD")
        merge.set_defaults(func=_merge)
        try:
            geo = importlib.import_module("g287.geo.commands")
        except ImportError:
            return
        geo.register(subparsers)

    def handle(self, *args: Any, **options: Any) -> None:
        status = options["func"](argparse.Namespace(**options))
        if status:
            raise CommandError(f"{options['action']} failed", returncode=status)
