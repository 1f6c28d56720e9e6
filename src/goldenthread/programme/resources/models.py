"""The resources part's models."""
