"""The impact framework's theory: models (written by this part)."""
