"""SMS verification codes and the development SMS gateway.

A number gets at most one code per RESEND_SECONDS, a code is valid for
VALID_SECONDS and allows MAX_ATTEMPTS wrong entries. The store keeps an
HMAC-SHA256 of each code, keyed with a random per-database key, never the
code itself.
"""

import hashlib
import hmac
import logging
import secrets

from server import api, errors, phone_regions
from server.identifiers import mask_mobile, normalize_mobile

RESEND_SECONDS = 5 * 60
VALID_SECONDS = 10 * 60
MAX_ATTEMPTS = 5
CODE_DIGITS = 6
PURPOSES = ("login", "register")
PURPOSE_NAMES = {"login": "登录", "register": "注册"}

log = logging.getLogger("portal.sms")


class DevelopmentSmsGateway:
    """Delivers messages into the sms_outbox table instead of phones.

    The log line shows the masked number and the purpose. With log_messages it
    also shows the message, so a developer can sign in without opening the
    database, but then codes and agents' initial passwords are in the log.
    Tests read sms_outbox.
    """

    def __init__(self, log_messages=False):
        self.log_messages = log_messages

    def send(self, connection, now, mobile, purpose, message):
        connection.execute(
            "INSERT INTO sms_outbox (mobile, purpose, message, created_at) VALUES (?, ?, ?, ?)",
            (mobile, purpose, message, now))
        if self.log_messages:
            log.info("SMS to %s: %s", mask_mobile(mobile), message)
        else:
            log.info("SMS to %s (%s) stored in sms_outbox", mask_mobile(mobile), purpose)


def check_fujian_mobile(mobile, field="mobile"):
    """Raise ApiError 400 mobile_not_fujian unless the prefix table places mobile in Fujian."""
    province = phone_regions.province_of_mobile(mobile)
    if province == phone_regions.FUJIAN:
        return
    if province is None:
        where = f"无法确定手机号码{mask_mobile(mobile)}的归属地"
    else:
        where = f"手机号码{mask_mobile(mobile)}的归属地为{province}"
    raise errors.ApiError(
        400, "mobile_not_fujian",
        f"{where}，本平台仅向福建省内手机号码发送验证码，请更换号码", field=field)


