// The unit screens end to end against serve.py with a scratch database. The legal person opens
// the agents' accounts. The agent opens the multi-insurance platform and declares a staff
// addition that the reviewer command approves, then rolls back another one still pending.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";

import {
  callApi, clickWidget, fillStaffAddition, findWidget, launchChromium, queryDatabase,
  replaceFieldText, repoRoot, saveScreenshot, startServer, waitForFrames, widgets,
} from "./chromium.mjs";

const shots = path.join(repoRoot, "test-results");
const agentPassword = "Agent@2027";
let server;
let browser;
let page;
let cdp;

function review(...args) {
  return execFileSync("python3", [path.join(repoRoot, "serve.py"), "review", ...args,
    "--db", server.dbPath]).toString();
}

// An 18-digit ID-card number with its GB 11643 check character.
function idCardNumber(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

async function screenshot(name) {
  await saveScreenshot(page, shots, name);
}

// Replaces the content of a text field: the login form keeps values typed for another kind.
async function typeInto(label, text) {
  await replaceFieldText(page, cdp, label, text);
}

// Opens the login dialog of unit users, which starts on the agent's tab. The dialog is placed
// during its first frames, so the test waits until it stays put.
async function openLogin() {
  await clickWidget(page, "button", "单位登录");
  await findWidget(page, "tab", "单位经办人");
  await page.waitForTimeout(300);
}

// Presses a tab with the button held for a few frames, as a person does: a tab reacts to the
// press, and a press and release within one frame may reach ImGui as one event.
async function pressTab(label) {
  const tab = await findWidget(page, "tab", label);
  await page.mouse.move(tab.x + tab.width / 2, tab.y + tab.height / 2);
  await page.waitForTimeout(100);
  await page.mouse.down();
  await page.waitForTimeout(100);
  await page.mouse.up();
}

async function labels(role) {
  return (await widgets(page)).filter((w) => w.role === role).map((w) => w.label);
}

async function declareAddition(number, name) {
  await fillStaffAddition(page, cdp, number, name);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/declarations") && r.request().method() === "POST"),
    clickWidget(page, "button", "提交增员申报"),
  ]);
  assert.equal(response.status(), 201);
  const body = await response.json();
  assert.equal(body.declarations.length, 1);
  return body.declarations[0].id;
}

before(async () => {
  server = await startServer();
  browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
  page = await browser.context.newPage();
  page.on("pageerror", (error) => console.log("page error:", error.message));
  await page.goto(server.url);
  await waitForFrames(page, 1);
  cdp = await browser.context.newCDPSession(page);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("legal person opens the agents' online accounts", async () => {
  const sms = await callApi(server.url, "POST", "/api/sms-codes", { mobile: "13805912001", purpose: "login" });
  assert.equal(sms.status, 200);
  const code = queryDatabase(server.dbPath,
    "SELECT message FROM sms_outbox WHERE mobile = ? ORDER BY rowid DESC", "13805912001",
  ).match(/(\d{6})/)[1];

  // A unit screen's route opens the login of the legal person first and follows after it.
  await page.evaluate(() => { window.location.hash = "#/unit-module/info"; });
  await findWidget(page, "textbox", "短信验证码");
  await page.waitForTimeout(300);
  await typeInto("用户名", "chenjianhua");
  await typeInto("手机号码", "13805912001");
  await typeInto("短信验证码", code);
  await typeInto("密码", "Demo@2026");
  await clickWidget(page, "button", "登录");
  await findWidget(page, "button", "退出");
  // Legal persons see the unit's overdue-review reminder too.
  await clickWidget(page, "button", "知道了");

  await findWidget(page, "button", "确认单位信息");
  await screenshot("unit-info.png");

  await clickWidget(page, "button", "经办人管理");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/unit/agents/sync")),
    clickWidget(page, "button", "单位网报开通/校验"),
  ]);
  assert.equal(response.status(), 200);
  const results = (await response.json()).results;
  assert.deepEqual(results.map((r) => r.result).sort(), ["created", "created"]);
  await screenshot("unit-agents.png");
  await clickWidget(page, "button", "退出");
  await findWidget(page, "button", "单位登录");
});

