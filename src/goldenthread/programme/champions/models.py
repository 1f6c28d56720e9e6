"""The champions part's models."""
