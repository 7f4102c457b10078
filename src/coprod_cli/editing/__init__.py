"""Line-level edits of YAML files that keep their comments: init's skeleton, merge, migrate, the writer."""
