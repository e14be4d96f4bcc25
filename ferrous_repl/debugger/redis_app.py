"""``ferrous debug --redis``: the debugger app on a Redis script, with a "redis" tab holding
EVAL's reply, the keyspace panel and the redis.call log.

The app is the Lua debugger's own (every key, panel and worker the same); this subclass adds
the tab and, after each engine command, reads the Redis view in the same worker thread, so
the keyspace (a socket, for a real server) is never touched by two threads at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.widgets import TabbedContent, TabPane

from ferrous_repl.debugger.app import DebuggerApp
from ferrous_repl.debugger.redis_panels import CallLogPanel, KeyspacePanel, ReplyPanel, reply_lines
from ferrous_repl.debugger.snapshot import Snapshot, build
from ferrous_repl.debugger.sources import SourceBook
from ferrous_repl.debugger.target import Target
from vm.redis.debugsession import RedisDebugSession, RedisView


class RedisDebuggerApp(DebuggerApp):
    TITLE = "ferrous debug --redis"
    # the redis tab (keyspace, call log, reply) gets most of the right column
    CSS = """
    #tabs { height: 4fr; min-height: 12; }
    #tab-redis { padding: 0; }
    """

    def __init__(self, session: RedisDebugSession, name: str, theme: str | None = None) -> None:
        sources = SourceBook()
        sources.add(session.chunkname, session.source)
        assert session.debugger is not None
        super().__init__(Target(session.debugger, sources, name), theme)
        self.redis = session
        self.redis_view: RedisView = session.view()
        where = session.keyspace.describe()
        self.sub_title = f"{name}  ({'embedded keyspace' if session.rewinds else 'server ' + where})"

    async def on_mount(self) -> None:
        """Runs before DebuggerApp.on_mount (Textual calls both): the tab is there when the
        first stop is shown."""
        tabs = self.query_one("#tabs", TabbedContent)
        panels = Vertical(ReplyPanel(id="redis-reply"), KeyspacePanel("keyspace", id="keyspace"),
                          CallLogPanel("redis.call log", id="calls"))
        pane = TabPane("redis", panels, id="tab-redis")
        await tabs.add_pane(pane, before="tab-output")
        tabs.active = "tab-redis"
        if not self.redis.rewinds:
            self.query_one(KeyspacePanel).border_title = f"keyspace  server {self.redis.keyspace.describe()}"

    def action_step(self, kind: str) -> None:
        """On a real server ``r`` goes back to the start without forgetting the replies: a
        fresh run would send the script's writes a second time."""
        if kind == "restart" and not self.redis.rewinds:
            d = self.debugger
            if self._start(lambda: build(d, d.goto(0), 0), "back to the start"):
                self.notify("the server is not rewound: going forward again replays the logged replies")
            return
        super().action_step(kind)

    def _start(self, work: Callable[[], Snapshot], label: str) -> bool:
        session = self.redis

        def with_redis() -> Snapshot:
            snap = work()
            self.redis_view = session.view()  # in the worker, after the command
            text = session.pending_error_text() if snap.stop.reason == "error" else None
            if text is not None:
                snap = replace(snap, stop=replace(snap.stop, message=text))
            return snap

        return super()._start(with_redis, label)

    def _show(self, snap: Snapshot, follow: bool = True) -> None:
        super()._show(snap, follow)
        self.show_redis(self.redis_view)

    def show_redis(self, view: RedisView) -> None:
        try:
            self.query_one(ReplyPanel).show(reply_lines(view, self.redis.rewinds, self.redis.command))
            self.query_one(KeyspacePanel).show_view(view)
            self.query_one(CallLogPanel).show_view(view)
        except NoMatches:  # the tab is not mounted yet: shown on the next stop
            return


def make_redis_app(session: RedisDebugSession, name: str, theme: str | None = None) -> RedisDebuggerApp:
    """The debugger on a prepared Redis script run (what ``ferrous debug --redis`` runs, and
    what tests drive)."""
    return RedisDebuggerApp(session, name, theme)
