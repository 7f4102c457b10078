"""Rendering results: terminal text, JSON, markdown, HTML and easy-read reports, charts."""
