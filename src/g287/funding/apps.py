from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "g287.funding"
    label = "funding"
    verbose_name = "Funding: rules, claims, awards, budget"
    default_auto_field = "django.db.models.BigAutoField"
