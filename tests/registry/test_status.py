"""An agreement's status from its versions (g287.registry.history.summarize)."""

from datetime import date

from g287.registry.history import Values, Version, summarize

VALUES = Values("Harris County Sheriff's Office", "county", "Harris County", date(2025, 3, 1), "", "", "", "")


def version(kind: str, start: str, end: str | None) -> Version:
    return Version("TX-harris-county-sheriffs-office#TFM", kind, start, end, VALUES)


def test_requested_then_listed_then_dropped_is_ended() -> None:
    pending = [version("pending", "k1", "k2")]
    participating = [version("participating", "k2", "k3")]
    summary = summarize(participating, pending, {"k3": "k2"})
    assert (summary.status, summary.first_requested, summary.ended) == ("ended", "k1", "k3")


def test_a_request_that_left_the_pending_list_unsigned_has_the_left_pending_status() -> None:
    assert summarize([], [version("pending", "k1", "k2")], {}).status == "withdrawn"


def test_a_request_still_on_the_pending_list_is_pending() -> None:
    assert summarize([], [version("pending", "k1", None)], {}).status == "pending"


def test_an_ended_agreement_whose_old_request_closed_is_not_pending() -> None:
    """With `elif pend:` instead of `elif pend and pend[-1].valid_to is None`, this reads as pending."""
    pending = [version("pending", "k1", "k2")]
    assert summarize([version("participating", "k2", "k5")], pending, {}).status == "ended"