class SmsCodes:
    def __init__(self, db, clock, gateway):
        self.db = db
        self.clock = clock
        self.gateway = gateway

    def send(self, mobile, purpose, deliver=True):
        """Create a code for mobile and send it unless deliver is False.

        A code that is not delivered still counts for the resend interval, so
        callers can hide whether the number has an account. Raises ApiError
        429 sms_too_frequent within RESEND_SECONDS of the previous code.
        """
        now = self.clock.now()
        code = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
        with self.db.transaction() as connection:
            last = connection.execute(
                "SELECT MAX(created_at) FROM sms_codes WHERE mobile = ?", (mobile,)).fetchone()[0]
            wait = 0 if last is None else last + RESEND_SECONDS - now
            if wait <= 0:
                connection.execute(
                    "UPDATE sms_codes SET used_at = ? WHERE mobile = ? AND purpose = ?"
                    " AND used_at IS NULL", (now, mobile, purpose))
                connection.execute(
                    "INSERT INTO sms_codes (mobile, purpose, code_digest, created_at, expires_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (mobile, purpose, self._digest(connection, mobile, purpose, code), now,
                     now + VALID_SECONDS))
                if deliver:
                    message = (f"【福建12333】您的{PURPOSE_NAMES[purpose]}验证码为{code}，"
                               f"{VALID_SECONDS // 60}分钟内有效，请勿告诉他人。")
                    self.gateway.send(connection, now, mobile, purpose, message)
        if wait > 0:
            error = errors.ApiError(
                429, "sms_too_frequent",
                f"验证码发送过于频繁，请{wait}秒后再获取", retryAfterSeconds=wait)
            error.headers["Retry-After"] = str(wait)
            raise error
        return {"sent": True, "mobile": mask_mobile(mobile), "expiresInSeconds": VALID_SECONDS,
                "resendAfterSeconds": RESEND_SECONDS}

    def verify(self, mobile, purpose, code, field="smsCode"):
        """Use up the current code of (mobile, purpose) if code matches it.

        Raises ApiError 400 sms_code_expired when there is no valid code,
        sms_code_invalid (with remainingAttempts) on a wrong code, and
        sms_code_attempts_exceeded on the last allowed wrong entry.
        """
        now = self.clock.now()
        with self.db.transaction() as connection:
            row = connection.execute(
                "SELECT id, code_digest, attempts, expires_at FROM sms_codes"
                " WHERE mobile = ? AND purpose = ? AND used_at IS NULL"
                " ORDER BY created_at DESC, id DESC LIMIT 1", (mobile, purpose)).fetchone()
            if row is None or row["expires_at"] <= now or row["attempts"] >= MAX_ATTEMPTS:
                outcome = errors.ApiError(400, "sms_code_expired",
                                          "验证码已失效，请重新获取验证码", field=field)
            elif hmac.compare_digest(row["code_digest"],
                                     self._digest(connection, mobile, purpose, code)):
                connection.execute("UPDATE sms_codes SET used_at = ? WHERE id = ?",
                                   (now, row["id"]))
                outcome = None
            else:
                attempts = row["attempts"] + 1
                connection.execute("UPDATE sms_codes SET attempts = ? WHERE id = ?",
                                   (attempts, row["id"]))
                if attempts >= MAX_ATTEMPTS:
                    outcome = errors.ApiError(
                        400, "sms_code_attempts_exceeded",
                        f"验证码已输错{MAX_ATTEMPTS}次并失效，请重新获取验证码", field=field)
                else:
                    remaining = MAX_ATTEMPTS - attempts
                    outcome = errors.ApiError(
                        400, "sms_code_invalid",
                        f"验证码错误，请核对短信中的{CODE_DIGITS}位数字后重试，还可尝试{remaining}次",
                        field=field, remainingAttempts=remaining)
        if outcome is not None:
            raise outcome

    @staticmethod
    def _digest(connection, mobile, purpose, code):
        key = connection.execute(
            "SELECT value FROM settings WHERE key = 'sms_code_key'").fetchone()["value"]
        text = f"{mobile}:{purpose}:{code}".encode("utf-8")
        return hmac.new(bytes.fromhex(key), text, hashlib.sha256).hexdigest()


def mobile_field(body, name="mobile", label="手机号码"):
    """Return body[name] as a normalised Fujian mobile number or raise ApiError 400."""
    mobile, problem = normalize_mobile(api.text_field(body, name, label, max_length=40))
    if problem is not None:
        raise errors.invalid_request(f"{problem}（字段 {name}）", field=name)
    check_fujian_mobile(mobile, name)
    return mobile


def sms_code_field(body, name="smsCode"):
    code = api.text_field(body, name, "短信验证码", max_length=20)
    if len(code) != CODE_DIGITS or not code.isdigit():
        raise errors.invalid_request(f"短信验证码应为{CODE_DIGITS}位数字（字段 {name}）", field=name)
    return code


# Handler ------------------------------------------------------------------------------------

def create_sms_code(portal, request):
    portal.rate_limiter.check_sms_address(request.client_address)
    body = request.json_object()
    purpose = api.choice_field(body, "purpose", "验证码用途", PURPOSES)
    mobile = mobile_field(body)
    deliver = True
    if purpose == "login":
        # Numbers without an account get no message but the same response, so the
        # response does not reveal who has an account.
        with portal.db.read() as connection:
            deliver = connection.execute(
                "SELECT 1 FROM accounts WHERE mobile = ? AND kind IN ('person', 'legal_person')"
                " AND disabled_at IS NULL", (mobile,)).fetchone() is not None
    return portal.sms.send(mobile, purpose, deliver)


def register(router):
    router.add("POST", "/api/sms-codes", create_sms_code)
