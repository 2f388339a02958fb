"""`g287 demo_accounts`: one demo account per role and synthetic officers for a few real agencies.
Run after the registry is loaded (`g287 load-history`). Demo only; credentials are in the README."""

from typing import Any

from django.core.management.base import BaseCommand

from g287.accounts.models import Role
from g287.core.audit import current_actor
from g287.demo.accounts import DEMO_PASSWORD, create_demo


class Command(BaseCommand):
    help = "Create the demo accounts and synthetic officers (demo only)."

    def handle(self, *args: Any, **options: Any) -> None:
        token = current_actor.set("cli:demo_accounts")
        try:
            result = create_demo()
        finally:
            current_actor.reset(token)
        for role, username in result.users.items():
            self.stdout.write(f"  {Role(role).label:32} {username} / {DEMO_PASSWORD}")
        if result.agency is None:
            self.stdout.write(
                "No agency with an agreement in force in the registry: load the history first for "
                "the agency administrator and the synthetic officers."
            )
        else:
            self.stdout.write(
                f"Agency administrator's agency: {result.agency}; field office: {result.field_office}"
            )
        self.stdout.write(f"Synthetic officers made: {result.officers_made}")
