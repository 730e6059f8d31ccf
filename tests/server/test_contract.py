"""Replays the contract scenarios in tests/contract/*.json against a live serve.py.

The file format is described in tests/contract/README.md.
"""

import glob
import http.client
import json
import os
import re
import sqlite3
import unittest

from tests.server.live import REPO_ROOT, LiveServer

CONTRACT_DIR = os.path.join(REPO_ROOT, "tests", "contract")
VARIABLE = re.compile(r"\{\{(\w+)\}\}")
TYPE_CHECKS = {
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "number": lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
    "boolean": lambda value: isinstance(value, bool),
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "null": lambda value: value is None,
}
_MISSING = object()


def substitute(value, variables):
    """Replace {{name}} in every string of value with the saved variable.

    A string that is only "{{name}}" becomes the variable itself, keeping its
    JSON type; inside longer strings the variable is written as text.
    """
    if isinstance(value, str):
        whole = VARIABLE.fullmatch(value)
        if whole:
            return variables[whole.group(1)]
        return VARIABLE.sub(lambda match: str(variables[match.group(1)]), value)
    if isinstance(value, list):
        return [substitute(item, variables) for item in value]
    if isinstance(value, dict):
        return {key: substitute(item, variables) for key, item in value.items()}
    return value


def lookup(body, dotted_path):
    value = body
    for part in dotted_path.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return _MISSING
    return value


def subset_mismatch(expected, actual, path="body"):
    """Return a description of the first difference, or None when expected is a subset."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{path}: expected an object, got {actual!r}"
        for key, value in expected.items():
            if key not in actual:
                return f"{path}.{key}: missing"
            mismatch = subset_mismatch(value, actual[key], f"{path}.{key}")
            if mismatch:
                return mismatch
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return f"{path}: expected a list of {len(expected)} items, got {actual!r}"
        for index, (item, actual_item) in enumerate(zip(expected, actual)):
            mismatch = subset_mismatch(item, actual_item, f"{path}.{index}")
            if mismatch:
                return mismatch
        return None
    if expected != actual or type(expected) is not type(actual):
        return f"{path}: expected {expected!r}, got {actual!r}"
    return None


def send(port, request, variables):
    request = substitute(request, variables)
    headers = dict(request.get("headers", {}))
    payload = None
    if "body" in request:
        payload = json.dumps(request["body"], ensure_ascii=False).encode("utf-8")
        headers.setdefault("Content-Type", "application/json")
    elif "rawBody" in request:
        payload = request["rawBody"].encode("utf-8")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(request["method"], request["path"], body=payload, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class ContractTest(unittest.TestCase):
    def run_scenario(self, path):
        with open(path, encoding="utf-8") as file:
            scenario = json.load(file)
        variables = {}
        with LiveServer() as server:
            for index, step in enumerate(scenario["steps"]):
                label = f"step {index} ({step['name']})"
                if "sms" in step:
                    variables[step["sms"]["save"]] = self.read_sms(server.db_path, step["sms"],
                                                                   label)
                if "request" not in step:
                    continue
                for _ in range(step.get("repeat", 1)):
                    status, raw = send(server.port, step["request"], variables)
                self.check_step(label, substitute(step["expect"], variables), status, raw)
                body = json.loads(raw) if raw else None
                for name, dotted_path in step.get("save", {}).items():
                    value = lookup(body, dotted_path)
                    self.assertIsNot(value, _MISSING, f"{label}: nothing at {dotted_path}")
                    variables[name] = value

    def read_sms(self, db_path, sms, label):
        """Return group 1 of sms["pattern"] in the latest SMS to sms["mobile"], read from the
        development gateway's outbox table."""
        connection = sqlite3.connect(db_path)
        try:
            row = connection.execute(
                "SELECT message FROM sms_outbox WHERE mobile = ? ORDER BY id DESC LIMIT 1",
                (sms["mobile"],)).fetchone()
        finally:
            connection.close()
        self.assertIsNotNone(row, f"{label}: no SMS to {sms['mobile']}")
        match = re.search(sms["pattern"], row[0])
        self.assertIsNotNone(match, f"{label}: {sms['pattern']!r} not in {row[0]!r}")
        return match.group(1)

    def check_step(self, label, expect, status, raw):
        self.assertEqual(status, expect["status"], f"{label}: status, body {raw[:300]!r}")
        body = json.loads(raw) if raw else None
        if "body" in expect:
            mismatch = subset_mismatch(expect["body"], body)
            self.assertIsNone(mismatch, f"{label}: {mismatch}")
        for dotted_path, type_name in expect.get("types", {}).items():
            value = lookup(body, dotted_path)
            self.assertTrue(value is not _MISSING and TYPE_CHECKS[type_name](value),
                            f"{label}: {dotted_path} should be {type_name}, got {value!r}")
        for dotted_path, pattern in expect.get("matches", {}).items():
            value = lookup(body, dotted_path)
            self.assertIsInstance(value, str, f"{label}: {dotted_path} missing or not a string")
            self.assertRegex(value, pattern, f"{label}: {dotted_path}")
        for dotted_path in expect.get("absent", []):
            self.assertIs(lookup(body, dotted_path), _MISSING,
                          f"{label}: {dotted_path} should be absent")


def _add_scenario_tests():
    paths = sorted(glob.glob(os.path.join(CONTRACT_DIR, "*.json")))
    for path in paths:
        name = os.path.splitext(os.path.basename(path))[0]
        setattr(ContractTest, f"test_{name}",
                lambda self, path=path: self.run_scenario(path))


_add_scenario_tests()


class ContractRunnerTest(unittest.TestCase):
    """The runner itself must detect mismatches, or the scenarios prove nothing."""

    def test_subset_mismatch_finds_differences(self):
        self.assertIsNone(subset_mismatch({"a": {"b": 1}}, {"a": {"b": 1, "c": 2}, "d": 3}))
        self.assertIsNotNone(subset_mismatch({"a": {"b": 1}}, {"a": {"b": 2}}))
        self.assertIsNotNone(subset_mismatch({"a": 1}, {}))
        self.assertIsNotNone(subset_mismatch({"a": True}, {"a": 1}))
        self.assertIsNotNone(subset_mismatch({"a": [1]}, {"a": [1, 2]}))
        self.assertIsNone(subset_mismatch({"a": [{}, {"b": 1}]}, {"a": [{"c": 0}, {"b": 1, "d": 2}]}))
        self.assertIsNotNone(subset_mismatch({"a": [{"b": 1}]}, {"a": [{"b": 2}]}))

    def test_lookup_and_substitute(self):
        self.assertEqual(lookup({"a": [{"b": 5}]}, "a.0.b"), 5)
        self.assertIs(lookup({"a": 1}, "a.b"), _MISSING)
        self.assertEqual(substitute({"h": "Bearer {{t}}"}, {"t": "x"}), {"h": "Bearer x"})
        self.assertEqual(substitute({"id": "{{n}}", "p": "/x/{{n}}"}, {"n": 4}),
                         {"id": 4, "p": "/x/4"})

    def test_scenarios_exist(self):
        self.assertGreaterEqual(len(glob.glob(os.path.join(CONTRACT_DIR, "*.json"))), 3)


if __name__ == "__main__":
    unittest.main()
