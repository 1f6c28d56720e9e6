"""The roadmap part's models."""
