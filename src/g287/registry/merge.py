"""Folding one agency into another, when two names turn out to be the same agency."""

from django.db import transaction
from django.utils import timezone

from g287.core import audit
from g287.registry import store
from g287.registry.history import Values, build_versions, replay
from g287.registry.models import Agency, AgencyAlias, Agreement, AgreementVersion, IdentityDecision, Snapshot


class MergeError(Exception):
    pass


def repoint_references(fold_id: str, keep_id: str, automatic: bool = False) -> dict[str, int]:
    """Moves every other app's rows (officers, accounts, claims...) from the folded agency to the kept one,
    whatever apps are installed, so that no reference blocks or loses the merge. Where both agencies have
    a one-to-one row (an FBI link), a person's merge stops; an automatic one keeps the kept agency's row,
    or the folded one's if only that one was decided by a person."""
    moved: dict[str, int] = {}
    for relation in Agency._meta.related_objects:
        model = relation.related_model
        if model in (Agreement, AgencyAlias) or not (relation.one_to_many or relation.one_to_one):
            continue
        field = relation.field.name
        rows = model._base_manager.filter(**{field: fold_id})
        if relation.one_to_one and rows.exists() and model._base_manager.filter(**{field: keep_id}).exists():
            if not automatic:
                raise MergeError(
                    f"both agencies have a {model._meta.verbose_name}; resolve that before merging"
                )
            folded, kept = rows.get(), model._base_manager.get(**{field: keep_id})
            if getattr(folded, "locked", False) and not getattr(kept, "locked", False):
                kept.delete()
            else:
                rows.delete()
                continue
        count = rows.update(**{field: keep_id})
        if count:
            moved[model._meta.label] = count
    return moved


@transaction.atomic
def merge_agencies(keep_id: str, fold_id: str) -> dict[str, object]:
    """Moves every name and agreement of `fold_id` to `keep_id` and rebuilds the history as if the two
    had always been one agency. Recorded in the audit log; future imports follow the merged names."""
    if keep_id == fold_id:
        raise MergeError("an agency cannot be merged into itself")
    agencies = {a.id: a for a in Agency.objects.filter(id__in=[keep_id, fold_id])}
    for ident in (keep_id, fold_id):
        if ident not in agencies:
            raise MergeError(f"no agency {ident!r}")
    keep, fold = agencies[keep_id], agencies[fold_id]
    if keep.state != fold.state:
        raise MergeError(
            f"{keep_id} is in {keep.state} and {fold_id} in {fold.state}: agencies are never merged across states"
        )
    before = {
        "keep": {
            "id": keep.id,
            "name": keep.name,
            "agreements": sorted(keep.agreements.values_list("id", flat=True)),
        },
        "fold": {
            "id": fold.id,
            "name": fold.name,
            "agreements": sorted(fold.agreements.values_list("id", flat=True)),
        },
        "fold_aliases": sorted(fold.aliases.values_list("key", flat=True)),
    }
    AgencyAlias.objects.filter(agency_id=fold_id).update(agency_id=keep_id, source="merge")
    prefix = f"{fold_id}#"

    def rekey(agreement: str) -> str:
        return f"{keep_id}#{agreement[len(prefix) :]}" if agreement.startswith(prefix) else agreement

    touched: set[str] = set()
    for kind in ("participating", "pending"):
        keys = list(
            Snapshot.objects.filter(kind=kind).order_by("order_key").values_list("order_key", flat=True)
        )
        versions = store.load_versions(kind)
        if not any(v.agreement.startswith(prefix) for v in versions):
            continue
        timeline = []
        for key, rows in replay(versions, keys):
            merged: dict[str, Values] = {}
            for agreement, values in rows.items():
                target = rekey(agreement)
                if target not in merged or values.name < merged[target].name:
                    merged[target] = values
            timeline.append((key, merged))
        rebuilt = build_versions(kind, timeline)
        store.ensure_agreements({v.agreement for v in rebuilt})
        AgreementVersion.objects.filter(kind=kind).delete()
        store.insert_versions(rebuilt)
        touched |= {v.agreement for v in rebuilt if v.agreement.startswith(f"{keep_id}#")}
    moved = repoint_references(fold_id, keep_id)
    Agreement.objects.filter(agency_id=fold_id).delete()
    fold.delete()
    store.recompute(touched)
    after: dict[str, object] = {
        "keep": keep_id,
        "agreements": sorted(Agreement.objects.filter(agency_id=keep_id).values_list("id", flat=True)),
        "moved": moved,
    }
    IdentityDecision.objects.get_or_create(
        action="merge", first=keep_id, second=fold_id, defaults={"decided_at": timezone.now()}
    )
    audit.record("registry.agency.merge", "registry.Agency", keep_id, before=before, after=after)
    return after
