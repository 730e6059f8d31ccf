"""Unit information, confirmation, agent management and the multi-insurance platform."""

from tests.server.support import PortalTestCase

FUZHOU_CODE = "91350100MA2Y3K7D3D"
REASON = "请到经办机构核实经办人手机号码和网报开通标志"


class UnitTestCase(PortalTestCase):
    def legal_person_token(self, username="chenjianhua", mobile="13805912001"):
        code = self.request_sms_code(mobile)
        response = self.request("POST", "/api/sessions", body={
            "kind": "legal_person", "method": "password", "account": username, "mobile": mobile,
            "smsCode": code, "password": "Demo@2026"})
        self.assertEqual(response.status, 200, response.body)
        return response.json()["token"]

    def agent_token(self, legal_person="linmeiling", name="陈伟", password="Agent@2026"):
        """Sync the unit's agents, log in as name and set password; return the token."""
        results, initial = self.sync_agents(legal_person)
        username = next(r["username"] for r in results if r["name"] == name)
        token = self.request("POST", "/api/sessions", body={
            "kind": "agent", "method": "username", "account": username,
            "password": initial[name]}).json()["token"]
        response = self.request("POST", "/api/session/password", token=token,
                                body={"newPassword": password})
        self.assertEqual(response.status, 200, response.body)
        return token


class UnitInformationTest(UnitTestCase):
    def test_unit_information(self):
        token = self.legal_person_token()
        response = self.request("GET", "/api/unit", token=token)
        self.assertEqual(response.status, 200)
        unit = response.json()["unit"]
        self.assertEqual(unit["creditCode"], FUZHOU_CODE)
        self.assertIs(unit["nameConsistent"], True)
        self.assertIs(unit["confirmed"], False)
        self.assertEqual([r["insuranceType"] for r in unit["registrations"]],
                         ["pension", "work_injury", "unemployment"])
        self.assertEqual([r["onlineDeclaration"] for r in unit["registrations"]],
                         [True, True, False])

    def test_person_cannot_read_unit(self):
        token = self.login()
        self.assertError(self.request("GET", "/api/unit", token=token), 403, "forbidden")

    def test_limited_session_is_refused(self):
        results, initial = self.sync_agents("linmeiling")
        token = self.request("POST", "/api/sessions", body={
            "kind": "agent", "method": "username", "account": results[0]["username"],
            "password": initial["陈伟"]}).json()["token"]
        self.assertError(self.request("GET", "/api/unit", token=token), 403,
                         "password_change_required")

    def test_mismatch_shown_and_confirmation_fixes_it(self):
        token = self.legal_person_token("linmeiling", "13905920001")
        unit = self.request("GET", "/api/unit", token=token).json()["unit"]
        self.assertIs(unit["nameConsistent"], False)
        response = self.request("POST", "/api/unit/confirmation", token=token,
                                body={"name": "厦门鹭岛示例贸易有限公司"})
        self.assertEqual(response.status, 200, response.body)
        unit = response.json()["unit"]
        self.assertIs(unit["nameConsistent"], True)
        self.assertIs(unit["confirmed"], True)
        self.assertEqual({r["unitName"] for r in unit["registrations"]},
                         {"厦门鹭岛示例贸易有限公司"})

    def test_confirmation_needs_registered_name(self):
        token = self.legal_person_token("linmeiling", "13905920001")
        response = self.request("POST", "/api/unit/confirmation", token=token,
                                body={"name": "别的公司"})
        error = self.assertError(response, 400, "invalid_request")
        self.assertIn("厦门鹭岛示例商贸有限公司", error["message"])

    def test_agent_cannot_confirm(self):
        token = self.agent_token()
        response = self.request("POST", "/api/unit/confirmation", token=token,
                                body={"name": "厦门鹭岛示例贸易有限公司"})
        self.assertError(response, 403, "forbidden")


