"""Staff list, declarations, queries, rollback, reminders and reviews."""

from server import review
from tests.server.test_units import UnitTestCase

NEW_PERSON = "350205199106114174"  # 张国栋, not insured anywhere
DAY = 24 * 3600


class DeclarationTestCase(UnitTestCase):
    """Signs in 王志强 of the Fuzhou unit with pension and work injury opened."""

    def setUp(self):
        super().setUp()
        self.token = self.agent_token("chenjianhua", "王志强")
        response = self.request("POST", "/api/agent/platform", token=self.token,
                                body={"insuranceTypes": ["pension", "work_injury"]})
        self.assertEqual(response.status, 200, response.body)
        self.key_number = 0

    def declare(self, body, key=None, token=None):
        if key is None:
            self.key_number += 1
            key = f"test-key-{self.key_number}"
        return self.request("POST", "/api/declarations", body=body, token=token or self.token,
                            headers={"Idempotency-Key": key})

    def addition(self, **changes):
        body = {"kind": "addition", "insuranceTypes": ["pension"], "idCardNumber": NEW_PERSON,
                "name": "张国栋", "contributionBase": 6000, "startMonth": "2026-01"}
        body.update(changes)
        return body

    def agent_login(self):
        response = self.request("POST", "/api/sessions", body={
            "kind": "agent", "method": "username", "account": "ma2y3k7d01",
            "password": "Agent@2026"})
        self.assertEqual(response.status, 200, response.body)
        return response.json()["token"]

    def staff_id(self, name):
        items = self.request("GET", "/api/staff?pageSize=100", token=self.token).json()["items"]
        return next(item["staffId"] for item in items if item["name"] == name)


class StaffListTest(DeclarationTestCase):
    def test_list_groups_records_by_person(self):
        response = self.request("GET", "/api/staff", token=self.token)
        self.assertEqual(response.status, 200)
        body = response.json()
        self.assertEqual(body["total"], 4)
        names = [item["name"] for item in body["items"]]
        self.assertEqual(names, ["林晓明", "黄秀英", "吴海燕", "刘美华"])
        lin = body["items"][0]
        self.assertEqual(lin["idCardNumber"], "3501**********1234")
        self.assertEqual(len(lin["records"]), 3)
        self.assertIs(lin["duplicateRecords"], False)
        self.assertIs(body["items"][2]["duplicateRecords"], True)

    def test_paging_and_name_filter(self):
        page = self.request("GET", "/api/staff?page=2&pageSize=3", token=self.token).json()
        self.assertEqual([item["name"] for item in page["items"]], ["刘美华"])
        self.assertEqual(page["total"], 4)
        filtered = self.request("GET", "/api/staff?name=%E6%9E%97", token=self.token).json()
        self.assertEqual([item["name"] for item in filtered["items"]], ["林晓明"])

    def test_bad_paging(self):
        for query in ("page=0", "pageSize=101", "page=x"):
            with self.subTest(query=query):
                self.assertError(self.request("GET", f"/api/staff?{query}", token=self.token),
                                 400, "invalid_request")

    def test_detail_shows_full_number(self):
        staff_id = self.staff_id("林晓明")
        response = self.request("GET", f"/api/staff/{staff_id}", token=self.token)
        self.assertEqual(response.json()["staff"]["idCardNumber"], "350102199003071234")

    def test_other_unit_staff_not_found(self):
        with self.portal.db.read() as connection:
            other = connection.execute(
                "SELECT id FROM staff_records WHERE name = '许静'").fetchone()[0]
        self.assertError(self.request("GET", f"/api/staff/{other}", token=self.token), 404,
                         "not_found")