test("agent opens the platform after setting a password", async () => {
  const message = queryDatabase(server.dbPath,
    "SELECT message FROM sms_outbox WHERE mobile = ? ORDER BY rowid DESC", "13805913001");
  const initial = message.match(/初始密码(\S+?)，/)[1];
  const login = await callApi(server.url, "POST", "/api/sessions",
    { kind: "agent", method: "password", account: "ma2y3k7d01", password: initial });
  assert.equal(login.status, 200);
  const changed = await callApi(server.url, "POST", "/api/session/password",
    { newPassword: agentPassword }, login.body.token);
  assert.equal(changed.status, 200);

  await openLogin();
  await clickWidget(page, "radio", "用户名登录");
  await page.waitForTimeout(200);
  await typeInto("用户名", "ma2y3k7d01");
  await typeInto("密码", agentPassword);
  await clickWidget(page, "button", "登录");

  // The seeded work-injury addition of 刘美华 has waited 6 days for its review.
  await findWidget(page, "button", "查看待审核申报");
  await screenshot("unit-reminder.png");
  await clickWidget(page, "button", "知道了");

  await clickWidget(page, "button", "开通多险平台");
  await findWidget(page, "button", "立即开通");
  await screenshot("unit-platform.png");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/agent/platform") && r.request().method() === "POST"),
    clickWidget(page, "button", "立即开通"),
  ]);
  assert.equal(response.status(), 200);
  const body = await response.json();
  assert.deepEqual(body.results.map((r) => [r.insuranceType, r.opened]),
    [["pension", true], ["work_injury", true]]);
  await findWidget(page, "button", "前往增员申报");
  await screenshot("unit-platform-result.png");
  await clickWidget(page, "button", "前往增员申报");
  await findWidget(page, "button", "提交增员申报");
});

test("an approved addition shows under 审核已通过", async () => {
  const id = await declareAddition("350205199106114174", "张国栋");
  await findWidget(page, "button", "继续办理");
  await screenshot("unit-addition-result.png");
  await clickWidget(page, "button", "继续办理");

  review("approve", String(id));

  await clickWidget(page, "button", "人员申报查询");
  await findWidget(page, "tab", "审核已通过");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/declarations?") && r.url().includes("status=approved")),
    pressTab("审核已通过"),
  ]);
  const listed = (await response.json()).items.map((item) => item.id);
  assert.ok(listed.includes(id), `approved list ${listed} lacks ${id}`);
  await screenshot("unit-query-approved.png");
});

test("a pending addition is rolled back and a rejected one is refused", async () => {
  const pending = await declareAddition(idCardNumber("35010219900101003"), "陈晓东");
  await clickWidget(page, "button", "继续办理");
  const rejected = await declareAddition(idCardNumber("35010219920202004"), "林雪梅");
  await clickWidget(page, "button", "继续办理");
  review("reject", String(rejected), "--reason", "缴费基数与工资不符");

  await clickWidget(page, "button", "申报业务回退");
  await findWidget(page, "button", "回退");
  await clickWidget(page, "button", "回退");
  await findWidget(page, "button", "确认回退");
  await screenshot("unit-rollback-confirm.png");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/declarations/${pending}/rollback`)),
    clickWidget(page, "button", "确认回退"),
  ]);
  assert.equal(response.status(), 200);
  assert.equal((await response.json()).declaration.status, "rolled_back");

  await typeInto("申报编号", String(rejected));
  const [lookup] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/declarations/${rejected}`)),
    page.keyboard.press("Enter"),
  ]);
  assert.equal((await lookup.json()).declaration.status, "rejected");
  await page.waitForTimeout(200);
  assert.ok(!(await labels("button")).includes("回退此申报"), "a rejected declaration is offered for rollback");
  await screenshot("unit-rollback-refused.png");

  await clickWidget(page, "button", "人员申报查询");
  const [rejectedList] = await Promise.all([
    page.waitForResponse((r) => r.url().includes("status=rejected")),
    pressTab("审核未通过"),
  ]);
  const item = (await rejectedList.json()).items.find((d) => d.id === rejected);
  assert.equal(item.reviewReason, "缴费基数与工资不符");
  await screenshot("unit-query-rejected.png");
});

test("staff list shows masked numbers and opens the removal form", async () => {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/staff?")),
    clickWidget(page, "button", "人员列表"),
  ]);
  const items = (await response.json()).items;
  assert.ok(items.every((staff) => /\*{10}/.test(staff.idCardNumber)));
  await findWidget(page, "button", "办理减员");
  await screenshot("unit-staff.png");
  await clickWidget(page, "button", "办理减员");
  await findWidget(page, "button", "提交减员申报");
  await screenshot("unit-removal.png");
});

test("addition form stacks its labels on a phone", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await clickWidget(page, "button", "增员");
  const field = await findWidget(page, "textbox", "证件号码");
  assert.ok(field.x + field.width <= 390, `the ID-card field overflows: ${JSON.stringify(field)}`);
  await screenshot("unit-addition-phone.png");

  // The submit button is below the fold and comes into view by scrolling.
  await page.mouse.move(200, 500);
  await page.mouse.wheel(0, 1500);
  const submit = await findWidget(page, "button", "提交增员申报");
  assert.ok(submit.x + submit.width <= 390, "the submit button overflows the phone's width");
  await screenshot("unit-addition-phone-bottom.png");
  await page.setViewportSize({ width: 1280, height: 900 });
});
