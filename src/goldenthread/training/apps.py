from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "goldenthread.training"
    label = "training"
    verbose_name = "Training and development"

    def ready(self):
        from goldenthread.core.registry import register

        from . import audit_labels, menu, waiting

        register(
            self.label,
            menu=menu.navigation,
            home_cards=menu.home_cards,
            waiting=waiting.waiting,
            order=45,
            holds_personal_data=True,
            audit_labels=audit_labels.LABELS,
            demo_command="load_demo_training",
            demo_order=50,  # last: it adds each organisation's workforce, which the other loaders must not choose from
        )
