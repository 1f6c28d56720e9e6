from django.apps import AppConfig


class PledgesConfig(AppConfig):
    name = "goldenthread.pledges"
    label = "pledges"
    verbose_name = "Pledges"
