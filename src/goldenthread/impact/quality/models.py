"""The impact framework's quality: models (written by this part)."""
