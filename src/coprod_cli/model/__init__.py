"""The models of the file kinds (pydantic) and their JSON Schemas."""
