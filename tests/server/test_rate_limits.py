"""Rate limits on logins and SMS codes, per client address and per account."""

import unittest

from server import limits
from tests.server.support import PERSON_LOGIN, PortalTestCase

PERSON_MOBILE = "13805910001"


class SlidingWindowTest(unittest.TestCase):
    def test_allows_limit_then_rejects(self):
        window = limits.SlidingWindow(3, window_seconds=60)
        self.assertEqual([window.acquire("a", 100) for _ in range(3)], [0, 0, 0])
        self.assertEqual(window.acquire("a", 100), 60)

    def test_wait_counts_from_oldest_event(self):
        window = limits.SlidingWindow(2, window_seconds=60)
        window.acquire("a", 100)
        window.acquire("a", 130)
        self.assertEqual(window.acquire("a", 150), 10)

    def test_window_slides(self):
        window = limits.SlidingWindow(2, window_seconds=60)
        window.acquire("a", 100)
        window.acquire("a", 130)
        self.assertEqual(window.acquire("a", 160), 0)
        self.assertEqual(window.acquire("a", 161), 29)

    def test_rejected_events_are_not_counted(self):
        window = limits.SlidingWindow(1, window_seconds=60)
        window.acquire("a", 100)
        for second in range(101, 159):
            window.acquire("a", second)
        self.assertEqual(window.acquire("a", 160), 0)

    def test_keys_are_independent(self):
        window = limits.SlidingWindow(1, window_seconds=60)
        self.assertEqual(window.acquire("a", 100), 0)
        self.assertEqual(window.acquire("b", 100), 0)
        self.assertGreater(window.acquire("a", 100), 0)

    def test_zero_limit_is_off(self):
        window = limits.SlidingWindow(0)
        self.assertEqual([window.acquire("a", 100) for _ in range(100)], [0] * 100)

    def test_key_count_is_bounded(self):
        window = limits.SlidingWindow(1, window_seconds=60, max_keys=10)
        for number in range(25):
            window.acquire(f"key-{number}", 100)
        self.assertLessEqual(len(window._events), 10)


class RateLimitTestCase(PortalTestCase):
    def assert_rate_limited(self, response):
        error = self.assertError(response, 429, "too_many_requests")
        self.assertGreater(error["retryAfterSeconds"], 0)
        self.assertEqual(response.header("Retry-After"), str(error["retryAfterSeconds"]))
        self.assertIn("过于频繁", error["message"])
        return error


class LoginAccountLimitTest(RateLimitTestCase):
    def test_eleventh_login_in_a_minute_is_rejected(self):
        for _ in range(10):
            self.login()
        error = self.assert_rate_limited(self.request("POST", "/api/sessions", body=PERSON_LOGIN))
        self.assertEqual(error["retryAfterSeconds"], 60)

    def test_all_identifiers_of_an_account_share_the_limit(self):
        for account in ("linxiaoming", "350102199003071234", PERSON_MOBILE) * 3:
            self.login(dict(PERSON_LOGIN, account=account))
        self.login(dict(PERSON_LOGIN, account="linxiaoming"))
        response = self.request("POST", "/api/sessions",
                                body=dict(PERSON_LOGIN, account=PERSON_MOBILE))
        self.assert_rate_limited(response)

    def test_limit_ends_after_a_minute(self):
        for _ in range(10):
            self.login()
        self.clock.advance(60)
        self.login()

    def test_limited_attempt_does_not_run_scrypt(self):
        for _ in range(10):
            self.login()
        calls = []
        original = self.portal.hasher.verify
        self.portal.hasher.verify = lambda *arguments: calls.append(1) or original(*arguments)
        self.assert_rate_limited(self.request("POST", "/api/sessions", body=PERSON_LOGIN))
        self.assertEqual(calls, [])

    def test_unknown_identifier_is_limited(self):
        body = {"kind": "person", "method": "password", "account": "nobody", "password": "x"}
        statuses = [self.request("POST", "/api/sessions", body=body).status for _ in range(10)]
        self.assertEqual(statuses, [401] * 4 + [423] * 6)
        self.assert_rate_limited(self.request("POST", "/api/sessions", body=body))

    def test_other_accounts_are_not_affected(self):
        for _ in range(10):
            self.login()
        response = self.request("POST", "/api/sessions", body={
            "kind": "agent", "method": "password", "account": "nobody", "password": "x"})
        self.assertError(response, 401, "invalid_credentials")

    def test_sms_login_is_limited_per_mobile(self):
        self.request_sms_code(PERSON_MOBILE)
        body = {"kind": "person", "method": "sms", "mobile": PERSON_MOBILE, "smsCode": "000000"}
        for _ in range(10):
            self.assertEqual(self.request("POST", "/api/sessions", body=body).status, 400)
        self.assert_rate_limited(self.request("POST", "/api/sessions", body=body))


class LoginAddressLimitTest(RateLimitTestCase):
    def test_thirty_first_request_from_an_address_is_rejected(self):
        # The address is counted before the body is read, so invalid requests count too.
        for _ in range(30):
            self.assertError(self.request("POST", "/api/sessions", body={"kind": "x"}), 400,
                             "invalid_request")
        self.assert_rate_limited(self.request("POST", "/api/sessions", body=PERSON_LOGIN))

    def test_forwarded_for_is_ignored_without_trusted_proxy(self):
        for number in range(30):
            self.request("POST", "/api/sessions", body={"kind": "x"},
                         headers={"X-Forwarded-For": f"203.0.113.{number}"})
        response = self.request("POST", "/api/sessions", body=PERSON_LOGIN,
                                headers={"X-Forwarded-For": "203.0.113.200"})
        self.assert_rate_limited(response)


class TrustedProxyTest(RateLimitTestCase):
    def config_options(self):
        return {"trusted_proxies": ("127.0.0.1",)}

    def test_each_forwarded_client_has_its_own_limit(self):
        for _ in range(30):
            self.request("POST", "/api/sessions", body={"kind": "x"},
                         headers={"X-Forwarded-For": "198.51.100.7, 203.0.113.1"})
        limited = self.request("POST", "/api/sessions", body=PERSON_LOGIN,
                               headers={"X-Forwarded-For": "203.0.113.1"})
        self.assert_rate_limited(limited)
        other = self.request("POST", "/api/sessions", body=PERSON_LOGIN,
                             headers={"X-Forwarded-For": "203.0.113.2"})
        self.assertEqual(other.status, 200, other.body)


class SmsAddressLimitTest(RateLimitTestCase):
    def test_eleventh_sms_request_from_an_address_is_rejected(self):
        for _ in range(10):
            response = self.request("POST", "/api/sms-codes", body={"purpose": "login"})
            self.assertError(response, 400, "invalid_request")
        response = self.request("POST", "/api/sms-codes",
                                body={"mobile": PERSON_MOBILE, "purpose": "login"})
        self.assert_rate_limited(response)
        self.assertEqual(self.outbox(PERSON_MOBILE), [])


class RaisedLimitTest(RateLimitTestCase):
    def config_options(self):
        return {"rate_limits": limits.RateLimits(login_per_account=0, login_per_address=0,
                                                 sms_per_address=0)}

    def test_zero_turns_limits_off(self):
        for _ in range(40):
            self.login()
        for _ in range(15):
            self.request("POST", "/api/sms-codes", body={"purpose": "login"})
        response = self.request("POST", "/api/sms-codes",
                                body={"mobile": PERSON_MOBILE, "purpose": "login"})
        self.assertEqual(response.status, 200, response.body)


if __name__ == "__main__":
    unittest.main()
