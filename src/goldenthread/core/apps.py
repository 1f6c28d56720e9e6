from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "goldenthread.core"
    label = "core"
    verbose_name = "Golden Thread core"

    def ready(self):
        from . import (
            audit,  # noqa: F401  (connects the audit signal handlers)
            menu,
        )
        from .registry import register

        register(self.label, menu=menu.navigation, home_cards=menu.home_cards, order=90)
