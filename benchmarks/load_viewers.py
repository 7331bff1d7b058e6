"""Load script (run on demand): simulated viewers that speak Streamlit's own websocket protocol, on loopback only.

    python benchmarks/load_viewers.py [--sessions 20] [--seconds 60] [--think 2,6] [--browsers 3]

A viewer opens a session on ws://127.0.0.1:PORT/_stcore/stream, asks for a page run (BackMsg.rerun_script with the
page's name), reads ForwardMsgs until script_finished, thinks, changes the page's first filter (its slider, else its
selectbox) by sending the widget state, reads until that run finishes, thinks, and moves to the next page. A
simulated viewer costs almost nothing on the client, so the server is what is measured; real browsers on 2 cores
saturate the client long before. Every run, its page and its time (request sent → script_finished) are recorded.

Phases: warm-up (every page once), one viewer alone (the single-session figure), sessions opened one at a time
(a session's first run alone), `sessions` viewers at once for `seconds`, then `browsers` headless Chromium tabs open
every page while the viewers run again, to confirm pages still render under load. Targets: zero errors; concurrent
p95 run time <= 2x the single-session p95, over all runs, and also for sessions' first runs (against sessions opened
one at a time) and later runs apart. Server memory growth per session is reported. Bounded: a fixed number of
sessions, each stopping at its deadline.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import threading
import time
from dataclasses import dataclass, field

import harness
import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from dashboard_app.navigation import PAGES

RUN_TIMEOUT_S = 120
P95_TARGET = 2.0
SINGLE_SECONDS = 20
NEW_SESSION_ROUNDS = 3


@dataclass
class Run:
    page: str
    kind: str
    seconds: float
    problem: str | None = None
    first_in_session: bool = False


@dataclass
class Outcome:
    """What one run showed: its time, any error it displayed, and the first filter widget it offered."""

    seconds: float
    problem: str | None
    filter_state: WidgetState | None


@dataclass
class Tally:
    runs: list[Run] = field(default_factory=list)
    connection_errors: list[str] = field(default_factory=list)

    def times(self, first_in_session: bool | None = None) -> list[float]:
        """Every run's time, or only sessions' first runs (True) or only later runs (False). A session's first run
        costs Streamlit more, so first and later runs are also compared separately: 20 new sessions in a minute
        could otherwise be the concurrent tail, against a single viewer whose one session has one first run."""
        return [r.seconds for r in self.runs if first_in_session is None or r.first_in_session == first_in_session]

    def problems(self) -> list[str]:
        return [f"/{r.page} ({r.kind}): {r.problem}" for r in self.runs if r.problem] + self.connection_errors


def changed_filter(element) -> WidgetState | None:
    """The widget state a user would send after moving the page's first slider or picking another option."""
    kind = element.WhichOneof("type")
    if kind == "slider":
        slider = element.slider
        low, *rest = list(slider.value) or list(slider.default)
        state = WidgetState(id=slider.id)
        state.double_array_value.data.extend([min(low + slider.step, slider.max), *rest])
        return state
    if kind == "selectbox" and len(element.selectbox.options) > 1:
        box = element.selectbox
        chosen = box.options[1] if box.default != 1 else box.options[0]
        return WidgetState(id=box.id, string_value=chosen)
    return None


def shown_problem(element) -> str | None:
    kind = element.WhichOneof("type")
    if kind == "exception":
        return f"exception: {element.exception.message[:80]}"
    if kind == "alert" and element.alert.format == Alert.ERROR:
        return f"error box: {element.alert.body[:80]}"
    return None


async def run_page(socket, page: str, states: list[WidgetState]) -> Outcome:
    message = BackMsg()
    message.rerun_script.page_name = page
    message.rerun_script.widget_states.widgets.extend(states)
    started = time.perf_counter()
    await socket.send(message.SerializeToString())
    problem, slider, select = None, None, None
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(await asyncio.wait_for(socket.recv(), RUN_TIMEOUT_S))
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            problem = problem or shown_problem(element)
            slider = slider or (element if element.WhichOneof("type") == "slider" else None)
            select = select or (element if element.WhichOneof("type") == "selectbox" else None)
        elif kind == "page_not_found":
            problem = problem or "page not found"
        elif kind == "script_finished":
            if forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                problem = problem or "script did not compile"
            chosen = changed_filter(slider) if slider else (changed_filter(select) if select else None)
            return Outcome(time.perf_counter() - started, problem, chosen)


