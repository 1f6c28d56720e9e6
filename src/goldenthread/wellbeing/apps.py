from django.apps import AppConfig


class WellbeingConfig(AppConfig):
    name = "goldenthread.wellbeing"
    label = "wellbeing"
    verbose_name = "Workforce wellbeing"

    def ready(self):
        from goldenthread.core.registry import register

        from . import audit_labels, checks, menu, waiting  # noqa: F401 (checks registers itself)

        register(
            self.label,
            menu=menu.navigation,
            home_cards=menu.home_cards,
            waiting=waiting.waiting,
            order=47,
            # Not logged by the usual signals: that a person checked in, or took a place, is theirs
            # to keep. The services log what may be logged (see services.py).
            audited=False,
            holds_personal_data=True,
            audit_labels=audit_labels.LABELS,
            demo_command="load_demo_wellbeing",
            demo_order=60,  # after training, whose workforce it checks in
        )
