from django.apps import AppConfig


class ContinuumConfig(AppConfig):
    name = "goldenthread.continuum"
    label = "continuum"
    verbose_name = "Trauma-informed continuum"

    def ready(self):
        from goldenthread.core.registry import register

        from . import audit_labels, menu, monitored, waiting

        register(
            self.label,
            menu=menu.navigation,
            home_cards=menu.home_cards,
            waiting=waiting.waiting,
            order=20,
            demo_command="load_demo_continuum",
            demo_order=20,
            audit_labels=audit_labels.LABELS,
            monitored_texts=monitored.MONITORED,
        )
