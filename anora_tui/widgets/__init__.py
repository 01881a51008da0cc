"""The reader's widgets: thin views over the shared model."""
