"""Question banks for an LMS's quiz engine (facilitator edition: they hold the answers)."""