class CreateDeclarationTest(DeclarationTestCase):
    def test_addition_creates_pending_per_type(self):
        response = self.declare(self.addition(insuranceTypes=["work_injury", "pension"]))
        self.assertEqual(response.status, 201, response.body)
        declarations = response.json()["declarations"]
        self.assertEqual([d["insuranceType"] for d in declarations], ["pension", "work_injury"])
        first = declarations[0]
        self.assertEqual(first["status"], "pending")
        self.assertEqual(first["statusName"], "待审核")
        self.assertEqual(first["kindName"], "增员")
        self.assertEqual(first["idCardNumber"], "3502**********4174")
        self.assertEqual(first["details"], {"contributionBase": 6000, "startMonth": "2026-01"})
        self.assertIs(first["canRollback"], True)

    def test_key_is_required(self):
        response = self.request("POST", "/api/declarations", body=self.addition(),
                                token=self.token)
        self.assertError(response, 400, "idempotency_key_required")

    def test_repeat_with_same_key_replays(self):
        first = self.declare(self.addition(), key="same")
        second = self.declare(self.addition(), key="same")
        self.assertEqual(second.status, 201)
        self.assertEqual(second.json(), first.json())
        self.assertEqual(second.header("Idempotent-Replayed"), "true")
        with self.portal.db.read() as connection:
            count = connection.execute(
                "SELECT COUNT(*) FROM declarations WHERE id_card_number = ?",
                (NEW_PERSON,)).fetchone()[0]
        self.assertEqual(count, 1)

    def test_same_key_other_body_is_rejected(self):
        self.declare(self.addition(), key="same")
        response = self.declare(self.addition(contributionBase=7000), key="same")
        self.assertError(response, 422, "idempotency_key_reused")

    def test_failed_request_does_not_burn_key(self):
        self.assertError(self.declare(self.addition(contributionBase=1), key="k"), 400,
                         "invalid_request")
        self.assertEqual(self.declare(self.addition(), key="k").status, 201)

    def test_new_key_after_pending_is_conflict(self):
        self.declare(self.addition())
        self.assertError(self.declare(self.addition()), 409, "declaration_pending")

    def test_type_not_opened_is_forbidden(self):
        error = self.assertError(self.declare(self.addition(insuranceTypes=["unemployment"])),
                                 403, "insurance_type_not_allowed")
        self.assertIn("请到经办机构核实经办人手机号码和网报开通标志", error["message"])
        self.assertEqual(error["insuranceType"], "unemployment")

    def test_duplicate_records_refused(self):
        staff_id = self.staff_id("吴海燕")
        removal = {"kind": "removal", "insuranceTypes": ["pension"], "staffId": staff_id,
                   "endMonth": "2026-01", "reason": "离职"}
        error = self.assertError(self.declare(removal), 409, "duplicate_person_records")
        self.assertEqual(error["message"], "该人员有多条记录，请到窗口进行合并")
        addition = self.addition(idCardNumber="350103199308221527", name="吴海燕")
        self.assertError(self.declare(addition), 409, "duplicate_person_records")

    def test_already_insured(self):
        body = self.addition(idCardNumber="350102199003071234", name="林晓明")
        self.assertError(self.declare(body), 409, "already_insured")

    def test_insured_elsewhere(self):
        body = self.addition(idCardNumber="350102198211205386", name="许静")
        self.assertError(self.declare(body), 409, "insured_elsewhere")

    def test_removal_needs_active_record(self):
        staff_id = self.staff_id("刘美华")
        removal = {"kind": "removal", "insuranceTypes": ["work_injury"], "staffId": staff_id,
                   "endMonth": "2026-01", "reason": "离职"}
        self.assertError(self.declare(removal), 409, "not_insured")

    def test_change_declaration(self):
        staff_id = self.staff_id("林晓明")
        body = {"kind": "change", "insuranceTypes": ["pension"], "staffId": staff_id,
                "changes": {"contributionBase": 9000}}
        response = self.declare(body)
        self.assertEqual(response.status, 201, response.body)
        self.assertEqual(response.json()["declarations"][0]["details"],
                         {"changes": {"contributionBase": 9000}})

    def test_field_errors(self):
        cases = [
            (self.addition(contributionBase=100), "contributionBase"),
            (self.addition(contributionBase="6000"), "contributionBase"),
            (self.addition(startMonth="2026-13"), "startMonth"),
            (self.addition(idCardNumber="350205199106114175"), "idCardNumber"),
            (self.addition(insuranceTypes=[]), "insuranceTypes"),
            (self.addition(kind="merge"), "kind"),
            ({"kind": "change", "insuranceTypes": ["pension"], "staffId": 1,
              "changes": {"idCardNumber": "x"}}, "changes"),
            ({"kind": "removal", "insuranceTypes": ["pension"], "staffId": "1"}, "staffId"),
        ]
        for body, field in cases:
            with self.subTest(field=field, body=body):
                error = self.assertError(self.declare(body), 400, "invalid_request")
                self.assertEqual(error["field"], field)

    def test_legal_person_cannot_declare(self):
        token = self.legal_person_token()
        self.assertError(self.declare(self.addition(), token=token), 403, "forbidden")

    def test_declaration_is_audited(self):
        self.declare(self.addition())
        with self.portal.db.read() as connection:
            rows = connection.execute(
                "SELECT detail FROM audit_log WHERE action = 'declaration_created'").fetchall()
        self.assertEqual(len(rows), 1)
        self.assertNotIn(NEW_PERSON, rows[0]["detail"])


