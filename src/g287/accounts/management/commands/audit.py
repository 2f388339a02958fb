"""`g287 audit verify [--head HASH]`: recompute the hash chain and name the first altered or removed
entry. `g287 audit head [--json]`: print the newest entry's id and hash (or {"count", "hash", "at"}), to
keep elsewhere for later checks."""

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from g287.core.audit import head, verify_chain
from g287.core.audit_head import head_info
from g287.core.models import AuditEntry


class Command(BaseCommand):
    help = "Verify the audit log's hash chain, or print its head."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser("verify", help="recompute the chain; exit 1 naming the first bad entry")
        verify.add_argument("--head", default="", help="a head hash noted earlier, to detect a removed tail")
        head_parser = sub.add_parser("head", help="print the newest entry's id and hash")
        head_parser.add_argument(
            "--json", action="store_true", help='one JSON object: {"count", "hash", "at"}'
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "head" and options.get("json"):
            self.stdout.write(json.dumps(head_info()))
            return
        if options["subcommand"] == "head":
            entry_id, digest = head()
            self.stdout.write(f"{entry_id} {digest}")
            return
        problem = verify_chain(options.get("head") or None)
        if problem is not None:
            raise CommandError(f"audit chain broken at entry #{problem.entry_id}: {problem.reason}")
        self.stdout.write(f"audit chain intact: {AuditEntry.objects.count()} entries")
