from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "goldenthread.programme"
    label = "programme"
    verbose_name = "The partnership's programme"

    def ready(self):
        from goldenthread.core.registry import register

        from . import audit_labels, menu, monitored, waiting

        register(
            self.label,
            menu=menu.navigation,
            home_cards=menu.home_cards,
            waiting=waiting.waiting,
            order=48,
            holds_personal_data=True,
            audit_labels=audit_labels.LABELS,
            monitored_texts=monitored.MONITORED,
            demo_command="load_demo_programme",
            demo_order=70,  # after wellbeing: it names champions and workstream members from the whole workforce
        )
