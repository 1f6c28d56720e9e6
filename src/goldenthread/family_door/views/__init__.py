"""The family's own pages (`family.py`, namespace "family_door") and the team's pages for what the family asks (`staff.py`, namespace "from_the_family")."""
