"""Wall-clock time for the server and its formatting in China Standard Time."""

import datetime
import time

# China Standard Time has had no daylight saving since 1991, so a fixed offset equals
# Asia/Shanghai and needs no tz database on the host.
CHINA_TIME = datetime.timezone(datetime.timedelta(hours=8), "Asia/Shanghai")


class SystemClock:
    def now(self):
        """Return the current time in whole seconds since the Unix epoch."""
        return int(time.time())


def to_datetime(epoch_seconds):
    return datetime.datetime.fromtimestamp(epoch_seconds, CHINA_TIME)


def to_iso(epoch_seconds):
    """Format epoch seconds as ISO 8601 with the +08:00 offset."""
    return to_datetime(epoch_seconds).isoformat()


def to_chinese_moment(epoch_seconds, now):
    """Format a moment for a message: "14:35" today, otherwise "1月6日 14:35"."""
    moment = to_datetime(epoch_seconds)
    if moment.date() == to_datetime(now).date():
        return moment.strftime("%H:%M")
    return f"{moment.month}月{moment.day}日 {moment:%H:%M}"
