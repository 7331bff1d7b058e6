"""Versioned snapshots of the data of record (UN Comtrade) and of hand-downloaded files, beside the curated figures.

`python -m dashboard_data refresh comtrade` and `python -m dashboard_data import FILE` write snapshots into
data/snapshots/ (layout: data/snapshots/README.md); the trade loader appends their rows. Nothing here imports the
optional UN Comtrade client at import time.
"""

from dashboard_data.refresh.store import data_label, snapshot_summary

__all__ = ["data_label", "snapshot_summary"]
