from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "goldenthread.families"
    label = "families"
    verbose_name = "Families (tell it once)"

    def ready(self):
        from goldenthread.core.registry import register

        from . import audit_labels, menu, monitored, permissions, waiting

        register(
            self.label,
            menu=menu.navigation,
            home_cards=menu.home_cards,
            waiting=waiting.waiting,
            order=30,
            holds_personal_data=True,
            demo_command="load_demo_families",
            demo_order=30,
            audit_labels=audit_labels.LABELS,
            monitored_texts=monitored.MONITORED,
            who_to_ask=permissions.who_to_ask,
        )
