"""Registration of persons and units."""

from tests.server.support import PortalTestCase

NEW_MOBILE = "13805918888"
NEW_ID = "350121198804305170"  # 陈伟's number: valid, and not a person account yet


class PersonRegistrationTest(PortalTestCase):
    def body(self, **changes):
        body = {"username": "zhangsan01", "name": "张三", "idCardNumber": NEW_ID,
                "mobile": NEW_MOBILE, "smsCode": "000000", "password": "Zhang@2026"}
        body.update(changes)
        return body

    def register(self, **changes):
        return self.request("POST", "/api/persons", body=self.body(**changes))

    def test_register_then_log_in(self):
        code = self.request_sms_code(NEW_MOBILE, "register")
        response = self.register(smsCode=code)
        self.assertEqual(response.status, 201, response.body)
        self.assertEqual(response.json(), {"user": {"kind": "person", "name": "张三",
                                                    "account": "zhangsan01"}})
        login = self.request("POST", "/api/sessions", body={
            "kind": "person", "method": "password", "account": NEW_ID,
            "password": "Zhang@2026"})
        self.assertEqual(login.status, 200, login.body)

    def test_rare_name_characters(self):
        # 𠮷 (U+20BB7) is in CJK Extension B and 㐀 (U+3400) in Extension A.
        code = self.request_sms_code(NEW_MOBILE, "register")
        response = self.register(smsCode=code, name="林𠮷㐀")
        self.assertEqual(response.status, 201, response.body)
        self.assertEqual(response.json()["user"]["name"], "林𠮷㐀")

    def test_lower_case_x_is_normalised(self):
        code = self.request_sms_code(NEW_MOBILE, "register")
        response = self.register(smsCode=code, idCardNumber="11010519491231002x")
        self.assertEqual(response.status, 201, response.body)
        with self.portal.db.read() as connection:
            stored = connection.execute(
                "SELECT id_card_number FROM accounts WHERE username = 'zhangsan01'").fetchone()[0]
        self.assertEqual(stored, "11010519491231002X")

    def test_id_card_errors_say_where(self):
        cases = {
            "350121198804305171": "第18位校验码应为0",
            "35012119880430517": "应为18位",
            "350121198813305170": "出生日期",
            "990121198804305170": "行政区划代码",
        }
        for number, text in cases.items():
            with self.subTest(number=number):
                error = self.assertError(self.register(idCardNumber=number), 400,
                                         "invalid_request")
                self.assertEqual(error["field"], "idCardNumber")
                self.assertIn(text, error["message"])

    def test_field_checks(self):
        cases = [
            ({"username": "13805918888"}, "username"),
            ({"username": "ab"}, "username"),
            ({"name": "张"}, "name"),
            ({"name": "张三3"}, "name"),
            ({"mobile": "13800138000"}, "mobile"),
            ({"smsCode": "12"}, "smsCode"),
        ]
        for changes, field in cases:
            with self.subTest(changes=changes):
                response = self.register(**changes)
                self.assertEqual(response.status, 400, response.body)
                self.assertEqual(response.json()["error"]["field"], field)

    def test_weak_password(self):
        error = self.assertError(self.register(password="password1"), 400, "weak_password")
        self.assertEqual(error["field"], "password")

    def test_wrong_sms_code(self):
        code = self.request_sms_code(NEW_MOBILE, "register")
        wrong = "000000" if code != "000000" else "111111"
        self.assertError(self.register(smsCode=wrong), 400, "sms_code_invalid")

    def test_login_code_does_not_register(self):
        self.request("POST", "/api/sms-codes", body={"mobile": NEW_MOBILE, "purpose": "login"})
        self.assertError(self.register(), 400, "sms_code_expired")

    def test_conflicts(self):
        cases = [
            ({"username": "linxiaoming"}, "username_taken", "username"),
            ({"idCardNumber": "350102199003071234"}, "id_card_registered", "idCardNumber"),
            ({"mobile": "13805910001"}, "mobile_registered", "mobile"),
        ]
        for changes, code, field in cases:
            with self.subTest(code=code):
                error = self.assertError(self.register(**changes), 409, code)
                self.assertEqual(error["field"], field)

    def test_conflict_does_not_use_code(self):
        code = self.request_sms_code(NEW_MOBILE, "register")
        self.assertError(self.register(smsCode=code, username="linxiaoming"), 409,
                         "username_taken")
        self.assertEqual(self.register(smsCode=code).status, 201)


