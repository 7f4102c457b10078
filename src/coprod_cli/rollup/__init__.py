"""Many units at once: the service summary, comparing two assessments, and history from git."""
