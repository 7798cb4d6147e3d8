"""Command-line interface: one module per capability, each thin."""
