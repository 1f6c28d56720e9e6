from django.apps import AppConfig


class LanguageRulesConfig(AppConfig):
    name = "goldenthread.language_rules"
    label = "language_rules"
    verbose_name = "Language rules"

    def ready(self):
        from goldenthread.core.registry import register

        from . import audit_labels, lexicon, menu, waiting

        register(
            self.label,
            menu=menu.navigation,
            home_cards=menu.home_cards,
            waiting=waiting.waiting,
            order=49,  # beside the language monitoring, after the modules
            audit_labels=audit_labels.LABELS,
            demo_command="load_demo_language_rules",
            demo_order=200,  # after every other app: it gives one demo person the language lead's role
            rule_overlay=lexicon.overlay,
        )
