"""Fictional demo data, written when a database is created.

All identifiers are invented but pass their checks. ID-card numbers have a
correct GB 11643 check character and a Fujian division prefix (3501 Fuzhou,
3502 Xiamen). Credit codes have correct GB 32100 and GB 11714 (organisation
code) check characters. Mobile numbers have a Fujian prefix.
"""

import json

DEMO_PASSWORD = "Demo@2026"

PERSON = {
    "username": "linxiaoming",
    "name": "林晓明",
    "id_card_number": "350102199003071234",
    "mobile": "13805910001",
}

# A Fuzhou unit whose registrations agree; unemployment lacks the online-declaration flag.
UNIT_FUZHOU = {
    "credit_code": "91350100MA2Y3K7D3D",
    "name": "福州榕城示例科技有限公司",
    "legal_person": {
        "username": "chenjianhua",
        "name": "陈建华",
        "id_card_number": "350102197602126111",
        "mobile": "13805912001",
    },
    "designated_agents": [
        {"name": "王志强", "id_card_number": "350203197809213011", "mobile": "13805913001"},
        {"name": "郑丽娟", "id_card_number": "350102198506124524", "mobile": "13805913003"},
    ],
    "registrations": [
        ("pension", "福州榕城示例科技有限公司", "13805913001", 1),
        ("work_injury", "福州榕城示例科技有限公司", "13805913001", 1),
        ("unemployment", "福州榕城示例科技有限公司", "13805913001", 0),
    ],
}

# A Xiamen unit whose name differs between its pension and unemployment registrations.
UNIT_XIAMEN = {
    "credit_code": "91350200MA8N4P2L7Y",
    "name": "厦门鹭岛示例贸易有限公司",
    "legal_person": {
        "username": "linmeiling",
        "name": "林美玲",
        "id_card_number": "350104199201152863",
        "mobile": "13905920001",
    },
    "designated_agents": [
        {"name": "陈伟", "id_card_number": "350121198804305170", "mobile": "13905920002"},
    ],
    "registrations": [
        ("pension", "厦门鹭岛示例贸易有限公司", "13905920002", 1),
        ("work_injury", "厦门鹭岛示例贸易有限公司", "13905920002", 1),
        ("unemployment", "厦门鹭岛示例商贸有限公司", "13905920002", 1),
    ],
}

# Known at the insurance agency but not yet registered online, for unit registration.
UNIT_UNREGISTERED = {
    "credit_code": "91350100MA31RT6B8D",
    "name": "福州闽都示例餐饮有限公司",
    "registrations": [
        ("pension", "福州闽都示例餐饮有限公司", "13805914001", 1),
    ],
}


# Staff records: (credit code, name, ID-card number, insurance type, base in yuan, start month).
# 吴海燕 has two active pension records in the Fuzhou unit, a duplicate only the service
# window can merge.
STAFF_RECORDS = [
    (UNIT_FUZHOU["credit_code"], "林晓明", "350102199003071234", "pension", 8000, "2020-07"),
    (UNIT_FUZHOU["credit_code"], "林晓明", "350102199003071234", "work_injury", 8000, "2020-07"),
    (UNIT_FUZHOU["credit_code"], "林晓明", "350102199003071234", "unemployment", 8000, "2020-07"),
    (UNIT_FUZHOU["credit_code"], "黄秀英", "350104198703152340", "pension", 6800, "2021-03"),
    (UNIT_FUZHOU["credit_code"], "黄秀英", "350104198703152340", "work_injury", 6500, "2021-03"),
    (UNIT_FUZHOU["credit_code"], "吴海燕", "350103199308221527", "pension", 5200, "2019-05"),
    (UNIT_FUZHOU["credit_code"], "吴海燕", "350103199308221527", "pension", 5200, "2022-01"),
    (UNIT_FUZHOU["credit_code"], "刘美华", "350122198505093266", "pension", 7000, "2018-09"),
    (UNIT_XIAMEN["credit_code"], "许静", "350102198211205386", "pension", 9000, "2023-02"),
]

# Rates in per mille of the base: (unit, person). Fujian's actual rates vary by year and
# industry; these are round demo values.
CONTRIBUTION_RATES = {"pension": (160, 80), "work_injury": (4, 0), "unemployment": (5, 5)}

DAY = 24 * 3600


