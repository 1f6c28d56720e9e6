from django.apps import AppConfig


class FamilyDoorConfig(AppConfig):
    name = "goldenthread.family_door"
    label = "family_door"
    verbose_name = "The family's own door"

    def ready(self):
        from goldenthread.core.registry import register

        from . import audit_labels, checks, menu, waiting  # noqa: F401 (checks registers itself)

        register(
            self.label,
            menu=menu.navigation,
            waiting=waiting.waiting,
            order=32,
            holds_personal_data=True,
            demo_command="load_demo_family_door",
            demo_order=31,
            audit_labels=audit_labels.LABELS,
            family_namespaces=("family_door",),
        )