class UnitRegistrationTest(PortalTestCase):
    CODE = "91350100MA31RT6B8D"

    def body(self, **changes):
        body = {"creditCode": self.CODE, "unitName": "福州闽都示例餐饮有限公司",
                "username": "huangmindu", "name": "黄闽都", "idCardNumber": NEW_ID,
                "mobile": NEW_MOBILE, "smsCode": "000000", "password": "Huang@2026"}
        body.update(changes)
        return body

    def register(self, **changes):
        return self.request("POST", "/api/units", body=self.body(**changes))

    def test_register_unit_then_log_in(self):
        code = self.request_sms_code(NEW_MOBILE, "register")
        response = self.register(smsCode=code)
        self.assertEqual(response.status, 201, response.body)
        self.assertEqual(response.json()["user"], {
            "kind": "legal_person", "name": "黄闽都", "account": "huangmindu",
            "unit": {"creditCode": self.CODE, "name": "福州闽都示例餐饮有限公司"}})
        self.clock.advance(300)
        login_code = self.request_sms_code(NEW_MOBILE, "login")
        login = self.request("POST", "/api/sessions", body={
            "kind": "legal_person", "method": "password", "account": "huangmindu",
            "mobile": NEW_MOBILE, "smsCode": login_code, "password": "Huang@2026"})
        self.assertEqual(login.status, 200, login.body)

    def test_credit_code_check_char_hint(self):
        error = self.assertError(self.register(creditCode=self.CODE[:17] + "0"), 422,
                                 "unit_not_insured")
        self.assertEqual(error["field"], "creditCode")
        self.assertIn("第18位校验码应为D", error["message"])

    def test_organisation_code_hint(self):
        error = self.assertError(self.register(creditCode="91350100MA31RT6B9D"), 422,
                                 "unit_not_insured")
        self.assertIn("第17位", error["message"])

    def test_malformed_credit_code(self):
        for code, text in (("91350100MA31RT6B8", "应为18位"), ("91350100MA31RT6I8D", "第16位")):
            with self.subTest(code=code):
                error = self.assertError(self.register(creditCode=code), 400, "invalid_request")
                self.assertIn(text, error["message"])

    def test_full_width_code_is_normalised(self):
        code = self.request_sms_code(NEW_MOBILE, "register")
        wide = "".join(chr(ord(char) + 0xFEE0) for char in self.CODE.lower())
        response = self.register(smsCode=code, creditCode=f" {wide} ")
        self.assertEqual(response.status, 201, response.body)
        self.assertEqual(response.json()["user"]["unit"]["creditCode"], self.CODE)

    def test_unit_without_agency_registration(self):
        from server.identifiers import credit_code_check_char, organisation_code_check_char
        code = "91350100MA4UNK9W" + organisation_code_check_char("MA4UNK9W")
        code += credit_code_check_char(code)
        error = self.assertError(self.register(creditCode=code), 422, "unit_not_insured")
        self.assertEqual(error["field"], "creditCode")

    def test_unit_already_online(self):
        error = self.assertError(self.register(creditCode="91350100MA2Y3K7D3D"), 409,
                                 "unit_registered")
        self.assertEqual(error["field"], "creditCode")

    def test_legal_person_username_taken(self):
        self.assertError(self.register(username="chenjianhua"), 409, "username_taken")
