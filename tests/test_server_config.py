"""The committed production settings that the measured speed depends on (README, Performance)."""

import tomllib
from pathlib import Path

import pytest

CONFIG = tomllib.loads((Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text("utf-8"))


@pytest.mark.parametrize(("section", "option", "value"), [
    ("server", "fileWatcherType", "none"),  # each new session walked every loaded module to set up its watchers
    ("runner", "postScriptGC", False),  # a forced full collection after every run held every viewer up
])
def test_production_config_keeps_the_per_session_and_per_run_costs_off(section, option, value):
    assert CONFIG[section][option] == value
