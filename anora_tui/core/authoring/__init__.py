"""Tools for a dataset's author: a draft from an article's plain text, the JSON Schema of the format."""
