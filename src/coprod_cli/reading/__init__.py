"""Reading files strictly: YAML with positions, git versions, and pydantic's errors in the user's words."""
