from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "g287.alerts"
    label = "alerts"
    verbose_name = "Alerts (feeds, webhooks, e-mail subscriptions)"

    def ready(self) -> None:
        from g287.alerts import dispatch
        from g287.sources.fetch import lists_imported

        lists_imported.connect(dispatch.on_lists_imported, dispatch_uid="alerts.on_lists_imported")
