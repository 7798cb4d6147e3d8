"""coalition: run the security guarantees a coalition of states offers after a ceasefire."""

__version__ = "0.1.0"
