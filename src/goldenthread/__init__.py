"""Golden Thread: a multi-agency partnership's trauma-informed system, as a web service."""
