from django.apps import AppConfig


class LanguageMonitoringConfig(AppConfig):
    name = "goldenthread.language_monitoring"
    label = "language_monitoring"
    verbose_name = "How our writing measures up"

    def ready(self):
        from goldenthread.core.registry import register

        from . import menu, watch  # noqa: F401 (watch connects the signals)

        register(
            self.label,
            menu=menu.navigation,
            home_cards=menu.home_cards,
            order=49,
            # Derived counts, worked out again by a task whenever a record or the rules change: not a change anyone made.
            audited=False,
            holds_personal_data=True,
            demo_command="load_demo_language_monitoring",
            demo_order=95,  # last: it checks every other app's demo records
        )
