"""The trauma-informed continuum: organisations assess themselves and see where they stand."""
