"""SMS codes: Fujian check, resend interval, validity, attempts and hashed storage."""

import sqlite3

from server import phone_regions
from tests.server.support import PortalTestCase

PERSON_MOBILE = "13805910001"


class PhoneRegionTest(PortalTestCase):
    # Fujian prefixes of the generated table, from libphonenumber's data: Fuzhou, Xiamen,
    # Quanzhou and Nanping.
    def test_fujian_prefixes(self):
        for mobile in ("13959100000", "18950000000", "13805910001", "13905990000"):
            with self.subTest(mobile=mobile):
                self.assertEqual(phone_regions.province_of_mobile(mobile), "福建省")

    def test_other_numbers(self):
        for mobile in ("13800138000", "19912345678", "13805910001x", "23805910001", ""):
            with self.subTest(mobile=mobile):
                self.assertFalse(phone_regions.is_fujian_mobile(mobile))

    def test_other_province_is_named(self):
        self.assertEqual(phone_regions.province_of_mobile("13800138000"), "北京市")


class SendCodeTest(PortalTestCase):
    def send(self, mobile=PERSON_MOBILE, purpose="login"):
        return self.request("POST", "/api/sms-codes", body={"mobile": mobile, "purpose": purpose})

    def test_send_returns_timers_and_masked_number(self):
        response = self.send()
        self.assertEqual(response.status, 200)
        self.assertEqual(response.json(), {"sent": True, "mobile": "138****0001",
                                           "expiresInSeconds": 600, "resendAfterSeconds": 300})

    def test_code_reaches_outbox(self):
        self.send()
        messages = self.outbox(PERSON_MOBILE)
        self.assertEqual(len(messages), 1)
        self.assertRegex(messages[0], r"登录验证码为\d{6}，10分钟内有效")

    def test_send_is_logged_without_code(self):
        with self.assertLogs("portal.sms", "INFO") as logs:
            self.send()
        self.assertIn("138****0001", logs.output[0])
        self.assertNotIn(PERSON_MOBILE, logs.output[0])
        self.assertNotIn(self.sms_code(PERSON_MOBILE), logs.output[0])

    def test_code_is_stored_hashed(self):
        self.send()
        code = self.sms_code(PERSON_MOBILE)
        connection = sqlite3.connect(self.portal.db.path)
        digests = [row[0] for row in connection.execute("SELECT code_digest FROM sms_codes")]
        connection.close()
        self.assertEqual(len(digests), 1)
        self.assertEqual(len(digests[0]), 64)
        self.assertNotIn(code, digests[0])

    def test_resend_within_5_minutes_is_429(self):
        self.send()
        self.clock.advance(100)
        response = self.send()
        error = self.assertError(response, 429, "sms_too_frequent")
        self.assertEqual(error["retryAfterSeconds"], 200)
        self.assertEqual(response.header("Retry-After"), "200")
        self.assertIn("200秒", error["message"])

    def test_interval_covers_all_purposes(self):
        self.send(purpose="register")
        self.assertError(self.send(purpose="login"), 429, "sms_too_frequent")

    def test_resend_after_5_minutes(self):
        self.send()
        self.clock.advance(300)
        self.assertEqual(self.send().status, 200)
        self.assertEqual(len(self.outbox(PERSON_MOBILE)), 2)

    def test_other_number_is_not_limited(self):
        self.send()
        self.assertEqual(self.send("13805912001").status, 200)

    def test_non_fujian_number_is_rejected(self):
        error = self.assertError(self.send("13800138000"), 400, "mobile_not_fujian")
        self.assertIn("福建", error["message"])
        self.assertIn("138****8000", error["message"])
        self.assertIn("北京市", error["message"])
        self.assertEqual(error["field"], "mobile")
        self.assertEqual(self.outbox("13800138000"), [])

    def test_number_without_known_region_is_rejected(self):
        # libphonenumber's data, and so the prefix table, locates no 19x prefix.
        error = self.assertError(self.send("19912345678"), 400, "mobile_not_fujian")
        self.assertIn("无法确定手机号码199****5678的归属地", error["message"])
        self.assertEqual(self.outbox("19912345678"), [])

    def test_malformed_number_is_invalid(self):
        for mobile in ("1380591000", "23805910001", "1380591000a", "15405910001", "+852 9123 4567"):
            with self.subTest(mobile=mobile):
                error = self.assertError(self.send(mobile), 400, "invalid_request")
                self.assertEqual(error["field"], "mobile")

    def test_typed_forms_are_normalised(self):
        response = self.send("+86 138-0591-0001")
        self.assertEqual(response.status, 200, response.body)
        self.assertEqual(len(self.outbox(PERSON_MOBILE)), 1)

    def test_unknown_purpose_is_invalid(self):
        error = self.assertError(self.send(purpose="reset"), 400, "invalid_request")
        self.assertEqual(error["field"], "purpose")

    def test_login_code_for_unregistered_number(self):
        response = self.send("13805919999")
        self.assertEqual(response.status, 200)
        self.assertEqual(self.outbox("13805919999"), [])
        self.assertError(self.send("13805919999"), 429, "sms_too_frequent")

    def test_register_code_for_new_number_is_sent(self):
        self.assertEqual(self.send("13805919999", "register").status, 200)
        self.assertRegex(self.outbox("13805919999")[0], r"注册验证码为\d{6}")


