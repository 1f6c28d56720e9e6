"""Family record pages."""
