"""Runs the check_values tool (its path in the CHECK_VALUES environment variable) and checks
its JSON lines, exit statuses, and that its regions agree with serve.py's table reader."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO_ROOT)

from server import phone_regions  # noqa: E402

CHECK_VALUES = os.environ.get("CHECK_VALUES", "")
PHONE_TABLE = os.environ.get("PORTAL_PHONE_TABLE", phone_regions.DEFAULT_TABLE_PATH)


def run(*arguments, stdin=""):
    return subprocess.run([CHECK_VALUES, *arguments], input=stdin.encode("utf-8"),
                          capture_output=True, timeout=60)


def lines(result):
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]


@unittest.skipUnless(os.path.isfile(CHECK_VALUES), "set CHECK_VALUES to the check_values binary")
class CheckValuesTest(unittest.TestCase):
    def test_credit_codes(self):
        result = run("credit-code", "91350100M000100Y43", "91350100M000100Y44", "9135")
        self.assertEqual(result.returncode, 0, result.stderr)
        ok, warned, blocked = lines(result)
        self.assertEqual(list(ok)[:3], ["input", "kind", "verdict"])
        self.assertEqual(ok["verdict"], "ok")
        self.assertEqual(ok["region"], "福建省福州市")
        self.assertEqual(ok["findings"], [])
        self.assertEqual(warned["verdict"], "warn")
        self.assertEqual(warned["findings"][0]["code"], "check_character_mismatch")
        self.assertEqual(warned["findings"][0]["severity"], "warn")
        self.assertEqual(warned["findings"][0]["position"], 18)
        self.assertEqual(blocked["verdict"], "block")
        self.assertEqual(blocked["findings"][0]["code"], "wrong_length")

    def test_id_card_details(self):
        result = run("--today", "2025-06-01", "id-card", " 11010519491231002x ")
        self.assertEqual(result.returncode, 0, result.stderr)
        (line,) = lines(result)
        self.assertEqual(line["input"], " 11010519491231002x ")
        self.assertEqual(line["normalized"], "11010519491231002X")
        self.assertEqual(line["verdict"], "ok")
        self.assertEqual(line["birthDate"], "1949-12-31")
        self.assertEqual(line["sex"], "female")
        self.assertEqual(line["region"], "北京市")

    def test_id_card_judged_against_today(self):
        result = run("--today", "2000-01-01", "id-card", "350102202506010016")
        (line,) = lines(result)
        self.assertEqual(line["verdict"], "block")
        self.assertEqual(line["findings"][0]["code"], "birth_date_in_future")

    def test_phone_regions(self):
        result = run("--phone-table", PHONE_TABLE, "phone", "139 5910 0000", "13800138000",
                     "19912345678")
        self.assertEqual(result.returncode, 0, result.stderr)
        fujian, beijing, unknown = lines(result)
        self.assertEqual(fujian["verdict"], "ok")
        self.assertEqual(fujian["normalized"], "13959100000")
        self.assertEqual(fujian["province"], "福建省")
        self.assertEqual(fujian["city"], "福州市")
        self.assertEqual(beijing["verdict"], "block")
        self.assertEqual(beijing["findings"][0]["code"], "region_outside_fujian")
        self.assertEqual(beijing["province"], "北京市")
        self.assertNotIn("city", beijing)
        self.assertEqual(unknown["verdict"], "warn")
        self.assertEqual(unknown["findings"][0]["code"], "region_unknown")
        self.assertNotIn("province", unknown)

    def test_values_from_standard_input(self):
        result = run("--phone-table", PHONE_TABLE, "phone", stdin="13805910001\r\n\n1395910\n")
        self.assertEqual(result.returncode, 0, result.stderr)
        first, empty, short = lines(result)
        self.assertEqual(first["input"], "13805910001")
        self.assertEqual(first["city"], "泉州市")
        self.assertEqual(empty["findings"][0]["code"], "empty")
        self.assertEqual(short["findings"][0]["code"], "wrong_length")

    def test_invalid_utf8_input_is_replaced(self):
        result = subprocess.run([CHECK_VALUES, "credit-code"], input=b"9135\xff\n",
                                capture_output=True, timeout=60)
        (line,) = lines(result)
        self.assertEqual(line["input"], "9135\ufffd")
        self.assertEqual(line["findings"][0]["code"], "invalid_utf8")

    def test_regions_match_server_reader(self):
        table = phone_regions.load_table(PHONE_TABLE)
        mobiles = ["13959100000", "18950000000", "13800138000", "15012345678", "17712345678",
                   "13399999999", "18600000000", "14712345678", "19912345678"]
        result = run("--phone-table", PHONE_TABLE, "phone", *mobiles)
        for mobile, line in zip(mobiles, lines(result)):
            with self.subTest(mobile=mobile):
                region = table.region_of_mobile(mobile)
                self.assertEqual(line.get("province"), region and region.province)
                self.assertEqual(line.get("city"), region and (region.city or None))

    def test_usage_errors_exit_2(self):
        for arguments in ([], ["bank-card", "1"], ["--today", "2025-13-01", "id-card", "1"],
                          ["--colour", "x", "phone"], ["--phone-table"]):
            with self.subTest(arguments=arguments):
                result = run(*arguments)
                self.assertEqual(result.returncode, 2)
                self.assertEqual(result.stdout, b"")
                self.assertIn(b"usage: check_values", result.stderr)

    def test_missing_phone_table_exits_1(self):
        missing = os.path.join(tempfile.mkdtemp(prefix="check-values-"), "missing.bin")
        result = run("--phone-table", missing, "phone", "13959100000")
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"cannot read the prefix table", result.stderr)


if __name__ == "__main__":
    unittest.main()
