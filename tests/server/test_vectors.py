"""The server's identifier checks against the shared cases in tests/vectors/*.tsv.

A case with verdict "block" must be rejected; "ok" and "warn" must be accepted
with the normalized value the front-end submits.
"""

import csv
import datetime
import os
import unittest

from server import identifiers
from tests.server.live import REPO_ROOT

VECTORS_DIR = os.path.join(REPO_ROOT, "tests", "vectors")


def read_vectors(name):
    with open(os.path.join(VECTORS_DIR, name), encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))


class VectorTest(unittest.TestCase):
    def check(self, rows, normalize):
        self.assertTrue(rows)
        for row in rows:
            with self.subTest(value=row["value"], source=row["source"]):
                normalized, problem = normalize(row)
                if row["verdict"] == "block":
                    self.assertIsNotNone(problem, f"accepted {normalized!r}")
                    self.assertTrue(any("\u4e00" <= char <= "\u9fff" for char in problem))
                else:
                    self.assertIsNone(problem)
                    self.assertEqual(normalized, row["normalized"])

    def test_credit_codes(self):
        self.check(read_vectors("credit_codes.tsv"),
                   lambda row: identifiers.normalize_credit_code(row["value"]))

    def test_id_cards(self):
        self.check(read_vectors("id_cards.tsv"),
                   lambda row: identifiers.normalize_id_card_number(
                       row["value"], datetime.date.fromisoformat(row["today"])))

    def test_mobile_numbers(self):
        self.check(read_vectors("mobile_numbers.tsv"),
                   lambda row: identifiers.normalize_mobile(row["value"]))
