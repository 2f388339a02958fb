from collections.abc import Iterator

import pytest
from django.core.cache import cache

from g287.core.models import AuditEntry
from g287.geo import services
from g287.geo.models import AgencyLink, OriRecord
from tests.portal.registry_fixture import _static_root, registry

__all__ = ["_static_root", "linked", "registry"]


@pytest.fixture(scope="module")
def linked(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """Matching the whole registry takes a while: once per module, outside the tests' transactions,
    and undone afterwards for the modules that follow."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        last_entry = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        had_roster = OriRecord.objects.exists()
        services.match_all()
    yield
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        AgencyLink.objects.all().delete()
        if not had_roster:  # the FBI roster match_all loaded would change later modules' coverage figures
            OriRecord.objects.all().delete()
        AuditEntry.objects.filter(id__gt=last_entry).delete()
        cache.clear()
