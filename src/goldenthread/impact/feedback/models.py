"""The impact framework's feedback: models (written by this part)."""
