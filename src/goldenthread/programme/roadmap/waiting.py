"""What waits for a person in the roadmap part (gathered by ../waiting.py)."""


def waiting(user) -> list:
    return []