def open_session(base: str):
    """A websocket to the server's stream endpoint: one Streamlit session for as long as it is open."""
    return websockets.connect(base.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                              max_size=None)


@dataclass(frozen=True)
class Plan:
    base: str
    pages: list[str]
    deadline: float
    think: tuple[float, float]


async def viewer(plan: Plan, rng: random.Random, tally: Tally) -> None:
    """One simulated viewer: page after page, each opened and then filtered, until the deadline."""
    start = rng.randrange(len(plan.pages))
    order = plan.pages[start:] + plan.pages[:start]  # viewers start on different pages, as real ones would
    # Viewers arrive spread over one pause, not all in the same instant (a burst would measure only the queue).
    await asyncio.sleep(rng.uniform(0, plan.think[1]))
    try:
        async with open_session(plan.base) as socket:
            first = True
            while time.perf_counter() < plan.deadline:
                for page in order:
                    if time.perf_counter() >= plan.deadline:
                        return
                    opened = await run_page(socket, page, [])
                    tally.runs.append(Run(page, "open", opened.seconds, opened.problem, first_in_session=first))
                    first = False
                    await asyncio.sleep(rng.uniform(*plan.think))
                    if opened.filter_state is not None and time.perf_counter() < plan.deadline:
                        filtered = await run_page(socket, page, [opened.filter_state])
                        tally.runs.append(Run(page, "filter", filtered.seconds, filtered.problem))
                        await asyncio.sleep(rng.uniform(*plan.think))
    except (OSError, TimeoutError, websockets.WebSocketException) as error:
        tally.connection_errors.append(f"session: {type(error).__name__}: {error}")


async def new_sessions(base: str, pages: list[str], rounds: int) -> Tally:
    """Sessions opened one after another, each running one page: a session's first run with nothing else running."""
    tally = Tally()
    for _ in range(rounds):
        for page in pages:
            async with open_session(base) as socket:
                opened = await run_page(socket, page, [])
            tally.runs.append(Run(page, "open", opened.seconds, opened.problem, first_in_session=True))
    return tally


async def warm_up(base: str, pages: list[str]) -> None:
    """Every page once, so the data caches are filled before anything is timed."""
    async with open_session(base) as socket:
        for page in pages:
            await run_page(socket, page, [])


async def crowd(base: str, pages: list[str], sessions: int, seconds: float, think: tuple[float, float]) -> Tally:
    tally = Tally()
    plan = Plan(base, pages, time.perf_counter() + seconds, think)
    rngs = [random.Random(index) for index in range(sessions)]  # noqa: S311 - think times, not secrets
    await asyncio.gather(*(viewer(plan, rng, tally) for rng in rngs))
    return tally


class MemoryWatch(threading.Thread):
    """Samples the server's RSS every half second, so the peak under load is known."""

    def __init__(self, server: harness.Server) -> None:
        super().__init__(daemon=True)
        self.server, self.peak, self.running = server, 0.0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, self.server.rss_mb())
            time.sleep(0.5)

    def stop(self) -> float:
        self.running = False
        self.join()
        return self.peak


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


def browsers_render(base: str, pages: list[str], tabs: int) -> list[str]:
    """Open every page in `tabs` Chromium tabs (own contexts); return what did not render."""
    failures = []
    with harness.chromium() as browser:
        opened = [harness.new_tab(browser, base) for _ in range(tabs)]
        for page in pages:
            for tab in opened:
                tab.goto(f"{base}/{page}", wait_until="commit")
            for number, tab in enumerate(opened, start=1):
                harness.wait_runs(tab, 1)
                broken = tab.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').count()
                charts = tab.locator('[data-testid="stPlotlyChart"]')
                undrawn = sum(charts.nth(i).locator(".main-svg").count() == 0 for i in range(charts.count()))
                if broken or undrawn:
                    failures.append(f"{page} in tab {number}: {broken} error(s), {undrawn} chart(s) not drawn")
    return failures


