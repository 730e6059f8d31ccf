"""The Python reader of the mobile prefix table: the generated file, corrupt files, a missing
file, and serve.py's --phone-table option."""

import os
import tempfile
import unittest
import zlib

from server import phone_regions, seed
from tests.server.live import REPO_ROOT, LiveServer
from tests.server.test_cli import post_json

GENERATED_TABLE = os.path.join(REPO_ROOT, "build", "generated", "phone_prefixes.bin")


def varint(value):
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def text(value):
    raw = value.encode("utf-8") if isinstance(value, str) else value
    return varint(len(raw)) + raw


def encode_body(regions, runs, first=1_300_000, count=700_000, label="test data"):
    """Encode a table without its checksum; runs are (length, region) pairs."""
    body = bytearray(b"MPRT\x01")
    body += text(label) + varint(first) + varint(count) + bytes([len(regions)])
    for province, city in regions:
        body += text(province) + text(city)
    body += varint(len(runs))
    for length, region in runs:
        body += varint(length - 1) + bytes([region])
    return bytes(body)


def with_checksum(body):
    return body + zlib.crc32(body).to_bytes(4, "little")


SAMPLE_REGIONS = [("北京市", ""), ("福建省", "福州市")]
# 1300000-1300009 none, 1300010-1300011 北京市, up to 1395909 none, 1395910-1395919 福州市,
# the rest none.
SAMPLE_RUNS = [(10, 0), (2, 1), (1_395_910 - 1_300_012, 0), (10, 2), (1_999_999 - 1_395_919, 0)]


def sample_table_bytes():
    return with_checksum(encode_body(SAMPLE_REGIONS, SAMPLE_RUNS))


class PrefixTableParseTest(unittest.TestCase):
    def parse_error(self, data):
        with self.assertRaises(phone_regions.TableError) as caught:
            phone_regions.PrefixTable.parse(data)
        return str(caught.exception)

    def test_reads_sample_table(self):
        table = phone_regions.PrefixTable.parse(sample_table_bytes())
        self.assertEqual(table.run_count, 5)
        self.assertEqual(table.source_label, "test data")
        self.assertEqual(table.region_of_mobile("13959100000"), ("福建省", "福州市"))
        self.assertEqual(table.region_of_mobile("13959199999"), ("福建省", "福州市"))
        self.assertEqual(table.region_of_mobile("13000110000"), ("北京市", ""))
        self.assertIsNone(table.region_of_mobile("13959200000"))
        self.assertIsNone(table.region_of_mobile("19999999999"))

    def test_malformed_numbers_have_no_region(self):
        table = phone_regions.PrefixTable.parse(sample_table_bytes())
        for mobile in ("1395910000", "1395910000a", "23959100000", "13959100000\n",
                       "１3959100000", "", None):
            with self.subTest(mobile=mobile):
                self.assertIsNone(table.region_of_mobile(mobile))

    def test_rejects_wrong_magic(self):
        self.assertIn("magic bytes MPRT", self.parse_error(b"XPRT" + sample_table_bytes()[4:]))

    def test_rejects_changed_byte(self):
        data = bytearray(sample_table_bytes())
        data[10] ^= 1
        self.assertIn("checksum mismatch", self.parse_error(bytes(data)))

    def test_rejects_every_truncation(self):
        data = sample_table_bytes()
        for size in range(len(data)):
            with self.subTest(size=size):
                self.parse_error(data[:size])

    def test_rejects_truncated_body_with_valid_checksum(self):
        body = encode_body(SAMPLE_REGIONS, SAMPLE_RUNS)
        for size in range(5, len(body)):
            with self.subTest(size=size):
                self.parse_error(with_checksum(body[:size]))

    def test_rejects_unsupported_version(self):
        body = bytearray(encode_body(SAMPLE_REGIONS, SAMPLE_RUNS))
        body[4] = 2
        self.assertIn("unsupported version 2", self.parse_error(with_checksum(bytes(body))))

    def test_rejects_runs_short_of_prefix_count(self):
        runs = SAMPLE_RUNS[:-1] + [(SAMPLE_RUNS[-1][0] - 1, 0)]
        self.assertIn("leave 1 prefixes uncovered",
                      self.parse_error(with_checksum(encode_body(SAMPLE_REGIONS, runs))))

    def test_rejects_run_past_last_prefix(self):
        runs = SAMPLE_RUNS[:-1] + [(SAMPLE_RUNS[-1][0] + 1, 0)]
        self.assertIn("run 5 extends past the last prefix",
                      self.parse_error(with_checksum(encode_body(SAMPLE_REGIONS, runs))))

    def test_rejects_unknown_region_index(self):
        runs = [SAMPLE_RUNS[0], (2, 3), *SAMPLE_RUNS[2:]]
        self.assertIn("run 2 names region 3",
                      self.parse_error(with_checksum(encode_body(SAMPLE_REGIONS, runs))))

    def test_rejects_empty_province(self):
        regions = [("", ""), SAMPLE_REGIONS[1]]
        self.assertIn("province name is 0 bytes",
                      self.parse_error(with_checksum(encode_body(regions, SAMPLE_RUNS))))

    def test_rejects_invalid_utf8_name(self):
        regions = [(b"\xe6\xb5", ""), SAMPLE_REGIONS[1]]
        self.assertIn("province name is not valid UTF-8",
                      self.parse_error(with_checksum(encode_body(regions, SAMPLE_RUNS))))

    def test_rejects_prefixes_beyond_1999999(self):
        body = encode_body([], [(2, 0)], first=1_999_999, count=2)
        self.assertIn("within 1000000-1999999", self.parse_error(with_checksum(body)))

    def test_rejects_bytes_after_runs(self):
        body = encode_body(SAMPLE_REGIONS, SAMPLE_RUNS) + b"\x00"
        self.assertIn("unexpected bytes after the runs", self.parse_error(with_checksum(body)))

    def test_rejects_varint_longer_than_five_bytes(self):
        body = b"MPRT\x01" + b"\x80" * 5 + b"\x00"
        self.assertIn("longer than 5 bytes", self.parse_error(with_checksum(body)))


