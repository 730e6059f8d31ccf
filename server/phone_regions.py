"""Province lookup of mobile numbers by their first seven digits.

The lookup reads the binary prefix table that the native build generates from
libphonenumber's data (build/generated/phone_prefixes.bin). The web build ships
the same file, and src/core/mobile_regions.h describes its format. Every
province check in the server goes through province_of_mobile().

Without a table, every number has an unknown region, so the server sends SMS
codes to none of them; load_table() logs a warning that says how to build it.
"""

import bisect
import collections
import logging
import os
import re
import threading
import zlib

FUJIAN = "福建省"

DEFAULT_TABLE_PATH = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    "build", "generated", "phone_prefixes.bin")

MAGIC = b"MPRT"
VERSION = 1
MAX_REGION_NAME_BYTES = 64
MAX_SOURCE_LABEL_BYTES = 256
_LOWEST_PREFIX = 1_000_000
_END_OF_PREFIXES = 2_000_000
_MAX_VARINT_BYTES = 5

_MOBILE = re.compile(r"1[0-9]{10}")

log = logging.getLogger("portal.phone_regions")

Region = collections.namedtuple("Region", "province city")


class TableError(ValueError):
    """A prefix table file is truncated, corrupt or of an unsupported version."""

    def __init__(self, offset, reason):
        super().__init__(f"invalid mobile prefix table at byte {offset}: {reason}")
        self.offset = offset


class _Reader:
    def __init__(self, data):
        self.data = data
        self.offset = 0

    def byte(self, field):
        if self.offset >= len(self.data):
            raise TableError(self.offset, f"file ends inside the {field}")
        value = self.data[self.offset]
        self.offset += 1
        return value

    def varint(self, field):
        value = 0
        for index in range(_MAX_VARINT_BYTES):
            byte = self.byte(field)
            value |= (byte & 0x7F) << (7 * index)
            if not byte & 0x80:
                if value > 0xFFFFFFFF:
                    raise TableError(self.offset, f"{field} exceeds 32 bits")
                return value
        raise TableError(self.offset, f"{field} is a varint longer than 5 bytes")

    def text(self, field, min_bytes, max_bytes):
        length = self.varint(field)
        if not min_bytes <= length <= max_bytes:
            raise TableError(self.offset,
                             f"{field} is {length} bytes, expected {min_bytes} to {max_bytes}")
        if len(self.data) - self.offset < length:
            raise TableError(self.offset, f"file ends inside the {field}")
        raw = self.data[self.offset:self.offset + length]
        try:
            value = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise TableError(self.offset, f"{field} is not valid UTF-8") from None
        self.offset += length
        return value


