"""The partnership: its member organisations, the people in them and their roles."""
