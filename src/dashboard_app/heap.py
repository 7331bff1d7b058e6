"""The server's long-lived objects, kept out of Python's full garbage collections."""

from __future__ import annotations

import gc

import streamlit as st


@st.cache_resource(show_spinner=False)
def settle_after_first_run(page: str) -> bool:
    """Once per page and process, after the page's first run: what it imported and cached lives as long as the
    server, so freeze it. Python's full collections (every few seconds under load) then no longer walk it: each
    one had held the interpreter lock for 0.11-0.16 s, stalling every viewer's run at that moment; frozen,
    0.005-0.05 s. A frozen object is still freed when its last reference goes; only garbage cycles present at the freeze
    would stay, so the young generations are collected first (a full collection found a few hundred unreachable
    objects there and cost the page's first viewer 0.11 s; the young ones cost a few milliseconds)."""
    gc.collect(1)
    gc.freeze()
    return True
