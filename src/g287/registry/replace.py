"""`load-history --replace` with office data present: officers, claims, complaints, meetings and links
refer to agencies and agreements by their stable ids, so the rows those ids name are kept (and rebuilt
from the file), and everything else of the registry is cleared. If office data refers to an agency or an
agreement the file does not hold, nothing is touched and the error says which."""

from collections import Counter
from typing import Any

from django.db import models
from django.db.models import Count

from g287.registry.models import Agency, AgencyAlias, Agreement, AgreementVersion, Event, Snapshot

REGISTRY_APP = "registry"


class ReplaceRefused(Exception):
    pass


def _references(target: type[models.Model]) -> list[tuple[type[models.Model], str]]:
    """(model, field name) of every field outside the registry that points at `target`."""
    found = []
    for relation in target._meta.related_objects:
        model = relation.related_model
        # A link kept by id without a constraint (geo.AgencyLink) outlives its agency by design.
        if relation.on_delete is models.DO_NOTHING:
            continue
        if model._meta.app_label != REGISTRY_APP and relation.field.concrete:
            found.append((model, relation.field.name))
    return found


def referenced_ids(target: type[models.Model]) -> dict[str, Counter[str]]:
    """For each id of `target` that office data refers to, how many rows of which kind."""
    out: dict[str, Counter[str]] = {}
    for model, field in _references(target):
        label = str(model._meta.verbose_name_plural)
        column = f"{field}_id"
        counts = model._default_manager.exclude(**{column: None}).values(column).annotate(n=Count("pk"))
        for row in counts:
            out.setdefault(str(row[column]), Counter())[label] += row["n"]
    return out


def _missing(kind: str, wanted: set[str], held: dict[str, Counter[str]], source: str) -> list[str]:
    lines = []
    for ident in sorted(set(held) - wanted):
        what = ", ".join(f"{n} {label}" for label, n in sorted(held[ident].items()))
        lines.append(f"{kind} {ident} ({what}) is not in {source}")
    return lines


def clear_for_replace(data: dict[str, Any], source: str) -> None:
    """Empties the registry for a reload from `data`, keeping the agencies and agreements that office
    data refers to. Raises ReplaceRefused, before any change, when one of those is not in `data`."""
    agency_ids = {row[2] for row in data.get("aliases", [])}
    agreement_ids = {row[0] for row in data.get("versions", [])}
    problems = _missing("agency", agency_ids, referenced_ids(Agency), source) + _missing(
        "agreement", agreement_ids, referenced_ids(Agreement), source
    )
    if problems:
        shown = "; ".join(problems[:10]) + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
        raise ReplaceRefused(
            f"the registry was not replaced: office data refers to what {source} does not hold: {shown}. "
            "Merge those agencies into ones the file holds (`g287 agencies merge`), or load a history "
            "that includes them."
        )
    for model in (Event, AgreementVersion, AgencyAlias):
        model.objects.all().delete()
    Agreement.objects.exclude(id__in=agreement_ids).delete()
    Snapshot.objects.all().delete()
    Agency.objects.exclude(id__in=agency_ids).delete()
