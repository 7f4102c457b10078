"""coprod: co-production self-assessment for rehabilitation and recovery services."""

__version__ = "0.1.0"