def run_phases(args, pages: list[str]) -> dict:
    think = tuple(float(v) for v in args.think.split(","))
    with harness.streamlit_server("app.py") as server:
        asyncio.run(warm_up(server.base, pages))
        # Alone, a viewer's pauses change nothing but the number of samples, so it does not pause.
        single = asyncio.run(crowd(server.base, pages, 1, SINGLE_SECONDS, (0, 0)))
        one_at_a_time = asyncio.run(new_sessions(server.base, pages, NEW_SESSION_ROUNDS))
        before = server.rss_mb()
        watch = MemoryWatch(server)
        watch.start()
        concurrent = asyncio.run(crowd(server.base, pages, args.sessions, args.seconds, think))
        peak = watch.stop()
        after = server.rss_mb()
        load = threading.Thread(target=asyncio.run,
                                args=(crowd(server.base, pages, args.sessions, args.seconds, think),), daemon=True)
        load.start()
        rendering = browsers_render(server.base, pages, args.browsers)
        load.join()
        tracebacks = server.tracebacks()
    return {"single": single, "one_at_a_time": one_at_a_time, "concurrent": concurrent, "rss": (before, peak, after),
            "rendering": rendering, "tracebacks": tracebacks}


def report(args, measured: dict) -> int:
    single, alone, concurrent = measured["single"], measured["one_at_a_time"], measured["concurrent"]
    before, peak, after = measured["rss"]
    problems = concurrent.problems() + single.problems() + alone.problems()
    crowd_name = f"{args.sessions} viewers, {args.seconds:.0f} s"
    print(f"Machine: {harness.machine()}; server and viewers on loopback; think time {args.think} s")
    print(f"{'runs':<14} {'phase':<22} {'runs':>5} {'p50 s':>7} {'p95 s':>7} {'max s':>7}")
    for runs, first, baseline, name in (("all runs", None, single, "1 viewer"),
                                        ("later runs", False, single, "1 viewer"),
                                        ("session start", True, alone, "one at a time")):
        for phase, tally in ((name, baseline), (crowd_name, concurrent)):
            times = tally.times(first)
            print(f"{runs:<14} {phase:<22} {len(times):>5} {percentile(times, 0.5):>7.2f} "
                  f"{percentile(times, 0.95):>7.2f} {max(times, default=float('nan')):>7.2f}")
        ratio = percentile(concurrent.times(first), 0.95) / percentile(baseline.times(first), 0.95)
        print(f"  p95 ratio concurrent / single ({runs}): {ratio:.2f} "
              f"({'ok' if ratio <= P95_TARGET else 'OVER'} against {P95_TARGET})")
    print(f"Errors: {len(problems)}" + "".join(f"\n  {p}" for p in sorted(set(problems))[:20]))
    for ending in sorted({t.splitlines()[-1] for t in measured["tracebacks"]})[:5]:
        print(f"  server traceback: {ending[:160]}")
    print(f"Server RSS: {before:.0f} MB before, peak {peak:.0f} MB with {args.sessions} sessions, {after:.0f} MB "
          f"after they closed; growth per session {(peak - before) / args.sessions:.1f} MB")
    rendering = measured["rendering"]
    if args.browsers:
        print(f"{args.browsers} browser tabs under the same load: "
              + ("every page rendered, every chart drawn" if not rendering else "; ".join(rendering)))
    return 0 if not problems and not rendering else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, choices=range(1, 51), metavar="1..50")
    parser.add_argument("--seconds", type=float, default=60, help="length of the concurrent phase (max 300)")
    parser.add_argument("--think", default="2,6", help="min,max seconds a viewer waits between actions")
    parser.add_argument("--browsers", type=int, default=3, choices=range(4), metavar="0..3")
    args = parser.parse_args()
    args.seconds = min(args.seconds, 300)
    pages = [p.route for p in PAGES if not p.hidden]
    return report(args, run_phases(args, pages))


if __name__ == "__main__":
    sys.exit(main())
