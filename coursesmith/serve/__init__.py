"""The preview server: `coursesmith serve`."""
