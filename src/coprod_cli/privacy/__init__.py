"""The privacy guard: personal data in what is read and written, waivers, and settings."""
