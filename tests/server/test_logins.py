"""Logins of legal persons and agents, the first-login password change, and password
changes."""

from tests.server.support import PortalTestCase

LEGAL_PERSON_MOBILE = "13805912001"
FUZHOU_CODE = "91350100MA2Y3K7D3D"
XIAMEN_CODE = "91350200MA8N4P2L7Y"


class LegalPersonLoginTest(PortalTestCase):
    def login(self, code, password="Demo@2026", mobile=LEGAL_PERSON_MOBILE,
              username="chenjianhua", method="password"):
        return self.request("POST", "/api/sessions", body={
            "kind": "legal_person", "method": method, "account": username, "mobile": mobile,
            "smsCode": code, "password": password})

    def test_login_with_all_factors(self):
        code = self.request_sms_code(LEGAL_PERSON_MOBILE)
        response = self.login(code)
        self.assertEqual(response.status, 200, response.body)
        self.assertEqual(response.json()["user"], {
            "kind": "legal_person", "name": "陈建华", "account": "chenjianhua",
            "unit": {"creditCode": FUZHOU_CODE, "name": "福州榕城示例科技有限公司"}})

    def test_method_aliases_are_the_same_login(self):
        for method in ("sms_password", "sms", "password"):
            with self.subTest(method=method):
                code = self.request_sms_code(LEGAL_PERSON_MOBILE)
                self.assertEqual(self.login(code, method=method).status, 200)
                self.clock.advance(300)

    def test_each_factor_is_required(self):
        for field in ("account", "mobile", "smsCode", "password"):
            with self.subTest(field=field):
                body = {"kind": "legal_person", "method": "password", "account": "chenjianhua",
                        "mobile": LEGAL_PERSON_MOBILE, "smsCode": "123456",
                        "password": "Demo@2026"}
                del body[field]
                response = self.request("POST", "/api/sessions", body=body)
                error = self.assertError(response, 400, "invalid_request")
                self.assertEqual(error["field"], field)

    def test_wrong_password_keeps_code(self):
        code = self.request_sms_code(LEGAL_PERSON_MOBILE)
        error = self.assertError(self.login(code, password="Wrong@2026"), 401,
                                 "invalid_credentials")
        self.assertIn("手机号码", error["message"])
        self.assertEqual(self.login(code).status, 200)

    def test_other_mobile_fails_as_credentials(self):
        self.request_sms_code("13805919999", "register")
        code = self.sms_code("13805919999")
        response = self.login(code, mobile="13805919999")
        self.assertError(response, 401, "invalid_credentials")

    def test_wrong_code_rejected(self):
        code = self.request_sms_code(LEGAL_PERSON_MOBILE)
        wrong = "000000" if code != "000000" else "111111"
        self.assertError(self.login(wrong), 400, "sms_code_invalid")

    def test_without_code_sent(self):
        self.assertError(self.login("123456"), 400, "sms_code_expired")

    def test_lockout_applies(self):
        for _ in range(4):
            self.login("123456", password="bad")
        self.assertError(self.login("123456", password="bad"), 423, "account_locked")


