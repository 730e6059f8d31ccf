"""Logins, bearer-token sessions and the password lockout.

A session token is 32 random bytes in URL-safe base64. The store keeps only
its SHA-256 digest, so a copy of the database cannot be used to sign in.
Sessions end after SESSION_IDLE_SECONDS without an authenticated request.
"""

import dataclasses
import hashlib
import secrets

from server import clock, errors

SESSION_IDLE_SECONDS = 30 * 60
MAX_FAILED_LOGINS = 5
LOCK_SECONDS = 30 * 60

USER_KINDS = ("person", "legal_person", "agent")


@dataclasses.dataclass
class Session:
    token_digest: str
    scope: str
    expires_at: int
    account: dict


def token_digest(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def identifier_digest(identifier):
    return hashlib.sha256(identifier.encode("utf-8")).hexdigest()


def user_json(connection, account):
    """Return the public description of an account: kind, name, login name and, for
    legal persons and agents, the unit."""
    user = {"kind": account["kind"], "name": account["name"],
            "account": account["username"] or ""}
    if account["unit_id"] is not None:
        unit = connection.execute("SELECT credit_code, name FROM units WHERE id = ?",
                                  (account["unit_id"],)).fetchone()
        user["unit"] = {"creditCode": unit["credit_code"], "name": unit["name"]}
    return user


# Credential names of each user kind, for the invalid_credentials message.
CREDENTIAL_NAMES = {
    "person": "账号或密码",
    "legal_person": "用户名、手机号码或密码",
    "agent": "用户名或密码",
}


def invalid_credentials(kind, remaining):
    return errors.ApiError(
        401, "invalid_credentials",
        f"{CREDENTIAL_NAMES[kind]}错误，请检查后重试。还可尝试{remaining}次，"
        f"连续输错{MAX_FAILED_LOGINS}次将锁定{LOCK_SECONDS // 60}分钟",
        remainingAttempts=remaining)


def account_locked(locked_until, now):
    moment = clock.to_chinese_moment(locked_until, now)
    return errors.ApiError(
        423, "account_locked",
        f"密码连续输错{MAX_FAILED_LOGINS}次，账号已锁定，请于{moment}后再试",
        lockedUntil=clock.to_iso(locked_until))


class Authenticator:
    """Password checks with lockout, and the session store."""

    def __init__(self, db, hasher, clock_source, rate_limiter=None):
        self.db = db
        self.hasher = hasher
        self.clock = clock_source
        self.rate_limiter = rate_limiter

    def check_password(self, kind, identifier, account, password, other_factors_match=True):
        """Verify password for account (None when identifier matched no account).

        other_factors_match=False makes a right password fail too, for logins
        whose other typed values (such as the mobile number) do not match the
        account. Raises ApiError 401 with the attempts left, or 423 once the
        account is locked. Failures of unknown identifiers are counted in
        login_failures, so they lock and get the same errors as existing accounts.
        Raises ApiError 429 when the account, or the unknown identifier, had too
        many checks within the rate limiter's window.
        """
        if self.rate_limiter is not None:
            if account is not None:
                self.rate_limiter.check_login_account(f"account:{account['id']}")
            else:
                self.rate_limiter.check_login_account(f"{kind}:{identifier_digest(identifier)}")
        stored_hash = account["password_hash"] if account is not None else None
        # The scrypt work happens outside the database lock and for unknown accounts too.
        matches = self.hasher.verify(password, stored_hash)
        now = self.clock.now()
        with self.db.transaction() as connection:
            if account is not None:
                failure = _AccountFailures(connection, account["id"])
            else:
                failure = _IdentifierFailures(connection, kind, identifier_digest(identifier))
            failures, locked_until = failure.load()
            if locked_until is not None and locked_until > now:
                outcome = account_locked(locked_until, now)
            elif matches and account is not None and other_factors_match:
                failure.store(0, None, now)
                outcome = None
            elif failures + 1 >= MAX_FAILED_LOGINS:
                locked_until = now + LOCK_SECONDS
                failure.store(0, locked_until, now)
                if account is not None:
                    audit(connection, now, account["id"], "account_locked")
                outcome = account_locked(locked_until, now)
            else:
                failure.store(failures + 1, None, now)
                outcome = invalid_credentials(kind, MAX_FAILED_LOGINS - failures - 1)
        if outcome is not None:
            raise outcome

    def start_session(self, account, scope="full"):
        """Create a session for account and return the bearer token."""
        token = secrets.token_urlsafe(32)
        now = self.clock.now()
        with self.db.transaction() as connection:
            connection.execute("DELETE FROM sessions WHERE expires_at <= ?", (now,))
            connection.execute(
                "INSERT INTO sessions (token_digest, account_id, scope, created_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (token_digest(token), account["id"], scope, now, now + SESSION_IDLE_SECONDS))
            audit(connection, now, account["id"], "login", f"scope={scope}")
        return token

    def authenticate(self, request, scopes=("full",)):
        """Return the Session of the request's bearer token and extend it.

        Raises ApiError 401 for a missing, unknown or expired token, and 403
        when the session's scope is not in scopes.
        """
        token = bearer_token(request)
        if token is None:
            raise errors.unauthenticated()
        digest = token_digest(token)
        now = self.clock.now()
        with self.db.transaction() as connection:
            row = connection.execute(
                "SELECT s.scope, s.expires_at, a.* FROM sessions s"
                " JOIN accounts a ON a.id = s.account_id"
                " WHERE s.token_digest = ? AND a.disabled_at IS NULL",
                (digest,)).fetchone()
            if row is None or row["expires_at"] <= now:
                if row is not None:
                    connection.execute("DELETE FROM sessions WHERE token_digest = ?", (digest,))
                row = None
            else:
                expires_at = now + SESSION_IDLE_SECONDS
                connection.execute("UPDATE sessions SET expires_at = ? WHERE token_digest = ?",
                                   (expires_at, digest))
        if row is None:
            raise errors.unauthenticated()
        if row["scope"] not in scopes:
            raise errors.ApiError(403, "password_change_required", "首次登录请先设置新密码")
        account = dict(row)
        del account["scope"], account["expires_at"]
        return Session(digest, row["scope"], expires_at, account)

    def end_session(self, request):
        """Delete the request's session; return True when there was one."""
        token = bearer_token(request)
        if token is None:
            return False
        with self.db.transaction() as connection:
            row = connection.execute("SELECT account_id FROM sessions WHERE token_digest = ?",
                                     (token_digest(token),)).fetchone()
            if row is None:
                return False
            connection.execute("DELETE FROM sessions WHERE token_digest = ?",
                               (token_digest(token),))
            audit(connection, self.clock.now(), row["account_id"], "logout")
        return True


def bearer_token(request):
    header = request.header("Authorization", "")
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > 200:
        return None
    return token


def audit(connection, now, account_id, action, detail=""):
    """Record who did what and when; detail must not contain unmasked personal numbers."""
    connection.execute("INSERT INTO audit_log (at, account_id, action, detail) VALUES (?, ?, ?, ?)",
                       (now, account_id, action, detail))


class _AccountFailures:
    def __init__(self, connection, account_id):
        self.connection = connection
        self.account_id = account_id

    def load(self):
        row = self.connection.execute(
            "SELECT failed_logins, locked_until FROM accounts WHERE id = ?",
            (self.account_id,)).fetchone()
        return row["failed_logins"], row["locked_until"]

    def store(self, failures, locked_until, now):
        self.connection.execute(
            "UPDATE accounts SET failed_logins = ?, locked_until = ? WHERE id = ?",
            (failures, locked_until, self.account_id))


class _IdentifierFailures:
    def __init__(self, connection, kind, digest):
        self.connection = connection
        self.key = (kind, digest)

    def load(self):
        row = self.connection.execute(
            "SELECT failures, locked_until FROM login_failures"
            " WHERE kind = ? AND identifier_digest = ?", self.key).fetchone()
        if row is None:
            return 0, None
        return row["failures"], row["locked_until"]

    def store(self, failures, locked_until, now):
        self.connection.execute(
            "INSERT INTO login_failures (kind, identifier_digest, failures, locked_until,"
            " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, identifier_digest)"
            " DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until,"
            " updated_at = excluded.updated_at",
            (*self.key, failures, locked_until, now))
        # Rows untouched for a day carry no lock any more, so they are deleted.
        self.connection.execute("DELETE FROM login_failures WHERE updated_at < ?",
                                (now - 24 * 3600,))
