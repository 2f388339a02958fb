"""A frozen clock for tests where a date matters: noon in the program's time zone on a given day, not
ticking, so `timezone.now()` and `timezone.localdate()` read the same in the test and in the services."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings


@contextmanager
def frozen(day: date, at: time = time(12)) -> Iterator[time_machine.Traveller]:
    with time_machine.travel(datetime.combine(day, at, tzinfo=ZoneInfo(settings.TIME_ZONE)), tick=False) as t:
        yield t
