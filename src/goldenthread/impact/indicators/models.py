"""The impact framework's indicators: models (written by this part)."""
