"""Presentation mode: plays the saved views of a deck full width, with next/previous, arrows and notes."""

import os
import time
from pathlib import Path

import streamlit as st

from dashboard_app.components import url_notices
from dashboard_app.deck import DeckError, load_deck
from dashboard_app.frame import require_frame
from dashboard_app.navigation import ROOT
from dashboard_app.params import Choice, Flag
from dashboard_app.url_specs import PAGE_SPECS, page_sources

require_frame()

# A presenter can play their own deck: DASHBOARD_DECK=path/to/deck.json streamlit run app.py
DECK_FILE = Path(os.environ.get("DASHBOARD_DECK", ROOT / "decks" / "default.json"))

try:
    deck = load_deck(DECK_FILE, PAGE_SPECS)
except DeckError as error:
    st.error(f"The deck {DECK_FILE.name} can't be played:")
    st.markdown("\n".join(f"- {problem}" for problem in error.problems))
    st.stop()

count = len(deck.slides)
AUTO_ADVANCE_SECONDS = [0, 15, 30, 60]
url_notices([Choice("slide", tuple(str(n) for n in range(1, count + 1)), repeat_rejected=True), Flag("notes"),
             Choice("auto", tuple(map(str, AUTO_ADVANCE_SECONDS)), repeat_rejected=True)])


def step(delta: int) -> None:
    st.session_state["slide"] = min(max(st.session_state["slide"] + delta, 1), count)
    st.session_state["slide_shown_at"] = time.monotonic()


previous, position, following, options = st.columns([1, 3, 1, 3], vertical_alignment="center")
position.select_slider(f"Slide (of {count})", options=list(range(1, count + 1)), key="slide", bind="query-params")
previous.button("Previous", icon=":material/arrow_back:", on_click=step, args=(-1,), shortcut="Left",
                disabled=st.session_state["slide"] == 1, width="stretch")
following.button("Next", icon=":material/arrow_forward:", on_click=step, args=(1,), shortcut="Right",
                 disabled=st.session_state["slide"] == count, width="stretch")
show_notes = options.toggle("Speaker notes", key="notes", bind="query-params")
seconds = options.select_slider("Auto-advance every … seconds (0 = off)", options=AUTO_ADVANCE_SECONDS, key="auto",
                                bind="query-params")

def absolute_url(relative: str) -> str:
    """st.iframe treats a string that isn't an http(s) URL or a /-path as HTML, so give it the full address
    (built from this page's own URL, which also keeps a reverse proxy's path prefix)."""
    here = st.context.url
    return f"{here.rsplit('/', 1)[0]}/{relative}" if here else f"/{relative}"


slide = deck.slides[st.session_state["slide"] - 1]
st.title(slide.title)
st.iframe(absolute_url(slide.url()), height=760)
st.caption(f"Slide {st.session_state['slide']} of {count} · {deck.title} · Sources: {page_sources(slide.page)}")
if show_notes and slide.notes:
    st.info(slide.notes, icon=":material/record_voice_over:")


@st.fragment(run_every=seconds or None)
def auto_advance() -> None:
    """Moves to the next slide every `seconds`; a fragment, so only it wakes up between slides."""
    started = st.session_state.setdefault("slide_shown_at", time.monotonic())
    if seconds and time.monotonic() - started >= seconds and st.session_state["slide"] < count:
        step(1)
        st.rerun(scope="app")


auto_advance()
