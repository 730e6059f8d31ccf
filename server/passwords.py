"""Salted scrypt password hashes and the password policy.

A stored hash is "scrypt$N$r$p$salt$key" with base64 salt and key, so hashes
made with other parameters (such as the small ones tests use) still verify.
"""

import base64
import hashlib
import hmac
import os
import string

PRODUCTION_SCRYPT_N = 2 ** 14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32

PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 64


class PasswordHasher:
    """Scrypt hashing with a fixed cost; scrypt_n must be a power of two."""

    def __init__(self, scrypt_n=PRODUCTION_SCRYPT_N):
        self.check_cost(scrypt_n)
        self.scrypt_n = scrypt_n
        # Unknown accounts are checked against this hash, so a login takes the same
        # time whether the account exists or not.
        self._dummy_hash = self.hash(base64.b64encode(os.urandom(12)).decode())

    @staticmethod
    def check_cost(scrypt_n):
        """Raise ValueError unless scrypt_n is a power of two of at least 2."""
        if scrypt_n < 2 or scrypt_n & (scrypt_n - 1):
            raise ValueError(f"scrypt N must be a power of two, got {scrypt_n}")

    def hash(self, password):
        salt = os.urandom(SALT_BYTES)
        key = _scrypt(password, salt, self.scrypt_n, SCRYPT_R, SCRYPT_P)
        return "$".join((
            "scrypt", str(self.scrypt_n), str(SCRYPT_R), str(SCRYPT_P),
            base64.b64encode(salt).decode(), base64.b64encode(key).decode(),
        ))

    def verify(self, password, stored_hash):
        """Return True when password matches stored_hash; a None hash never matches."""
        if stored_hash is None:
            self._verify_encoded(password, self._dummy_hash)
            return False
        return self._verify_encoded(password, stored_hash)

    @staticmethod
    def _verify_encoded(password, encoded):
        try:
            scheme, n, r, p, salt, key = encoded.split("$")
            if scheme != "scrypt":
                return False
            expected = base64.b64decode(key)
            actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p),
                             len(expected))
        except ValueError:
            return False
        return hmac.compare_digest(actual, expected)


def _scrypt(password, salt, n, r, p, key_bytes=KEY_BYTES):
    # scrypt needs 128 * r * N bytes; the margin covers hashlib's own overhead.
    max_memory = 128 * r * n * 2 + 1024 * 1024
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=max_memory, dklen=key_bytes)


def password_policy_violation(password):
    """Return a Chinese message saying why password breaks the policy, or None if it passes.

    The policy requires 8 to 64 characters from at least three of four classes:
    upper-case letters, lower-case letters, digits and other printable characters.
    """
    if len(password) < PASSWORD_MIN_LENGTH:
        return f"密码长度不能少于{PASSWORD_MIN_LENGTH}位"
    if len(password) > PASSWORD_MAX_LENGTH:
        return f"密码长度不能超过{PASSWORD_MAX_LENGTH}位"
    if any(char.isspace() or not char.isprintable() for char in password):
        return "密码不能包含空格或不可见字符"
    classes = (
        any(char in string.ascii_uppercase for char in password),
        any(char in string.ascii_lowercase for char in password),
        any(char in string.digits for char in password),
        any(not char.isascii() or not char.isalnum() for char in password),
    )
    if sum(classes) < 3:
        return "密码须包含大写字母、小写字母、数字、特殊字符中的至少三类"
    return None
