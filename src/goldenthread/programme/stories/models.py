"""The stories part's models."""
