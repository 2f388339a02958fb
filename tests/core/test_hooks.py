"""g287.core.hooks: the registration points through which a higher app offers something to a lower one
(tests/test_layers.py forbids the import the other way)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.apps import apps

from g287.core import hooks
from g287.core.hooks import Hook, StaffLink


def test_a_hook_keeps_registration_order_and_a_key_registered_again_replaces_it() -> None:
    hook: Hook[str] = Hook("test")
    hook.register("a", "first")
    hook.register("b", "second")
    hook.register("a", "again")  # ready() may run twice in tests
    assert hook.entries() == ["again", "second"]
    assert "a" in hook and "c" not in hook
    hook.unregister("a")
    hook.unregister("missing")
    assert list(hook) == ["second"]


def test_the_apps_register_their_hooks_when_django_starts() -> None:
    assert "geo" in hooks.agency_commands
    assert "funding" in hooks.paid_by_agency
    keys = [link.key for link in sorted(hooks.staff_links.entries(), key=lambda link: link.order)]
    assert keys == ["officers", "compliance", "courses", "oversight", "funding", "agencies", "duplicates",
                    "sources", "webhooks", "audit", "tokens", "password"]  # fmt: skip


def test_running_ready_again_registers_nothing_twice() -> None:
    before = len(hooks.staff_links.entries())
    for config in apps.get_app_configs():
        config.ready()
    assert len(hooks.staff_links.entries()) == before


def test_the_agencies_command_offers_geo_subcommands_only_while_geo_is_registered(capsys: Any) -> None:
    import argparse

    from g287.registry.management.commands.agencies import Command

    def actions(command: Command) -> set[str]:
        parser = argparse.ArgumentParser()
        command.add_arguments(parser)
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return set(sub.choices)

    assert "match" in actions(Command())
    geo = hooks.agency_commands.entries()
    hooks.agency_commands.unregister("geo")
    try:
        assert "match" not in actions(Command())
        assert "merge" in actions(Command())
    finally:
        hooks.agency_commands.register("geo", geo[0])


def test_without_a_payments_provider_oversight_counts_no_payments(monkeypatch: Any) -> None:
    from g287.oversight.money import paid_cents_by_agency

    monkeypatch.setattr(hooks, "paid_by_agency", Hook("paid_by_agency"))
    assert paid_cents_by_agency(date(2026, 6, 30)) is None
    hooks.paid_by_agency.register("test", lambda as_of: {"TX-a": 100})
    assert paid_cents_by_agency(date(2026, 6, 30)) == {"TX-a": 100}


def test_a_staff_link_is_shown_only_to_whom_its_check_allows(monkeypatch: Any) -> None:
    from g287.core.templatetags.staffnav import staff_links

    class User:
        is_authenticated = True

    monkeypatch.setattr(hooks.staff_links, "_entries", {})
    hooks.staff_links.register("b", StaffLink("b", "B", "office:tokens", 2, lambda user: True))
    hooks.staff_links.register("a", StaffLink("a", "A", "office:audit", 1, lambda user: True))
    hooks.staff_links.register("no", StaffLink("no", "No", "office:home", 0, lambda user: False))
    assert [key for key, _label, _url in staff_links(User())] == ["a", "b"]
    User.is_authenticated = False
    assert staff_links(User()) == []
