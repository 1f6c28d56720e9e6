"""The reports part's demo records (fictional)."""


def load(rng, today) -> None:
    pass