class LoggedSmsMessagesTest(PortalTestCase):
    def config_options(self):
        return {"log_sms_messages": True}

    def test_option_logs_code_with_masked_number(self):
        with self.assertLogs("portal.sms", "INFO") as logs:
            self.request_sms_code(PERSON_MOBILE)
        self.assertIn("138****0001", logs.output[0])
        self.assertNotIn(PERSON_MOBILE, logs.output[0])
        self.assertIn(self.sms_code(PERSON_MOBILE), logs.output[0])


class SmsLoginTest(PortalTestCase):
    def login_with_code(self, code, mobile=PERSON_MOBILE):
        return self.request("POST", "/api/sessions",
                            body={"kind": "person", "method": "sms", "mobile": mobile,
                                  "smsCode": code})

    def wrong(self, code):
        return "000000" if code != "000000" else "111111"

    def test_login_with_code(self):
        code = self.request_sms_code(PERSON_MOBILE)
        response = self.login_with_code(code)
        self.assertEqual(response.status, 200, response.body)
        self.assertEqual(response.json()["user"], {"kind": "person", "name": "林晓明",
                                                   "account": "linxiaoming"})

    def test_code_works_once(self):
        code = self.request_sms_code(PERSON_MOBILE)
        self.assertEqual(self.login_with_code(code).status, 200)
        self.assertError(self.login_with_code(code), 400, "sms_code_expired")

    def test_code_expires_after_10_minutes(self):
        code = self.request_sms_code(PERSON_MOBILE)
        self.clock.advance(600)
        self.assertError(self.login_with_code(code), 400, "sms_code_expired")

    def test_code_valid_just_before_expiry(self):
        code = self.request_sms_code(PERSON_MOBILE)
        self.clock.advance(599)
        self.assertEqual(self.login_with_code(code).status, 200)

    def test_wrong_code_counts_down(self):
        code = self.request_sms_code(PERSON_MOBILE)
        error = self.assertError(self.login_with_code(self.wrong(code)), 400, "sms_code_invalid")
        self.assertEqual(error["remainingAttempts"], 4)
        self.assertEqual(error["field"], "smsCode")

    def test_fifth_wrong_code_kills_code(self):
        code = self.request_sms_code(PERSON_MOBILE)
        for _ in range(4):
            self.login_with_code(self.wrong(code))
        self.assertError(self.login_with_code(self.wrong(code)), 400,
                         "sms_code_attempts_exceeded")
        self.assertError(self.login_with_code(code), 400, "sms_code_expired")

    def test_new_code_replaces_old(self):
        first = self.request_sms_code(PERSON_MOBILE)
        self.clock.advance(300)
        second = self.request_sms_code(PERSON_MOBILE)
        if first != second:
            self.assertError(self.login_with_code(first), 400, "sms_code_invalid")
        self.assertEqual(self.login_with_code(second).status, 200)

    def test_register_code_does_not_log_in(self):
        code = self.request_sms_code(PERSON_MOBILE, "register")
        self.assertError(self.login_with_code(code), 400, "sms_code_expired")

    def test_code_format_is_checked(self):
        for code in ("12345", "1234567", "abcdef"):
            with self.subTest(code=code):
                error = self.assertError(self.login_with_code(code), 400, "invalid_request")
                self.assertEqual(error["field"], "smsCode")

    def test_unregistered_number_cannot_log_in(self):
        self.request("POST", "/api/sms-codes", body={"mobile": "13805919999", "purpose": "login"})
        self.assertError(self.login_with_code("123456", "13805919999"), 400,
                         "sms_code_invalid")
