"""What waits for a person in the indicators part."""


def waiting(user) -> list:
    return []
