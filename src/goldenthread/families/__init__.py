"""Tell it once: a family's story, one-page profiles, the team around the family, and consent."""
