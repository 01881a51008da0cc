"""The reader's panes: sections, reading, people (with a person's detail) and timeline (with a scene's or
event's detail)."""
