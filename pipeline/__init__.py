"""Swedish meeting minutes → research data (Parquet)."""
__version__ = "0.1.0"
