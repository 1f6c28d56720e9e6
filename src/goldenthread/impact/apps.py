from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "goldenthread.impact"
    label = "impact"
    verbose_name = "Impact and the golden thread"

    def ready(self):
        from goldenthread.core.registry import register

        from . import audit_labels, menu, waiting
        from .indicators import computations  # noqa: F401 (registers the live computations)

        register(
            self.label,
            menu=menu.navigation,
            home_cards=menu.home_cards,
            waiting=waiting.waiting,
            order=47,  # before the programme: the partnership's figures come first for its leads
            holds_personal_data=True,  # family feedback and audit grades are about families' records
            audit_labels=audit_labels.LABELS,
            family_namespaces=("family_feedback",),  # the survey pages a family answers on
            demo_command="load_demo_impact",
            demo_order=300,  # after every other app: its figures are computed from theirs
        )
