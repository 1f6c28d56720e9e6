"""What waits for a person in the resources part (gathered by ../waiting.py)."""


def waiting(user) -> list:
    return []
