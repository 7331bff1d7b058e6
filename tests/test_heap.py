"""A page's first run in the process freezes what it leaves, so Python's full collections stay short."""

import gc

import pytest

from dashboard_app.heap import settle_after_first_run

pytestmark = pytest.mark.apptest


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    settle_after_first_run.clear()
    yield
    gc.unfreeze()
    settle_after_first_run.clear()


def test_a_pages_first_run_freezes_the_heap_and_its_later_runs_do_not(run_page, unfrozen):
    app = run_page("pages/sources.py")
    assert not app.exception
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
    app.run()
    assert not app.exception
    assert gc.get_freeze_count() == 0