class DemoSeed:
    """Writes the demo data of each schema version; called by Database.migrate()."""

    def __init__(self, hasher, clock):
        self.hasher = hasher
        self.clock = clock

    def __call__(self, connection, version):
        seeder = getattr(self, f"_seed_version_{version}", None)
        if seeder is not None:
            seeder(connection, self.clock.now())

    def _seed_version_1(self, connection, now):
        password_hash = self.hasher.hash(DEMO_PASSWORD)
        connection.execute(
            "INSERT INTO accounts (kind, username, name, id_card_number, mobile, password_hash,"
            " created_at) VALUES ('person', :username, :name, :id_card_number, :mobile,"
            " :password_hash, :now)",
            dict(PERSON, password_hash=password_hash, now=now))
        for unit in (UNIT_FUZHOU, UNIT_XIAMEN):
            cursor = connection.execute(
                "INSERT INTO units (credit_code, name, created_at) VALUES (?, ?, ?)",
                (unit["credit_code"], unit["name"], now))
            connection.execute(
                "INSERT INTO accounts (kind, username, name, id_card_number, mobile, unit_id,"
                " password_hash, created_at) VALUES ('legal_person', :username, :name,"
                " :id_card_number, :mobile, :unit_id, :password_hash, :now)",
                dict(unit["legal_person"], unit_id=cursor.lastrowid,
                     password_hash=password_hash, now=now))
            for agent in unit["designated_agents"]:
                connection.execute(
                    "INSERT INTO designated_agents (credit_code, name, id_card_number, mobile,"
                    " designated_at) VALUES (?, ?, ?, ?, ?)",
                    (unit["credit_code"], agent["name"], agent["id_card_number"],
                     agent["mobile"], now))
        for unit in (UNIT_FUZHOU, UNIT_XIAMEN, UNIT_UNREGISTERED):
            for insurance_type, unit_name, agent_mobile, online in unit["registrations"]:
                connection.execute(
                    "INSERT INTO insurance_registrations (credit_code, insurance_type, unit_name,"
                    " agent_mobile, online_declaration) VALUES (?, ?, ?, ?, ?)",
                    (unit["credit_code"], insurance_type, unit_name, agent_mobile, online))

    def _seed_version_4(self, connection, now):
        unit_names = {UNIT_FUZHOU["credit_code"]: UNIT_FUZHOU["name"],
                      UNIT_XIAMEN["credit_code"]: UNIT_XIAMEN["name"]}
        for credit_code, name, number, insurance_type, base, start in STAFF_RECORDS:
            connection.execute(
                "INSERT INTO staff_records (credit_code, id_card_number, name, insurance_type,"
                " status, contribution_base, start_month) VALUES (?, ?, ?, ?, 'active', ?, ?)",
                (credit_code, number, name, insurance_type, base, start))
        # Twelve months of 2025 contributions for the demo person.
        for month in range(1, 13):
            for insurance_type, (unit_rate, personal_rate) in CONTRIBUTION_RATES.items():
                base = 8000
                connection.execute(
                    "INSERT INTO contributions (id_card_number, insurance_type, month,"
                    " credit_code, unit_name, contribution_base, unit_amount_fen,"
                    " personal_amount_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (PERSON["id_card_number"], insurance_type, f"2025-{month:02d}",
                     UNIT_FUZHOU["credit_code"], unit_names[UNIT_FUZHOU["credit_code"]], base,
                     base * unit_rate // 10, base * personal_rate // 10))
        # Window declarations of the Fuzhou unit: one waiting six days (an overdue-review
        # reminder), one approved and one rejected.
        declarations = [
            ("addition", "work_injury", "刘美华", "350122198505093266",
             {"contributionBase": 7000, "startMonth": "2026-01"}, "pending", None, now - 6 * DAY),
            ("change", "pension", "黄秀英", "350104198703152340",
             {"changes": {"contributionBase": 6800}}, "approved", None, now - 20 * DAY),
            ("removal", "pension", "刘美华", "350122198505093266",
             {"endMonth": "2025-12", "reason": "解除劳动合同"}, "rejected",
             "减员原因与劳动合同信息不符，请核实后重新申报", now - 10 * DAY),
        ]
        for kind, insurance_type, name, number, details, status, reason, created in declarations:
            connection.execute(
                "INSERT INTO declarations (credit_code, kind, insurance_type, id_card_number,"
                " name, details, status, review_reason, created_at, reviewed_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (UNIT_FUZHOU["credit_code"], kind, insurance_type, number, name,
                 json.dumps(details, ensure_ascii=False), status, reason, created,
                 None if status == "pending" else created + 2 * DAY))
