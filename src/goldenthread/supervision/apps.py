from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "goldenthread.supervision"
    label = "supervision"
    verbose_name = "Group supervision and learning conversations"
