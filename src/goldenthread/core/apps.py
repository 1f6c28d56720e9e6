from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "goldenthread.core"
    label = "core"
    verbose_name = "Golden Thread core"

    def ready(self):
        from . import (
            audit,  # noqa: F401  (connects the audit signal handlers)
            audit_labels,
            menu,
            ratelimits,  # noqa: F401  (registers its system check)
        )
        from .registry import register

        register(self.label, menu=menu.navigation, home_cards=menu.home_cards, order=90, audit_labels=audit_labels.LABELS)
