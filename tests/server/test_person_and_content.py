"""The person's rights, the download centre and the FAQ search."""

import os
import urllib.parse

from tests.server.support import PortalTestCase


class RightsTest(PortalTestCase):
    def test_rights_per_insurance_type(self):
        token = self.login()
        response = self.request("GET", "/api/me/rights", token=token)
        self.assertEqual(response.status, 200, response.body)
        body = response.json()
        self.assertEqual(body["person"], {"name": "林晓明", "idCardNumber": "3501**********1234"})
        enrolments = {item["insuranceType"]: item for item in body["enrolments"]}
        self.assertEqual(list(enrolments), ["pension", "work_injury", "unemployment"])
        self.assertEqual(enrolments["pension"]["status"], "active")
        self.assertEqual(enrolments["pension"]["unitName"], "福州榕城示例科技有限公司")
        self.assertEqual(enrolments["pension"]["paidMonths"], 12)
        self.assertEqual(enrolments["pension"]["contributionBase"], 8000)

    def test_contributions_with_filters_and_sum(self):
        token = self.login()
        body = self.request("GET", "/api/me/contributions?insuranceType=pension&year=2025",
                            token=token).json()
        self.assertEqual(body["total"], 12)
        self.assertEqual(body["items"][0]["month"], "2025-12")
        self.assertEqual(body["items"][0]["unitAmount"], "1280.00")
        self.assertEqual(body["items"][0]["personalAmount"], "640.00")
        self.assertEqual(body["sum"], {"unitAmount": "15360.00", "personalAmount": "7680.00"})

    def test_contributions_paging(self):
        token = self.login()
        body = self.request("GET", "/api/me/contributions?page=2&pageSize=30",
                            token=token).json()
        self.assertEqual(body["total"], 36)
        self.assertEqual(len(body["items"]), 6)

    def test_bad_filters(self):
        token = self.login()
        for query in ("insuranceType=medical", "year=25", "pageSize=0"):
            with self.subTest(query=query):
                self.assertError(self.request("GET", f"/api/me/contributions?{query}",
                                              token=token), 400, "invalid_request")

    def test_rights_need_person(self):
        self.assertError(self.request("GET", "/api/me/rights"), 401, "unauthenticated")


class DownloadsTest(PortalTestCase):
    def test_lists_documents_and_availability(self):
        self.write_file("downloads/operation-manual.md", b"# demo manual")
        body = self.request("GET", "/api/downloads").json()
        items = {item["id"]: item for item in body["items"]}
        manual = items["operation-manual"]
        self.assertIs(manual["available"], True)
        self.assertEqual(manual["sizeBytes"], 13)
        self.assertEqual(manual["url"], "/downloads/operation-manual.md")
        self.assertEqual(manual["fileName"], "operation-manual.md")
        self.assertTrue(manual["description"])
        self.assertIs(items["upgrade-notes"]["available"], False)
        file_response = self.request("GET", manual["url"])
        self.assertEqual(file_response.header("Content-Type"), "text/markdown; charset=utf-8")


class FaqTest(PortalTestCase):
    def test_search_ranks_matching_question_first(self):
        body = self.request("GET", "/api/faq?q=" + urllib.parse.quote("收不到验证码")).json()
        self.assertTrue(body["items"])
        self.assertEqual(body["items"][0]["id"], "sms-not-received")

    def test_search_for_locked_account(self):
        body = self.request("GET", "/api/faq?q=" + urllib.parse.quote("账号锁定")).json()
        self.assertEqual(body["items"][0]["id"], "account-locked")

    def test_empty_query_lists_all(self):
        body = self.request("GET", "/api/faq").json()
        self.assertGreaterEqual(len(body["items"]), 10)
        for item in body["items"]:
            self.assertEqual(set(item), {"id", "question", "answer"})

    def test_no_match_is_empty(self):
        self.assertEqual(self.request("GET", "/api/faq?q=zzzz").json(), {"items": []})

    def test_faq_file_is_valid(self):
        from server import content
        self.assertTrue(os.path.isfile(content.FAQ_PATH))
        ids = [entry["id"] for entry in content.faq_entries()]
        self.assertEqual(len(ids), len(set(ids)))
