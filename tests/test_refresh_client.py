"""The client wrapper: how the official client's printed failures are read, retries with backoff, the API key.

No network: the official client is replaced by a stand-in module that behaves as its source does (comtradeapicall
1.3.2, PreviewGet.getPreviewData): on a non-200 status it prints the reply body and returns None; on a connection
failure it prints "Request error: ..." and returns None.
"""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pandas as pd
import pytest

from dashboard_data.refresh.client import (
    ComtradeHTTPError,
    ComtradeUnreachableError,
    LibraryClient,
    RefreshError,
    api_key,
    fetch_with_retry,
    library_client,
)
from dashboard_data.refresh.comtrade import DATA_ENDPOINT, PREVIEW_ENDPOINT, Request, query_url

REQUEST = Request("RUS", "ISR", 2020, "X", "AG2")
NO_NETWORK = ("Request error: HTTPSConnectionPool(host='comtradeapi.un.org', port=443): Max retries exceeded with "
              "url: /public/v1/preview/C/A/HS (Caused by NameResolutionError(\"Failed to resolve "
              "'comtradeapi.un.org'\"))")
RATE_LIMITED = '{ "statusCode": 429, "message": "Rate limit is exceeded. Try again in 2 seconds." }'
TEST_FIXTURE_FRAME = pd.DataFrame({"reporterDesc": ["TEST FIXTURE"]})


def stand_in_library(printed: str = "", returned: pd.DataFrame | None = None, raises: Exception | None = None):
    """A module with the official client's two entry points; records each call's arguments."""
    calls = []

    def answer(*args, **kwargs):
        calls.append((args, kwargs))
        if raises:
            raise raises
        if printed:
            print(printed)
        return returned

    return SimpleNamespace(previewFinalData=answer, getFinalData=answer, calls=calls)


def fetch(client: LibraryClient) -> pd.DataFrame:
    return client.fetch(REQUEST.reporter, REQUEST.partner, REQUEST.year, REQUEST.flow, REQUEST.level)


# --- the official client, read -------------------------------------------------------------------------------------

def test_without_a_key_the_public_preview_is_asked_for_classic_totals():
    library = stand_in_library(returned=TEST_FIXTURE_FRAME)
    client = LibraryClient(library, "1.3.2")
    assert fetch(client) is TEST_FIXTURE_FRAME
    (args, kwargs), = library.calls
    assert args == ()
    assert kwargs == {"typeCode": "C", "freqCode": "A", "clCode": "HS", "period": "2020", "reporterCode": "643",
                      "cmdCode": "AG2", "flowCode": "X", "partnerCode": "376", "partner2Code": "0",
                      "customsCode": "C00", "motCode": "0", "maxRecords": 500, "format_output": "JSON",
                      "breakdownMode": "classic", "includeDesc": True}
    assert client.endpoint == PREVIEW_ENDPOINT


def test_with_a_key_the_data_api_is_used_and_the_key_is_never_cited():
    library = stand_in_library(returned=TEST_FIXTURE_FRAME)
    client = LibraryClient(library, "1.3.2", api_key="secret-test-key")
    fetch(client)
    (args, _), = library.calls
    assert args == ("secret-test-key",)
    assert client.endpoint == DATA_ENDPOINT
    assert "secret-test-key" not in query_url(client.endpoint, REQUEST)


def test_a_connection_failure_is_unreachable_with_exit_code_2():
    client = LibraryClient(stand_in_library(printed=NO_NETWORK), "1.3.2")
    with pytest.raises(ComtradeUnreachableError) as caught:
        fetch(client)
    assert caught.value.exit_code == 2
    assert str(caught.value).startswith("UN Comtrade cannot be reached (HTTPSConnectionPool(")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("printed", "status", "retryable", "retry_after"), [
    (RATE_LIMITED, 429, True, 2.0),
    ('{"statusCode": 503, "message": "Service Unavailable"}', 503, True, None),
    ('{"statusCode": 401, "message": "Access denied due to invalid subscription key."}', 401, False, None),
    ("<html><body>502 Bad Gateway</body></html>", None, True, None),
])
def test_an_error_reply_keeps_its_status(printed, status, retryable, retry_after):
    client = LibraryClient(stand_in_library(printed=printed), "1.3.2")
    with pytest.raises(ComtradeHTTPError) as caught:
        fetch(client)
    assert (caught.value.status, caught.value.retryable, caught.value.retry_after) == (status, retryable, retry_after)


