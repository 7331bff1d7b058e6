"""Sourced, normalized datasets behind the Russia–Israel Relations Dashboard.

Pure Python over pandas: nothing here imports streamlit or reads a file at import time.
Loaders take paths and return DataFrames; every row keeps its source.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
