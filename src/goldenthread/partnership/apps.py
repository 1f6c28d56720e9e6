from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "goldenthread.partnership"
    label = "partnership"
    verbose_name = "Partnership"

    def ready(self):
        from goldenthread.core.registry import register

        from . import audit_labels, menu, permissions

        register(
            self.label,
            menu=menu.navigation,
            home_cards=menu.home_cards,
            order=50,
            demo_command="load_demo_partnership",
            demo_order=10,
            audit_labels=audit_labels.LABELS,
            who_to_ask=permissions.who_to_ask,
        )
