"""Check characters of ID-card numbers and credit codes, and masking."""

import unittest

from server import identifiers, seed


class IdCardNumberTest(unittest.TestCase):
    def test_check_char_examples(self):
        self.assertEqual(identifiers.id_card_check_char("35010219900307123"), "4")
        # The GB 11643 example number 11010519491231002X ends in X.
        self.assertEqual(identifiers.id_card_check_char("11010519491231002"), "X")

    def test_valid_and_invalid(self):
        self.assertTrue(identifiers.is_valid_id_card_number("11010519491231002X"))
        self.assertFalse(identifiers.is_valid_id_card_number("110105194912310021"))
        self.assertFalse(identifiers.is_valid_id_card_number("11010519491231002x"))
        self.assertFalse(identifiers.is_valid_id_card_number("3501021990030712"))
        self.assertFalse(identifiers.is_valid_id_card_number(None))


class CreditCodeTest(unittest.TestCase):
    def test_seed_codes_are_valid(self):
        for code in (seed.UNIT_FUZHOU["credit_code"], seed.UNIT_XIAMEN["credit_code"],
                     seed.UNIT_UNREGISTERED["credit_code"]):
            with self.subTest(code=code):
                self.assertTrue(identifiers.is_valid_credit_code(code))
                self.assertEqual(code[2:4], "35")

    def test_wrong_check_char_is_invalid(self):
        code = seed.UNIT_FUZHOU["credit_code"]
        self.assertFalse(identifiers.is_valid_credit_code(code[:17] + "0"))

    def test_wrong_organisation_check_char_is_invalid(self):
        code = seed.UNIT_FUZHOU["credit_code"]
        broken = code[:16] + "9"
        broken += identifiers.credit_code_check_char(broken)
        self.assertFalse(identifiers.is_valid_credit_code(broken))

    def test_excluded_letters_are_invalid(self):
        for letter in "IOZSV":
            code = "91350100MA2Y3K7" + letter
            code += identifiers.organisation_code_check_char(code[8:16])
            code += "0"
            with self.subTest(letter=letter):
                self.assertFalse(identifiers.is_valid_credit_code(code))

    def test_organisation_check_char_mapping(self):
        # GB 11714: 11 - sum % 11, with 10 written as X and 11 as 0.
        self.assertEqual(identifiers.organisation_code_check_char("D2143569"), "X")
        self.assertEqual(identifiers.organisation_code_check_char("00000000"), "0")


class SeedIdentifiersTest(unittest.TestCase):
    def test_seed_people_have_fujian_numbers(self):
        people = [seed.PERSON, seed.UNIT_FUZHOU["legal_person"], seed.UNIT_XIAMEN["legal_person"],
                  *seed.UNIT_FUZHOU["designated_agents"], *seed.UNIT_XIAMEN["designated_agents"]]
        for person in people:
            with self.subTest(name=person["name"]):
                self.assertTrue(identifiers.is_valid_id_card_number(person["id_card_number"]))
                self.assertEqual(person["id_card_number"][:2], "35")
                self.assertTrue(identifiers.is_mobile_number(person["mobile"]))


class MaskTest(unittest.TestCase):
    def test_masks(self):
        self.assertEqual(identifiers.mask_id_card_number("350102199003071234"),
                         "3501**********1234")
        self.assertEqual(identifiers.mask_mobile("13805915678"), "138****5678")

    def test_masks_numbers_in_text(self):
        text = "/api/x/35010219900307123X?m=13805915678&n=12345678901234567890"
        self.assertEqual(identifiers.mask_personal_numbers(text),
                         "/api/x/3501**********123X?m=138****5678&n=12345678901234567890")