class QueryAndRollbackTest(DeclarationTestCase):
    def test_tabs_by_status_and_kind(self):
        self.declare(self.addition())
        pending = self.request("GET", "/api/declarations?status=pending", token=self.token).json()
        self.assertEqual(pending["total"], 2)
        self.assertEqual(pending["items"][0]["name"], "张国栋")
        rejected = self.request("GET", "/api/declarations?status=rejected",
                                token=self.token).json()
        self.assertEqual([d["reviewReason"] for d in rejected["items"]],
                         ["减员原因与劳动合同信息不符，请核实后重新申报"])
        approved = self.request("GET", "/api/declarations?status=approved",
                                token=self.token).json()
        self.assertEqual(approved["total"], 1)
        additions = self.request("GET", "/api/declarations?kind=addition",
                                 token=self.token).json()
        self.assertEqual(additions["total"], 2)
        removals = self.request("GET", "/api/declarations?kind=removal", token=self.token).json()
        self.assertEqual(removals["total"], 1)

    def test_filters_and_paging(self):
        self.declare(self.addition())
        by_name = self.request("GET", "/api/declarations?name=%E5%BC%A0", token=self.token).json()
        self.assertEqual(by_name["total"], 1)
        by_number = self.request("GET", f"/api/declarations?idCardNumber={NEW_PERSON}",
                                 token=self.token).json()
        self.assertEqual(by_number["total"], 1)
        page = self.request("GET", "/api/declarations?page=2&pageSize=3", token=self.token).json()
        self.assertEqual(page["total"], 4)
        self.assertEqual(len(page["items"]), 1)
        # START_TIME is 2026-01-01 08:00 China time; seeded declarations are older.
        today = self.request("GET", "/api/declarations?from=2026-01-01&to=2026-01-01",
                             token=self.token).json()
        self.assertEqual(today["total"], 1)

    def test_bad_filters(self):
        for query in ("status=done", "kind=merge", "insuranceType=medical", "from=2026-02-30",
                      "to=yesterday"):
            with self.subTest(query=query):
                self.assertError(self.request("GET", f"/api/declarations?{query}",
                                              token=self.token), 400, "invalid_request")

    def test_detail_has_full_number(self):
        created = self.declare(self.addition()).json()["declarations"][0]
        detail = self.request("GET", f"/api/declarations/{created['id']}", token=self.token)
        self.assertEqual(detail.json()["declaration"]["idCardNumber"], NEW_PERSON)

    def test_rollback_pending_only(self):
        created = self.declare(self.addition()).json()["declarations"][0]
        response = self.request("POST", f"/api/declarations/{created['id']}/rollback",
                                token=self.token, body={})
        self.assertEqual(response.status, 200, response.body)
        self.assertEqual(response.json()["declaration"]["status"], "rolled_back")
        again = self.request("POST", f"/api/declarations/{created['id']}/rollback",
                             token=self.token, body={})
        self.assertError(again, 409, "not_rollbackable")
        # After a rollback the same person can be declared again.
        self.assertEqual(self.declare(self.addition()).status, 201)

    def test_reviewed_cannot_roll_back(self):
        approved = self.request("GET", "/api/declarations?status=approved",
                                token=self.token).json()["items"][0]
        response = self.request("POST", f"/api/declarations/{approved['id']}/rollback",
                                token=self.token, body={})
        error = self.assertError(response, 409, "not_rollbackable")
        self.assertEqual(error["declarationStatus"], "approved")
        self.assertIn("不能回退", error["message"])

    def test_unknown_declaration_is_404(self):
        for path in ("/api/declarations/9999", "/api/declarations/abc",
                     "/api/declarations/0/rollback"):
            with self.subTest(path=path):
                method = "POST" if path.endswith("rollback") else "GET"
                self.assertError(self.request(method, path, token=self.token, body={}), 404,
                                 "not_found")

    def test_reminders_for_old_pending(self):
        body = self.request("GET", "/api/reminders", token=self.token).json()
        self.assertEqual(len(body["items"]), 1)
        reminder = body["items"][0]
        self.assertEqual(reminder["pendingDays"], 6)
        self.assertIn("无需重复申报", reminder["message"])
        self.assertNotIn("重新申报", reminder["message"].replace("无需重复申报", ""))

    def test_reminder_after_5_days(self):
        self.declare(self.addition())
        self.clock.advance(5 * DAY - 1)
        # The session expired meanwhile, so each check signs in again.
        reminders = self.request("GET", "/api/reminders", token=self.agent_login()).json()
        self.assertEqual(len(reminders["items"]), 1)
        self.clock.advance(1)
        reminders = self.request("GET", "/api/reminders", token=self.agent_login()).json()
        self.assertEqual(len(reminders["items"]), 2)

    def test_person_has_no_reminders(self):
        token = self.login()
        self.assertEqual(self.request("GET", "/api/reminders", token=token).json(),
                         {"items": []})