class AgentManagementTest(UnitTestCase):
    def test_list_before_and_after_sync(self):
        token = self.legal_person_token()
        before = self.request("GET", "/api/unit/agents", token=token).json()["items"]
        self.assertEqual([item["status"] for item in before], ["not_opened", "not_opened"])
        self.assertEqual(before[0]["mobile"], "138****3001")
        self.assertIsNone(before[0]["username"])

        sync = self.request("POST", "/api/unit/agents/sync", token=token, body={})
        self.assertEqual(sync.status, 200, sync.body)
        results = sync.json()["results"]
        self.assertEqual([r["result"] for r in results], ["created", "created"])
        self.assertIn("138****3001", results[0]["message"])
        self.assertEqual(len(self.outbox("13805913001")), 1)

        after = self.request("GET", "/api/unit/agents", token=token).json()["items"]
        self.assertEqual([item["status"] for item in after], ["active", "active"])
        self.assertEqual(after[0]["username"], "ma2y3k7d01")

    def test_sync_audited_without_numbers(self):
        token = self.legal_person_token()
        self.request("POST", "/api/unit/agents/sync", token=token, body={})
        with self.portal.db.read() as connection:
            row = connection.execute(
                "SELECT detail FROM audit_log WHERE action = 'agents_synced'").fetchone()
        self.assertIn("created=2", row["detail"])
        self.assertNotRegex(row["detail"], r"1\d{10}")

    def test_agent_cannot_sync(self):
        token = self.agent_token()
        self.assertError(self.request("POST", "/api/unit/agents/sync", token=token, body={}),
                         403, "forbidden")


class MultiInsurancePlatformTest(UnitTestCase):
    def test_permissions_explain_refusals(self):
        token = self.agent_token("chenjianhua", "王志强")
        items = self.request("GET", "/api/agent/insurance-types", token=token).json()["items"]
        allowed = {item["insuranceType"]: item["allowed"] for item in items}
        self.assertEqual(allowed, {"pension": True, "work_injury": True, "unemployment": False})
        self.assertEqual(items[2]["reason"], REASON)
        self.assertEqual(items[0]["name"], "企业养老")

    def test_agent_with_other_mobile_has_no_types(self):
        token = self.agent_token("chenjianhua", "郑丽娟")
        items = self.request("GET", "/api/agent/insurance-types", token=token).json()["items"]
        self.assertEqual([item["allowed"] for item in items], [False, False, False])
        self.assertEqual({item["reason"] for item in items}, {REASON})

    def test_open_platform_results_per_type(self):
        token = self.agent_token("chenjianhua", "王志强")
        response = self.request("POST", "/api/agent/platform", token=token,
                                body={"insuranceTypes": ["pension", "unemployment"]})
        self.assertEqual(response.status, 200, response.body)
        body = response.json()
        self.assertIs(body["open"], True)
        results = {r["insuranceType"]: r for r in body["results"]}
        self.assertIs(results["pension"]["opened"], True)
        self.assertIs(results["unemployment"]["opened"], False)
        self.assertEqual(results["unemployment"]["message"], REASON)
        platform = self.request("GET", "/api/agent/platform", token=token).json()
        self.assertEqual(platform, {"open": True, "insuranceTypes": ["pension"]})

    def test_name_mismatch_blocks_opening(self):
        token = self.agent_token()
        response = self.request("POST", "/api/agent/platform", token=token,
                                body={"insuranceTypes": ["pension"]})
        error = self.assertError(response, 409, "unit_info_mismatch")
        self.assertIn("单位信息错误", error["message"])
        self.assertIn("单位法人", error["message"])
        self.assertEqual(self.request("GET", "/api/agent/platform", token=token).json(),
                         {"open": False, "insuranceTypes": []})

    def test_opening_works_after_confirmation(self):
        agent = self.agent_token()
        legal_person = self.legal_person_token("linmeiling", "13905920001")
        self.request("POST", "/api/unit/confirmation", token=legal_person,
                     body={"name": "厦门鹭岛示例贸易有限公司"})
        response = self.request("POST", "/api/agent/platform", token=agent,
                                body={"insuranceTypes": ["pension", "work_injury",
                                                         "unemployment"]})
        self.assertEqual(response.status, 200, response.body)
        self.assertEqual([r["opened"] for r in response.json()["results"]], [True, True, True])

    def test_bad_type_lists(self):
        token = self.agent_token("chenjianhua", "王志强")
        for value in ([], None, "pension", ["medical"]):
            with self.subTest(value=value):
                response = self.request("POST", "/api/agent/platform", token=token,
                                        body={"insuranceTypes": value})
                error = self.assertError(response, 400, "invalid_request")
                self.assertEqual(error["field"], "insuranceTypes")

    def test_legal_person_cannot_open(self):
        token = self.legal_person_token()
        response = self.request("POST", "/api/agent/platform", token=token,
                                body={"insuranceTypes": ["pension"]})
        self.assertError(response, 403, "forbidden")
