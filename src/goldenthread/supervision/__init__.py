"""Multi-agency group supervision and learning conversations."""
