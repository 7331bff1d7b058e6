"""Make every page run inside app.py's frame (navigation, theme, share link, data-version notice).

Until st.navigation has been called once in the server process, Streamlit treats a `pages/` folder beside the
entry point as a legacy multipage app: a deep link (say /trade) opened first after a server start runs the page
script without app.py. Calling st.navigation switches that legacy mode off for the process; one rerun then
resolves the same URL through app.py."""

from __future__ import annotations

import streamlit as st

from dashboard_app.navigation import PAGES, ROOT

FRAME_KEY = "app_frame_ran"


def mark_frame() -> None:
    st.session_state[FRAME_KEY] = True


def require_frame() -> None:
    if not st.session_state.get(FRAME_KEY):
        st.navigation(app_pages(), position="hidden")
        st.rerun()


def app_pages() -> list[st.Page]:
    """The registry as st.Page objects; app.py and the legacy-mode escape above use the same list."""
    return [st.Page(ROOT / entry.script, title=entry.title, url_path=entry.url_path, icon=entry.icon,
                    default=index == 0, visibility="hidden" if entry.hidden else "visible")
            for index, entry in enumerate(PAGES)]