class AgentLoginTest(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.results, self.initial = self.sync_agents()

    def username_of(self, name):
        return next(result["username"] for result in self.results if result["name"] == name)

    def login(self, account, password, method="username", **extra):
        body = {"kind": "agent", "method": method, "account": account, "password": password}
        body.update(extra)
        return self.request("POST", "/api/sessions", body=body)

    def test_sync_creates_accounts(self):
        self.assertEqual([result["result"] for result in self.results], ["created", "created"])
        self.assertEqual(self.username_of("王志强"), "ma2y3k7d01")
        self.assertEqual(self.username_of("郑丽娟"), "ma2y3k7d02")
        self.assertEqual(self.results[0]["mobile"], "138****3001")
        self.assertEqual(self.results[0]["idCardNumber"], "3502**********3011")

    def test_first_login_must_set_password(self):
        response = self.login("ma2y3k7d01", self.initial["王志强"])
        self.assertEqual(response.status, 200, response.body)
        body = response.json()
        self.assertIs(body["mustSetPassword"], True)
        self.assertEqual(body["user"]["kind"], "agent")
        self.assertEqual(body["user"]["unit"]["creditCode"], FUZHOU_CODE)

    def test_limited_token_only_sets_password(self):
        token = self.login("ma2y3k7d01", self.initial["王志强"]).json()["token"]
        session = self.request("GET", "/api/session", token=token)
        self.assertEqual(session.status, 200)
        self.assertIs(session.json()["mustSetPassword"], True)

    def test_set_password_unlocks_session(self):
        token = self.login("ma2y3k7d01", self.initial["王志强"]).json()["token"]
        response = self.request("POST", "/api/session/password", token=token,
                                body={"newPassword": "Agent@2026"})
        self.assertEqual(response.status, 200, response.body)
        self.assertIs(response.json()["ok"], True)
        session = self.request("GET", "/api/session", token=token).json()
        self.assertNotIn("mustSetPassword", session)
        again = self.login("ma2y3k7d01", "Agent@2026")
        self.assertEqual(again.status, 200)
        self.assertNotIn("mustSetPassword", again.json())
        self.assertError(self.login("ma2y3k7d01", self.initial["王志强"]), 401,
                         "invalid_credentials")

    def test_weak_new_password_is_rejected(self):
        token = self.login("ma2y3k7d01", self.initial["王志强"]).json()["token"]
        for password in ("short1A", "alllowercase1", self.initial["王志强"]):
            with self.subTest(password=password):
                response = self.request("POST", "/api/session/password", token=token,
                                        body={"newPassword": password})
                error = self.assertError(response, 400, "weak_password")
                self.assertEqual(error["field"], "newPassword")

    def test_credit_code_login_needs_mobile_when_several(self):
        response = self.login(FUZHOU_CODE, self.initial["王志强"], method="credit_code")
        error = self.assertError(response, 400, "agent_mobile_required")
        self.assertEqual(error["field"], "mobile")

    def test_credit_code_login_with_mobile(self):
        response = self.login(FUZHOU_CODE.lower(), self.initial["郑丽娟"], method="credit_code",
                              mobile="13805913003")
        self.assertEqual(response.status, 200, response.body)
        self.assertEqual(response.json()["user"]["name"], "郑丽娟")

    def test_credit_code_login_single_agent(self):
        _, initial = self.sync_agents("linmeiling")
        response = self.login(XIAMEN_CODE, initial["陈伟"], method="credit_code")
        self.assertEqual(response.status, 200, response.body)
        self.assertEqual(response.json()["user"]["name"], "陈伟")

    def test_credit_code_with_bad_check_char(self):
        response = self.login(FUZHOU_CODE[:17] + "0", "x", method="credit_code")
        error = self.assertError(response, 401, "unit_user_not_found")
        self.assertIn("第18位校验码应为D", error["message"])
        self.assertEqual(error["field"], "account")

    def test_malformed_credit_code(self):
        response = self.login("91350100MA2Y3K7D3", "x", method="credit_code")
        error = self.assertError(response, 400, "invalid_request")
        self.assertIn("应为18位", error["message"])
        response = self.login("91350100MA2Y3K7O3D", "x", method="credit_code")
        error = self.assertError(response, 400, "invalid_request")
        self.assertIn("第16位", error["message"])

    def test_unknown_unit_says_code_or_user(self):
        response = self.login("91350100MA31RT6B8D", "Demo@2026", method="credit_code")
        error = self.assertError(response, 401, "unit_user_not_found")
        self.assertIn("统一社会信用代码", error["message"])
        self.assertIn("单位用户不存在", error["message"])

    def test_wrong_agent_password(self):
        error = self.assertError(self.login("ma2y3k7d01", "Wrong@2026"), 401,
                                 "invalid_credentials")
        self.assertEqual(error["remainingAttempts"], 4)

    def test_password_method_is_username_login(self):
        response = self.login("ma2y3k7d01", self.initial["王志强"], method="password")
        self.assertEqual(response.status, 200, response.body)
        self.assertEqual(response.json()["user"]["name"], "王志强")

    def test_method_of_other_kind_is_rejected(self):
        response = self.login("ma2y3k7d01", "x", method="sms")
        error = self.assertError(response, 400, "invalid_request")
        self.assertEqual(error["field"], "method")

    def test_full_session_change_needs_current_password(self):
        token = self.login("ma2y3k7d01", self.initial["王志强"]).json()["token"]
        self.request("POST", "/api/session/password", token=token,
                     body={"newPassword": "Agent@2026"})
        missing = self.request("POST", "/api/session/password", token=token,
                               body={"newPassword": "Agent@2027"})
        self.assertEqual(self.assertError(missing, 400, "invalid_request")["field"],
                         "currentPassword")
        wrong = self.request("POST", "/api/session/password", token=token,
                             body={"currentPassword": "bad", "newPassword": "Agent@2027"})
        self.assertError(wrong, 401, "invalid_credentials")
        right = self.request("POST", "/api/session/password", token=token,
                             body={"currentPassword": "Agent@2026", "newPassword": "Agent@2027"})
        self.assertEqual(right.status, 200, right.body)

    def test_password_change_ends_other_sessions(self):
        person_token = self.request("POST", "/api/sessions", body={
            "kind": "person", "method": "password", "account": "linxiaoming",
            "password": "Demo@2026"}).json()["token"]
        other = self.request("POST", "/api/sessions", body={
            "kind": "person", "method": "password", "account": "linxiaoming",
            "password": "Demo@2026"}).json()["token"]
        response = self.request("POST", "/api/session/password", token=person_token,
                                body={"currentPassword": "Demo@2026", "newPassword": "Demo@2027"})
        self.assertEqual(response.status, 200, response.body)
        self.assertEqual(self.request("GET", "/api/session", token=person_token).status, 200)
        self.assertError(self.request("GET", "/api/session", token=other), 401,
                         "unauthenticated")

    def test_sync_again_is_unchanged(self):
        results, _ = self.sync_agents()
        self.assertEqual([result["result"] for result in results], ["unchanged", "unchanged"])

    def test_withdrawn_designation_disables_account(self):
        token = self.login("ma2y3k7d02", self.initial["郑丽娟"]).json()["token"]
        with self.portal.db.transaction() as connection:
            connection.execute("DELETE FROM designated_agents WHERE name = '郑丽娟'")
        results, _ = self.sync_agents()
        self.assertEqual({r["name"]: r["result"] for r in results},
                         {"王志强": "unchanged", "郑丽娟": "disabled"})
        self.assertError(self.request("GET", "/api/session", token=token), 401, "unauthenticated")
        self.assertError(self.login("ma2y3k7d02", self.initial["郑丽娟"]), 401,
                         "invalid_credentials")