def test_an_unreadable_success_reply_is_a_server_error():
    client = LibraryClient(stand_in_library(raises=ValueError("Expecting value: line 1 column 1")), "1.3.2")
    with pytest.raises(ComtradeHTTPError) as caught:
        fetch(client)
    assert caught.value.retryable


def test_a_missing_client_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "comtradeapicall", None)
    with pytest.raises(RefreshError, match=r"pip install -e '\.\[refresh\]'"):
        library_client(None)


# --- retries -------------------------------------------------------------------------------------------------------

class ScriptedClient:
    """Answers each fetch with the next item of a script: an exception to raise or a frame to return."""

    name, version, endpoint = "TEST FIXTURE client", "0", PREVIEW_ENDPOINT

    def __init__(self, *script):
        self.script = list(script)
        self.calls = 0

    def fetch(self, reporter, partner, year, flow, level):
        self.calls += 1
        answer = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


def test_429_and_5xx_are_retried_with_backoff():
    sleeps = []
    client = ScriptedClient(ComtradeHTTPError(429, "Rate limit is exceeded. Try again in 3 seconds."),
                            ComtradeHTTPError(503, "Service Unavailable"), TEST_FIXTURE_FRAME)
    assert fetch_with_retry(client, REQUEST, sleep=sleeps.append) is TEST_FIXTURE_FRAME
    # first wait: the 3 s the rate limiter asks for (more than the 2 s backoff); then 4 s, the doubled backoff
    assert sleeps == [3.0, 4.0]


def test_a_failure_that_lasts_gives_up_after_the_last_attempt():
    sleeps = []
    client = ScriptedClient(ComtradeHTTPError(503, "Service Unavailable"))
    with pytest.raises(RefreshError) as caught:
        fetch_with_retry(client, REQUEST, attempts=5, sleep=sleeps.append)
    assert str(caught.value) == "RUS-ISR-2020-X-AG2: HTTP 503: Service Unavailable after 5 attempts"
    assert (client.calls, sleeps) == (5, [2.0, 4.0, 8.0, 16.0])


def test_a_client_error_is_not_retried():
    sleeps = []
    client = ScriptedClient(ComtradeHTTPError(400, "period is invalid"))
    with pytest.raises(RefreshError, match=r"HTTP 400: period is invalid$"):
        fetch_with_retry(client, REQUEST, sleep=sleeps.append)
    assert (client.calls, sleeps) == (1, [])


def test_no_network_is_not_retried():
    client = ScriptedClient(ComtradeUnreachableError("UN Comtrade cannot be reached (no route)"))
    with pytest.raises(ComtradeUnreachableError):
        fetch_with_retry(client, REQUEST, sleep=pytest.fail)
    assert client.calls == 1


def test_a_reply_at_the_record_limit_is_refused_as_possibly_cut_off():
    client = ScriptedClient(pd.DataFrame({"cmdCode": [f"{n:02d}" for n in range(500)]}))
    with pytest.raises(RefreshError, match="500 records, the preview's limit"):
        fetch_with_retry(client, REQUEST, sleep=pytest.fail)


# --- the API key ---------------------------------------------------------------------------------------------------

def write_secrets(folder, text):
    (folder / ".streamlit").mkdir()
    (folder / ".streamlit" / "secrets.toml").write_text(text, encoding="utf-8")


def test_the_key_comes_from_the_environment_first(tmp_path):
    write_secrets(tmp_path, 'COMTRADE_API_KEY = "from-secrets"\n')
    assert api_key(tmp_path, {"COMTRADE_API_KEY": "from-env"}, home=tmp_path) == "from-env"


def test_the_key_comes_from_streamlit_secrets(tmp_path):
    project, home = tmp_path / "project", tmp_path / "home"
    project.mkdir()
    home.mkdir()
    write_secrets(home, 'COMTRADE_API_KEY = "from-user-secrets"\n')
    assert api_key(project, {}, home=home) == "from-user-secrets"
    write_secrets(project, 'COMTRADE_API_KEY = "from-project-secrets"\n')
    assert api_key(project, {}, home=home) == "from-project-secrets"


def test_no_key_means_the_public_preview(tmp_path):
    assert api_key(tmp_path, {}, home=tmp_path) is None
