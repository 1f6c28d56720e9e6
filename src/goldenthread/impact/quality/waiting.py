"""What waits for a person in the quality part."""


def waiting(user) -> list:
    return []
