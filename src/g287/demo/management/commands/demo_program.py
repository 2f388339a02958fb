"""`g287 demo_program`: a synthetic FY2026 Q1 and Q2 for the demo agencies (after `demo_accounts`).
Demo only; public pages then carry the "demo data" banner."""

from typing import Any

from django.core.management.base import BaseCommand

from g287.core.audit import current_actor
from g287.demo.program import build_program


class Command(BaseCommand):
    help = "Build a synthetic FY2026 Q1 and Q2 (claims, awards, cases, meetings, notices) for the demo."

    def handle(self, *args: Any, **options: Any) -> None:
        token = current_actor.set("cli:demo_program")
        try:
            result = build_program()
        finally:
            current_actor.reset(token)
        if result.skipped:
            self.stdout.write(f"Demo program not built: {result.skipped}.")
            return
        self.stdout.write(f"Demo program (synthetic) for {', '.join(result.agencies)}")
        self.stdout.write(
            f"  officers certified for FY2026: {result.officers}; complaints: {result.complaints}"
        )
        self.stdout.write("  claims: " + ", ".join(f"{s} {n}" for s, n in sorted(result.claims.items())))
