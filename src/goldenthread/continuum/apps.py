from django.apps import AppConfig


class ContinuumConfig(AppConfig):
    name = "goldenthread.continuum"
    label = "continuum"
    verbose_name = "Trauma-informed continuum"
