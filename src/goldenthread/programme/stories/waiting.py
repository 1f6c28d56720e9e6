"""What waits for a person in the stories part (gathered by ../waiting.py)."""


def waiting(user) -> list:
    return []
