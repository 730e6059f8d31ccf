"""In-memory sliding-window rate limits on logins and SMS codes, per client address and per
account.

The counters live in the server process: a restart clears them, and several server
processes behind one proxy would each count on their own.
"""

import collections
import dataclasses
import threading

from server import errors

WINDOW_SECONDS = 60
# Keys kept per limiter before idle ones are dropped; bounds memory when a flood of addresses
# or invented account names arrives.
MAX_KEYS = 10_000


@dataclasses.dataclass(frozen=True)
class RateLimits:
    """Requests allowed per WINDOW_SECONDS; 0 turns a limit off."""
    login_per_account: int = 10
    login_per_address: int = 30
    sms_per_address: int = 10


class SlidingWindow:
    """Counts events per key over the last window_seconds and rejects those over the limit."""

    def __init__(self, limit, window_seconds=WINDOW_SECONDS, max_keys=MAX_KEYS):
        self.limit = limit
        self.window_seconds = window_seconds
        self.max_keys = max_keys
        self._events = {}
        self._lock = threading.Lock()

    def acquire(self, key, now):
        """Record an event for key at now (seconds); return 0 when it is allowed, otherwise
        the seconds until the oldest counted event leaves the window.

        A rejected event is not counted, so a client that keeps retrying gets through
        once its earlier requests age out.
        """
        if self.limit <= 0:
            return 0
        with self._lock:
            events = self._events.get(key)
            if events is None:
                self._drop_idle_keys(now)
                events = self._events[key] = collections.deque()
            while events and events[0] <= now - self.window_seconds:
                events.popleft()
            if len(events) >= self.limit:
                return max(1, int(events[0] + self.window_seconds - now))
            events.append(now)
            return 0

    def _drop_idle_keys(self, now):
        if len(self._events) < self.max_keys:
            return
        cutoff = now - self.window_seconds
        for key in [key for key, events in self._events.items() if not events or
                    events[-1] <= cutoff]:
            del self._events[key]
        # NOTE: under a flood of more than max_keys distinct keys within one window, the
        # oldest keys are forgotten, so their counts start again from zero.
        while len(self._events) >= self.max_keys:
            del self._events[next(iter(self._events))]


class RateLimiter:
    """The portal's limits on login attempts and SMS code requests."""

    def __init__(self, limits, clock):
        self.clock = clock
        self._login_account = SlidingWindow(limits.login_per_account)
        self._login_address = SlidingWindow(limits.login_per_address)
        self._sms_address = SlidingWindow(limits.sms_per_address)

    def check_login_address(self, address):
        _raise_when_limited(self._login_address.acquire(address, self.clock.now()),
                            "登录尝试过于频繁")

    def check_login_account(self, account_key):
        """Count a password or SMS-code check against one account, or against one typed
        identifier that matches no account."""
        _raise_when_limited(self._login_account.acquire(account_key, self.clock.now()),
                            "该账号登录尝试过于频繁")

    def check_sms_address(self, address):
        _raise_when_limited(self._sms_address.acquire(address, self.clock.now()),
                            "获取验证码过于频繁")


def _raise_when_limited(wait, action):
    if wait <= 0:
        return
    error = errors.ApiError(429, "too_many_requests", f"{action}，请{wait}秒后再试",
                            retryAfterSeconds=wait)
    error.headers["Retry-After"] = str(wait)
    raise error
