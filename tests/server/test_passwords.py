"""Scrypt hashes and the password policy."""

import unittest

from server import passwords


class PasswordHasherTest(unittest.TestCase):
    def setUp(self):
        self.hasher = passwords.PasswordHasher(2 ** 10)

    def test_hash_verifies(self):
        stored = self.hasher.hash("Demo@2026")
        self.assertTrue(self.hasher.verify("Demo@2026", stored))
        self.assertFalse(self.hasher.verify("demo@2026", stored))

    def test_hash_records_parameters_and_salt(self):
        first = self.hasher.hash("Demo@2026")
        second = self.hasher.hash("Demo@2026")
        self.assertNotEqual(first, second)
        self.assertTrue(first.startswith("scrypt$1024$8$1$"))

    def test_hash_with_other_cost_still_verifies(self):
        stored = passwords.PasswordHasher(2 ** 11).hash("Demo@2026")
        self.assertTrue(self.hasher.verify("Demo@2026", stored))

    def test_production_cost(self):
        self.assertEqual(passwords.PRODUCTION_SCRYPT_N, 2 ** 14)
        self.assertEqual(passwords.SCRYPT_R, 8)
        self.assertEqual(passwords.SCRYPT_P, 1)

    def test_missing_or_broken_hash_never_matches(self):
        self.assertFalse(self.hasher.verify("Demo@2026", None))
        self.assertFalse(self.hasher.verify("Demo@2026", "scrypt$x"))
        self.assertFalse(self.hasher.verify("Demo@2026", "bcrypt$1$2$3$4$5"))

    def test_cost_must_be_power_of_two(self):
        with self.assertRaises(ValueError):
            passwords.PasswordHasher(1000)


class PasswordPolicyTest(unittest.TestCase):
    def test_accepts_three_classes(self):
        for password in ("Demo@2026", "demo@2026", "Demo2026", "DEMO@2026", "密码Demo2026"):
            with self.subTest(password=password):
                self.assertIsNone(passwords.password_policy_violation(password))

    def test_rejects_short(self):
        self.assertIn("8", passwords.password_policy_violation("De@2026"))

    def test_rejects_two_classes(self):
        for password in ("demo2026demo", "DEMODEMO@", "12345678!"):
            with self.subTest(password=password):
                self.assertIn("三类", passwords.password_policy_violation(password))

    def test_rejects_spaces_and_overlong(self):
        self.assertIsNotNone(passwords.password_policy_violation("Demo 2026@"))
        self.assertIsNotNone(passwords.password_policy_violation("Aa1@" * 20))
