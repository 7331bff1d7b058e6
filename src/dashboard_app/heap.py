"""The server's long-lived objects, kept out of Python's full garbage collections."""

from __future__ import annotations

import gc

import streamlit as st


@st.cache_resource(show_spinner=False)
def settle_after_first_run(page: str) -> bool:
    """Once per page and process, after the page's first run: what it imported and cached lives as long as the
    server, so collect once and freeze the survivors. Python's full collections (every few seconds under load)
    then no longer walk them: each one had held the interpreter lock for 0.11-0.16 s, stalling every viewer's run
    at that moment; frozen, about 0.01 s. A frozen object is still freed when its last reference goes; only a
    reference cycle among objects alive at the freeze would stay, and those are long-lived by then."""
    gc.collect()
    gc.freeze()
    return True
