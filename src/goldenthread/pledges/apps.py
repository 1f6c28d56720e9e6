from django.apps import AppConfig


class PledgesConfig(AppConfig):
    name = "goldenthread.pledges"
    label = "pledges"
    verbose_name = "Pledges"

    def ready(self):
        from goldenthread.core.registry import register

        from . import audit_labels, menu, monitored, waiting

        register(
            self.label,
            menu=menu.navigation,
            home_cards=menu.home_cards,
            waiting=waiting.waiting,
            order=10,
            demo_command="load_demo_pledges",
            demo_order=15,
            audit_labels=audit_labels.LABELS,
            monitored_texts=monitored.MONITORED,
        )
