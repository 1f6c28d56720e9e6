from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "goldenthread.partnership"
    label = "partnership"
    verbose_name = "Partnership"
