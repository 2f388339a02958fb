"""Agency identity and geography: FBI identifiers (ORIs), population served, sworn officers, counties."""
