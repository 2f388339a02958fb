"""Seeds the FY2026 rules from the public description of the incentives in force from 2025-10-01."""

from datetime import date

from django.db import migrations


def seed(apps, schema_editor):
    RuleSet = apps.get_model("funding", "RuleSet")
    if RuleSet.objects.filter(fiscal_year=2026).exists():
        return
    RuleSet.objects.create(
        fiscal_year=2026,
        effective_from=date(2025, 10, 1),
        salary_benefits_bp=10_000,
        overtime_cap_bp=2_500,
        award_tiers=[[9000, 100_000], [8000, 75_000], [7000, 50_000]],
        equipment_per_officer_cents=750_000,
        vehicles_per_agency_cents=10_000_000,
        reimbursable_models=["TFM"],
        award_models=["TFM"],
        eligibility="certified_last_day",
        dual_approval_above_cents=25_000_000,
        note="FY2026 defaults: incentives in force from 2025-10-01.",
    )


def unseed(apps, schema_editor):
    apps.get_model("funding", "RuleSet").objects.filter(fiscal_year=2026, created_by=None).delete()


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