class ReviewTest(DeclarationTestCase):
    def test_approved_addition_joins_staff(self):
        created = self.declare(self.addition()).json()["declarations"][0]
        review.approve(self.portal.db, self.clock.now(), created["id"])
        detail = self.request("GET", f"/api/declarations/{created['id']}",
                              token=self.token).json()["declaration"]
        self.assertEqual(detail["status"], "approved")
        self.assertIs(detail["canRollback"], False)
        names = [item["name"] for item in
                 self.request("GET", "/api/staff", token=self.token).json()["items"]]
        self.assertIn("张国栋", names)

    def test_approved_removal_stops_record(self):
        staff_id = self.staff_id("林晓明")
        created = self.declare({"kind": "removal", "insuranceTypes": ["work_injury"],
                                "staffId": staff_id, "endMonth": "2026-01",
                                "reason": "离职"}).json()["declarations"][0]
        review.approve(self.portal.db, self.clock.now(), created["id"])
        staff = self.request("GET", f"/api/staff/{staff_id}", token=self.token).json()["staff"]
        statuses = {r["insuranceType"]: r["status"] for r in staff["records"]}
        self.assertEqual(statuses, {"pension": "active", "work_injury": "stopped",
                                    "unemployment": "active"})

    def test_reject_needs_reason_and_pending(self):
        created = self.declare(self.addition()).json()["declarations"][0]
        with self.assertRaises(review.ReviewError):
            review.reject(self.portal.db, self.clock.now(), created["id"], " ")
        review.reject(self.portal.db, self.clock.now(), created["id"], "材料不全")
        with self.assertRaises(review.ReviewError):
            review.approve(self.portal.db, self.clock.now(), created["id"])
        detail = self.request("GET", f"/api/declarations/{created['id']}",
                              token=self.token).json()["declaration"]
        self.assertEqual(detail["reviewReason"], "材料不全")
