// Prepares accounts and data on a scratch serve.py through its REST API and its SQLite file,
// for browser tests and benchmarks that start behind the login screens.
import { execFileSync } from "node:child_process";

// The seeded unit 福州榕城示例科技有限公司, its legal person and its first agent.
export const SEEDED_UNIT = {
  creditCode: "91350100MA2Y3K7D3D",
  legalPerson: { account: "chenjianhua", mobile: "13805912001", password: "Demo@2026" },
  agent: { account: "ma2y3k7d01", mobile: "13805913001" },
};

// Runs `script` with Python's sqlite3 on the server's database; sys.argv[1] is its path and
// sys.argv[2] the JSON of `data`. Returns what the script prints.
export function runOnDatabase(server, script, data = null) {
  return execFileSync("python3", ["-c", `import json, sqlite3, sys\n${script}`, server.dbPath,
    JSON.stringify(data)]).toString();
}

// The text of the newest SMS the development gateway stored for `mobile`.
export function lastSms(server, mobile) {
  return runOnDatabase(server,
    "row = sqlite3.connect(sys.argv[1]).execute(" +
    "'SELECT message FROM sms_outbox WHERE mobile = ? ORDER BY rowid DESC', " +
    "(json.loads(sys.argv[2]),)).fetchone()\nprint(row[0] if row else '')", mobile).trim();
}

export async function api(server, method, url, body, token) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(new URL(url, server.url), {
    method, headers, body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

async function expectOk(responsePromise, what) {
  const response = await responsePromise;
  if (response.status !== 200) {
    throw new Error(`${what} failed with ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

// Signs the seeded legal person in, syncs the unit's agents, gives the first agent `password`
// in place of its initial one and opens the multi-insurance platform for every type it may
// handle. Returns the agent's username.
export async function prepareAgent(server, password) {
  const { legalPerson, agent } = SEEDED_UNIT;
  await expectOk(api(server, "POST", "/api/sms-codes",
    { mobile: legalPerson.mobile, purpose: "login" }), "the legal person's SMS code");
  const code = lastSms(server, legalPerson.mobile).match(/(\d{6})/)[1];
  const owner = await expectOk(api(server, "POST", "/api/sessions", {
    kind: "legal_person", method: "sms_password", account: legalPerson.account,
    mobile: legalPerson.mobile, smsCode: code, password: legalPerson.password,
  }), "the legal person's login");
  await expectOk(api(server, "POST", "/api/unit/agents/sync", {}, owner.token), "the agent sync");

  const initial = lastSms(server, agent.mobile).match(/初始密码(\S+?)，/)[1];
  const first = await expectOk(api(server, "POST", "/api/sessions",
    { kind: "agent", method: "password", account: agent.account, password: initial }),
  "the agent's first login");
  await expectOk(api(server, "POST", "/api/session/password", { newPassword: password },
    first.token), "setting the agent's password");
  const session = await expectOk(api(server, "POST", "/api/sessions",
    { kind: "agent", method: "password", account: agent.account, password }),
  "the agent's login");
  await expectOk(api(server, "POST", "/api/agent/platform",
    { insuranceTypes: ["pension", "work_injury", "unemployment"] }, session.token),
  "opening the platform");
  return agent.account;
}

// Adds `count` synthetic staff members with a pension and a work-injury record each to the
// unit's staff list, straight into the database.
export function addStaff(server, creditCode, count) {
  const script = `
credit_code, count = json.loads(sys.argv[2])
weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
surnames, given = "林陈黄张吴王郑李", ["晓明", "建华", "丽娟", "志强", "雅婷", "国栋"]
rows = []
for i in range(count):
    first17 = f"350102{1960 + i % 40}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
    number = first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]
    name = surnames[i % 8] + given[i % 6]
    for insurance_type in ("pension", "work_injury"):
        rows.append((credit_code, number, name, insurance_type, "active", 5000 + i % 7000,
                     "2024-01"))
with sqlite3.connect(sys.argv[1]) as connection:
    connection.executemany(
        "INSERT INTO staff_records (credit_code, id_card_number, name, insurance_type, status,"
        " contribution_base, start_month) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
`;
  runOnDatabase(server, script, [creditCode, count]);
}
