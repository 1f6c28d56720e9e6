"""What waits for a person in the champions part (gathered by ../waiting.py)."""


def waiting(user) -> list:
    return []
