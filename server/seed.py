"""Fictional demo data, written when a database is created.

All identifiers are invented but pass their checks: ID-card numbers carry a
correct GB 11643 check character and a Fujian division prefix (3501 Fuzhou,
3502 Xiamen), credit codes a correct GB 32100 check character and GB 11714
organisation-code check character, and mobiles a Fujian prefix.
"""

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
