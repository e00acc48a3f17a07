"""Loading: YAML files with positions, the schema, validation."""
