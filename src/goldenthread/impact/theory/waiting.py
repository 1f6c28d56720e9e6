"""What waits for a person in the theory part."""


def waiting(user) -> list:
    return []
