"""The public course website."""
