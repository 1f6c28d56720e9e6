from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "goldenthread.supervision"
    label = "supervision"
    verbose_name = "Group supervision and learning conversations"

    def ready(self):
        from goldenthread.core.registry import register

        from . import audit_labels, menu, monitored, waiting

        register(
            self.label,
            menu=menu.navigation,
            home_cards=menu.home_cards,
            waiting=waiting.waiting,
            order=40,
            holds_personal_data=True,
            demo_command="load_demo_supervision",
            demo_order=40,
            audit_labels=audit_labels.LABELS,
            monitored_texts=monitored.MONITORED,
        )
