"""Frameworks: finding, loading and tailoring them, linting them, and comparing two versions."""