class PrefixTable:
    """Regions of 7-digit mobile prefixes, parsed from a prefix table file."""

    def __init__(self, source_label="", first_prefix=0, end_prefix=0, regions=(), starts=(),
                 run_regions=()):
        self.source_label = source_label
        self._first_prefix = first_prefix
        self._end_prefix = end_prefix
        # Index 0 is the region of prefixes without one, as in the file.
        self._regions = [None, *regions]
        self._starts = list(starts)
        self._run_regions = list(run_regions)

    @classmethod
    def parse(cls, data):
        """Parse the bytes of a table file; raise TableError when they are not a valid table."""
        if len(data) < len(MAGIC) + 1 + 4 or data[:len(MAGIC)] != MAGIC:
            raise TableError(0, "not a mobile prefix table (expected the magic bytes MPRT)")
        body = data[:-4]
        if zlib.crc32(body) != int.from_bytes(data[-4:], "little"):
            raise TableError(len(body), "checksum mismatch, the file is damaged or incomplete")

        reader = _Reader(body)
        reader.offset = len(MAGIC)
        version = reader.byte("version")
        if version != VERSION:
            raise TableError(reader.offset - 1, f"unsupported version {version}, expected {VERSION}")
        source_label = reader.text("source label", 0, MAX_SOURCE_LABEL_BYTES)
        first_prefix = reader.varint("first prefix")
        prefix_count = reader.varint("prefix count")
        if not _LOWEST_PREFIX <= first_prefix < _END_OF_PREFIXES or \
                prefix_count > _END_OF_PREFIXES - first_prefix:
            raise TableError(reader.offset, "prefixes must lie within 1000000-1999999")
        end_prefix = first_prefix + prefix_count

        regions = []
        for _ in range(reader.byte("region count")):
            province = reader.text("province name", 1, MAX_REGION_NAME_BYTES)
            city = reader.text("city name", 0, MAX_REGION_NAME_BYTES)
            regions.append(Region(province, city))

        run_count = reader.varint("run count")
        if run_count > prefix_count or run_count > len(body) // 2:
            raise TableError(reader.offset, f"run count {run_count} exceeds the prefix count or"
                                            " the file size")
        starts = []
        run_regions = []
        next_prefix = first_prefix
        for number in range(1, run_count + 1):
            length = reader.varint("run length") + 1
            region = reader.byte("run region")
            if length > end_prefix - next_prefix:
                raise TableError(reader.offset, f"run {number} extends past the last prefix")
            if region > len(regions):
                raise TableError(reader.offset - 1, f"run {number} names region {region}, which"
                                                    " does not exist")
            starts.append(next_prefix)
            run_regions.append(region)
            next_prefix += length
        if next_prefix != end_prefix:
            raise TableError(reader.offset, f"the runs leave {end_prefix - next_prefix} prefixes"
                                            " uncovered")
        if reader.offset != len(body):
            raise TableError(reader.offset, "unexpected bytes after the runs")
        return cls(source_label, first_prefix, end_prefix, regions, starts, run_regions)

    def region_of_prefix(self, prefix):
        """Return the Region of a 7-digit prefix such as 1395910, or None when it has none."""
        if not self._first_prefix <= prefix < self._end_prefix:
            return None
        run = bisect.bisect_right(self._starts, prefix) - 1
        return self._regions[self._run_regions[run]]

    def region_of_mobile(self, mobile):
        """Return the Region of an 11-digit mobile number, or None when unknown or malformed."""
        if not isinstance(mobile, str) or not _MOBILE.fullmatch(mobile):
            return None
        return self.region_of_prefix(int(mobile[:7]))

    @property
    def run_count(self):
        return len(self._starts)


_lock = threading.Lock()
_tables = {}
_active = None


def load_table(path=DEFAULT_TABLE_PATH):
    """Read the table at path, once per path. Return an empty table after a warning when the
    file is missing or invalid, so that every number then has an unknown region."""
    path = os.path.abspath(path)
    with _lock:
        table = _tables.get(path)
        if table is not None:
            return table
        try:
            with open(path, "rb") as file:
                table = PrefixTable.parse(file.read())
            log.info("mobile prefix table %s: %d runs, data from %s", path, table.run_count,
                     table.source_label or "an unnamed source")
        except FileNotFoundError:
            log.warning("mobile prefix table %s not found, so every mobile number has an unknown"
                        " region and gets no SMS code; run tools/build.sh native to generate it,"
                        " or pass --phone-table", path)
            table = PrefixTable()
        except (OSError, TableError) as error:
            log.warning("mobile prefix table %s not loaded (%s), so every mobile number has an"
                        " unknown region and gets no SMS code", path, error)
            table = PrefixTable()
        _tables[path] = table
        return table


def use_table(table):
    """Make table the one that province_of_mobile() consults."""
    global _active
    _active = table


def active_table():
    """Return the table in use, loading the default one on first use."""
    if _active is None:
        use_table(load_table())
    return _active


def province_of_mobile(mobile):
    """Return the province name of an 11-digit mobile number, or None when unknown."""
    region = active_table().region_of_mobile(mobile)
    return None if region is None else region.province


def is_fujian_mobile(mobile):
    return province_of_mobile(mobile) == FUJIAN
