"""The interview: questions about each target, answered at the terminal, saved as they come."""
