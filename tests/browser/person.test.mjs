// The visitor and person screens end to end against serve.py: an SMS-code login with the code
// read from the server's SMS outbox, the person's rights, a registration, the download centre
// and the assistant 小易, at desktop and phone widths.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import {
  assertNoImGuiError, clickWidget, findSettledWidget, findWidget, launchChromium, openPortal,
  repoRoot, startServer, widgets,
} from "./chromium.mjs";

const shots = path.join(repoRoot, "test-results");
let server;

before(async () => {
  server = await startServer();
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await server?.stop();
});

// Returns the 6-digit code of the newest SMS to `mobile` in the server's outbox table. The
// development gateway stores the message text; the code table itself keeps only an HMAC.
function latestSmsCode(dbPath, mobile) {
  const script = [
    "import re, sqlite3, sys",
    "row = sqlite3.connect(sys.argv[1]).execute(",
    "    'SELECT message FROM sms_outbox WHERE mobile = ? ORDER BY id DESC LIMIT 1',",
    "    (sys.argv[2],)).fetchone()",
    "print(re.search(r'\\d{6}', row[0]).group(0) if row else '')",
  ].join("\n");
  return execFileSync("python3", ["-c", script, dbPath, mobile], { encoding: "utf8" }).trim();
}

// Opens the portal once portal-config.json has arrived: its notices move the quick links down,
// so a click aimed earlier could miss.
async function openHome(context) {
  const page = await openPortal(context, server.url);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(200);
  return page;
}

async function typeInto(page, label, text) {
  await clickWidget(page, "textbox", label);
  await page.keyboard.type(text);
}

