"""What waits for a person in the reports part."""


def waiting(user) -> list:
    return []
