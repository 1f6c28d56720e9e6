"""What every app shares: people and roles, the audit log, permission helpers, the page layout."""