// Waits for a widget whose label matches `pattern`.
async function findWidgetMatching(page, role, pattern, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = (await widgets(page)).find((w) => w.role === role && pattern.test(w.label));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${role} matching ${pattern}`);
    await page.waitForTimeout(50);
  }
}

async function screenshot(page, name) {
  await page.waitForTimeout(150);
  await assertNoImGuiError(page);
  await page.screenshot({ path: path.join(shots, name) });
}

// Clicks "获取验证码" and waits for the server's response.
async function requestSmsCode(page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/sms-codes")),
    clickWidget(page, "button", "获取验证码"),
  ]);
  return response;
}

test("person logs in with an SMS code and reads their rights", async () => {
  const browser = await launchChromium();
  try {
    const page = await openHome(browser.context);
    await clickWidget(page, "button", "个人登录");
    await clickWidget(page, "radio", "短信验证码登录");
    await typeInto(page, "手机号码", "13805910001");
    const sent = await requestSmsCode(page);
    assert.equal(sent.status(), 200);

    // The countdown runs without input: two labels a second or more apart differ.
    const first = await findWidgetMatching(page, "button", /^重新获取\(\d:\d\d\)$/);
    await page.waitForTimeout(2100);
    const later = await findWidgetMatching(page, "button", /^重新获取\(\d:\d\d\)$/);
    assert.notEqual(first.label, later.label, "the SMS countdown did not advance");
    await screenshot(page, "sms-countdown.png");

    const code = latestSmsCode(server.dbPath, "13805910001");
    assert.match(code, /^\d{6}$/);
    await typeInto(page, "短信验证码", code);
    const [login] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/sessions")),
      clickWidget(page, "button", "登录"),
    ]);
    assert.equal(login.status(), 200);
    await findWidget(page, "button", "退出");

    const [rights] = await Promise.all([
      page.waitForResponse((r) => r.url().includes("/api/me/contributions?pageSize=100&year=")),
      clickWidget(page, "button", "我的社保权益"),
    ]);
    assert.equal(rights.status(), 200);
    await findWidget(page, "button", "2025年");
    // Screen readers get both tables with their column headers and cells.
    const enrolments = page.getByRole("table", { name: "参保信息" });
    await enrolments.getByRole("columnheader", { name: "参保状态", exact: true })
      .waitFor({ state: "attached", timeout: 10000 });
    assert.ok(await enrolments.getByRole("cell").count() >= 6, "the enrolment rows have cells");
    const contributions = page.getByRole("table", { name: "缴费记录" });
    await contributions.getByRole("cell", { name: "合计", exact: true })
      .waitFor({ state: "attached", timeout: 10000 });
    await screenshot(page, "person-rights.png");
  } finally {
    await browser.close();
  }
});

test("refuses an SMS code for a number outside Fujian before sending", async () => {
  const browser = await launchChromium();
  try {
    const page = await openHome(browser.context);
    let smsRequests = 0;
    page.on("request", (r) => { if (r.url().endsWith("/api/sms-codes")) smsRequests++; });
    await clickWidget(page, "button", "个人登录");
    await clickWidget(page, "radio", "短信验证码登录");
    // 139 1000 is registered in Beijing in libphonenumber's geocoding data.
    await typeInto(page, "手机号码", "13910001234");
    await clickWidget(page, "button", "获取验证码");
    const alert = await findWidgetMatching(page, "alert", /仅支持福建省内手机号码/);
    assert.match(alert.label, /北京/);
    assert.equal(smsRequests, 0);
    await screenshot(page, "sms-refused.png");
  } finally {
    await browser.close();
  }
});

test("person registers with an SMS code", async () => {
  const browser = await launchChromium({ viewport: { width: 1280, height: 1000 } });
  try {
    const page = await openHome(browser.context);
    await clickWidget(page, "button", "个人注册");
    await typeInto(page, "用户名", "zhangsan01");
    await clickWidget(page, "textbox", "姓名");
    // Chinese arrives through the text agent as inserted text, as an IME commits it.
    await page.keyboard.insertText("张三");
    await typeInto(page, "身份证号码", "350121198804305170");
    await typeInto(page, "手机号码", "13805918888");
    const sent = await requestSmsCode(page);
    assert.equal(sent.status(), 200);
    await typeInto(page, "短信验证码", latestSmsCode(server.dbPath, "13805918888"));
    await typeInto(page, "设置密码", "Zhang@2026");
    await typeInto(page, "确认密码", "Zhang@2026");
    await screenshot(page, "registration-filled.png");

    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/persons")),
      clickWidget(page, "button", "提交注册"),
    ]);
    assert.equal(response.status(), 201);
    assert.equal((await response.json()).user.account, "zhangsan01");
    await findWidget(page, "button", "立即登录");
    await screenshot(page, "registration-done.png");
  } finally {
    await browser.close();
  }
});

test("download centre saves a document", async () => {
  const browser = await launchChromium({ acceptDownloads: true });
  try {
    const page = await openHome(browser.context);
    await clickWidget(page, "button", "下载中心");
    await findWidget(page, "button", "下载操作手册");
    await screenshot(page, "downloads.png");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      clickWidget(page, "button", "下载操作手册"),
    ]);
    assert.equal(download.suggestedFilename(), "operation-manual.md");
  } finally {
    await browser.close();
  }
});

test("assistant answers from the page's own knowledge base", async () => {
  const browser = await launchChromium();
  try {
    const page = await openHome(browser.context);
    await clickWidget(page, "button", "小易智能客服");
    // The panel is laid out over its first frames; the field is clicked once it stays put.
    await findSettledWidget(page, "textbox", "向小易提问");
    await clickWidget(page, "textbox", "向小易提问");
    await page.keyboard.insertText("收不到验证码怎么办");
    await page.keyboard.press("Enter");
    // The answer to this question suggests its related questions as buttons.
    await findWidget(page, "button", "短信验证码多久可以重新获取一次？");
    await screenshot(page, "assistant.png");
  } finally {
    await browser.close();
  }
});

test("phone width shows the login SMS field and registration without clipping", async () => {
  const browser = await launchChromium({ viewport: { width: 412, height: 860 }, isMobile: true,
    hasTouch: true });
  try {
    const page = await openHome(browser.context);
    await clickWidget(page, "button", "个人登录");
    await clickWidget(page, "radio", "短信验证码登录");
    const button = await findWidget(page, "button", "获取验证码");
    assert.ok(button.x + button.width <= 412, `SMS button ends at ${button.x + button.width}`);
    await screenshot(page, "phone-sms-login.png");
    await clickWidget(page, "button", "取消");
    await page.goto(`${server.url}#/portal-module/register`);
    await findWidget(page, "textbox", "用户名");
    for (const widget of await widgets(page)) {
      assert.ok(widget.x + widget.width <= 413, `${widget.label} ends at ${widget.x + widget.width}`);
    }
    await screenshot(page, "phone-registration.png");
  } finally {
    await browser.close();
  }
});