class GeneratedTableTest(unittest.TestCase):
    """The table the native build generates, as serve.py reads it by default."""

    @classmethod
    def setUpClass(cls):
        if not os.path.isfile(GENERATED_TABLE):
            raise unittest.SkipTest(f"{GENERATED_TABLE} is missing: run tools/build.sh native")
        with open(GENERATED_TABLE, "rb") as file:
            cls.data = file.read()
        cls.table = phone_regions.PrefixTable.parse(cls.data)

    def test_file_is_small(self):
        self.assertLess(len(self.data), 64 * 1024)
        self.assertLess(len(zlib.compress(self.data, 9)), 64 * 1024)

    def test_names_fujian_prefectures(self):
        # Regions of these prefixes in libphonenumber's geocoding data (8.12.57).
        expected = {"13959100000": "福州市", "18950000000": "厦门市", "13805910001": "泉州市",
                    "13905990000": "南平市"}
        for mobile, city in expected.items():
            with self.subTest(mobile=mobile):
                self.assertEqual(self.table.region_of_mobile(mobile), ("福建省", city))

    def test_names_other_provinces_without_city(self):
        self.assertEqual(self.table.region_of_mobile("13800138000"), ("北京市", ""))
        self.assertEqual(self.table.region_of_mobile("13571001234"), ("陕西省", ""))

    def test_counts_fujian_prefixes(self):
        fujian = sum(1 for prefix in range(1_300_000, 2_000_000)
                     if (self.table.region_of_prefix(prefix) or ("",))[0] == "福建省")
        self.assertEqual(fujian, 10_039)

    def test_seeded_mobiles_are_in_fujian(self):
        mobiles = {seed.PERSON["mobile"]}
        for unit in (seed.UNIT_FUZHOU, seed.UNIT_XIAMEN, seed.UNIT_UNREGISTERED):
            if "legal_person" in unit:
                mobiles.add(unit["legal_person"]["mobile"])
            mobiles.update(agent["mobile"] for agent in unit.get("designated_agents", ()))
            mobiles.update(registration[2] for registration in unit["registrations"])
        self.assertEqual(len(mobiles), 7)
        for mobile in sorted(mobiles):
            with self.subTest(mobile=mobile):
                self.assertEqual(self.table.region_of_mobile(mobile).province, "福建省")

    def test_segments_without_data_are_unknown(self):
        # libphonenumber 8.12.57 locates no 16x or 19x prefix.
        self.assertIsNone(self.table.region_of_mobile("16612345678"))
        self.assertIsNone(self.table.region_of_mobile("19912345678"))


class MissingTableTest(unittest.TestCase):
    def test_missing_file_logs_warning_and_knows_no_region(self):
        path = os.path.join(tempfile.mkdtemp(prefix="portal-phone-"), "missing.bin")
        with self.assertLogs("portal.phone_regions", "WARNING") as logs:
            table = phone_regions.load_table(path)
        self.assertEqual(len(logs.output), 1)
        self.assertIn("not found", logs.output[0])
        self.assertIn("--phone-table", logs.output[0])
        self.assertIsNone(table.region_of_mobile("13959100000"))

    def test_corrupt_file_logs_warning(self):
        folder = tempfile.mkdtemp(prefix="portal-phone-")
        path = os.path.join(folder, "corrupt.bin")
        with open(path, "wb") as file:
            file.write(sample_table_bytes()[:-1])
        with self.assertLogs("portal.phone_regions", "WARNING") as logs:
            table = phone_regions.load_table(path)
        self.assertIn("not loaded", logs.output[0])
        self.assertIsNone(table.region_of_mobile("13959100000"))

    def test_server_without_table_rejects_sms_with_unknown_region(self):
        path = os.path.join(tempfile.mkdtemp(prefix="portal-phone-"), "missing.bin")
        with LiveServer(extra_arguments=["--phone-table", path]) as server:
            status, body = post_json(server.port, "/api/sms-codes",
                                     {"mobile": "13805910001", "purpose": "login"})
            self.assertEqual(status, 400)
            self.assertEqual(body["error"]["code"], "mobile_not_fujian")
            self.assertIn("无法确定手机号码138****0001的归属地", body["error"]["message"])
            server.stop()
        warnings = [line for line in server.stderr_lines if "missing.bin" in line]
        self.assertEqual(len(warnings), 1, server.stderr_lines)
        self.assertIn("WARNING", warnings[0])


if __name__ == "__main__":
    unittest.main()
