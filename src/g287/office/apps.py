from django.apps import AppConfig


class OfficeConfig(AppConfig):
    name = "g287.office"
    label = "office"
    verbose_name = "Office workbench"

    def ready(self) -> None:
        # The work queue's own providers (claims, complaints, certifications, meetings, notices).
        # Other apps add theirs from their own AppConfig.ready with g287.office.queue.register.
        from g287.office.providers import register_builtin

        register_builtin()
