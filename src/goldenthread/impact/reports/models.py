"""The impact framework's reports: models (written by this part)."""
