"""Checking an evidence file against its framework, and scoring it."""
