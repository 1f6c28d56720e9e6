from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "goldenthread.families"
    label = "families"
    verbose_name = "Families (tell it once)"
