"""What waits for a person in the feedback part."""


def waiting(user) -> list:
    return []
