"""Settings per environment: base (shared), dev (the demo), test, production."""
