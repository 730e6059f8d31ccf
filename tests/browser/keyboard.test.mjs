// Keyboard use in a real browser. Escape closes dialogs without losing what was typed, and Tab
// moves through the login and staff-addition forms in visual order. Enter submits both forms.
// A Chinese name typed through a simulated IME reaches the server's database intact.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import {
  assertNoImGuiError, clickWidget, findSettledWidget, findWidget, launchChromium, openPortal,
  prepareAgent, queryDatabase, repoRoot, startServer, waitForNoDialog, widgets,
} from "./chromium.mjs";

const shots = path.join(repoRoot, "test-results");
// 睿 is a GB 2312 level-2 character and 喆 is outside GB 2312.
const rareName = "林睿喆";
let server;
let browser;
let agent;
let page;
let cdp;

before(async () => {
  server = await startServer();
  agent = await prepareAgent(server, { openPlatform: false });
  browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
  page = await openPortal(browser.context, server.url);
  cdp = await browser.context.newCDPSession(page);
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function dialogs() {
  return (await widgets(page)).filter((w) => w.role === "dialog").map((w) => w.label);
}

// Presses Escape and waits until no dialog is open.
async function escapeCloses(name) {
  await page.keyboard.press("Escape");
  await waitForNoDialog(page).catch(async () => {
    throw new Error(`Escape left the ${name} open: ${await dialogs()}`);
  });
}

// The label of the one widget that has keyboard focus in the last frame.
async function focusedLabel() {
  const focused = (await widgets(page)).filter((w) => w.focused);
  assert.equal(focused.length, 1, `focus is on ${JSON.stringify(focused.map((w) => w.label))}`);
  return focused[0];
}

// Presses Tab and waits for the app's focus to move off `from`.
async function tabFrom(from, key = "Tab") {
  await page.keyboard.press(key);
  await page.waitForFunction((label) => {
    const list = JSON.parse(Module.UTF8ToString(Module._portal_widgets_json()));
    const focused = list.filter((w) => w.focused);
    return focused.length === 1 && focused[0].label !== label;
  }, from.label, { timeout: 10000 });
  return focusedLabel();
}

async function replaceText(label, text) {
  await clickWidget(page, "textbox", label);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await cdp.send("Input.insertText", { text });
}

test("Escape closes login and keeps input", async () => {
  await clickWidget(page, "button", "个人登录");
  await findSettledWidget(page, "tab", "个人用户");
  await clickWidget(page, "textbox", "用户名/身份证号/手机号");
  await page.keyboard.type("linxiaoming");
  await escapeCloses("login dialog");

  await clickWidget(page, "button", "个人登录");
  await findSettledWidget(page, "tab", "个人用户");
  await clickWidget(page, "textbox", "密码");
  await page.keyboard.type("Wrong@2026");
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith("/api/sessions")),
    page.keyboard.press("Enter"),
  ]);
  assert.equal(JSON.parse(request.postData()).account, "linxiaoming");
  await escapeCloses("login dialog after a refusal");
});

test("login form Tab order and Enter", async () => {
  await clickWidget(page, "button", "单位登录");
  await findSettledWidget(page, "tab", "单位经办人");
  await clickWidget(page, "radio", "用户名登录");
  await replaceText("用户名", agent.account);

  let focus = await focusedLabel();
  assert.equal(focus.label, "用户名");
  focus = await tabFrom(focus);
  assert.deepEqual([focus.role, focus.label], ["textbox", "密码"]);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.type(agent.password);
  focus = await tabFrom(focus);
  assert.deepEqual([focus.role, focus.label], ["button", "登录"]);
  focus = await tabFrom(focus);
  assert.deepEqual([focus.role, focus.label], ["button", "取消"]);
  focus = await tabFrom(focus, "Shift+Tab");
  focus = await tabFrom(focus, "Shift+Tab");
  assert.equal(focus.label, "密码");

  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/sessions")),
    page.keyboard.press("Enter"),
  ]);
  assert.equal(response.status(), 200);
  await findWidget(page, "button", "退出");
});

test("Escape closes reminder and platform result", async () => {
  await findWidget(page, "button", "知道了");
  await escapeCloses("overdue-review reminder");

  await clickWidget(page, "button", "开通多险平台");
  await findWidget(page, "button", "立即开通");
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/agent/platform") && r.request().method() === "POST"),
    clickWidget(page, "button", "立即开通"),
  ]);
  await findWidget(page, "button", "前往增员申报");
  await escapeCloses("platform opening result");
});

test("addition form Tab order is visual", async () => {
  await clickWidget(page, "button", "增员");
  await clickWidget(page, "textbox", "证件号码");
  let focus = await focusedLabel();
  const visited = [focus];
  while (focus.label !== "提交增员申报" && visited.length < 30) {
    focus = await tabFrom(focus);
    visited.push(focus);
  }
  const labels = visited.map((w) => w.label);
  for (let i = 1; i < visited.length; i++) {
    const [before, now] = [visited[i - 1], visited[i]];
    const sameRow = Math.abs(now.y - before.y) < before.height / 2;
    assert.ok(sameRow ? now.x > before.x : now.y > before.y,
      `Tab went from "${before.label}" back to "${now.label}": ${labels.join(" → ")}`);
  }
  const fields = ["证件号码", "姓名 *", "民族", "手机号码 *", "户口性质", "用工形式", "企业养老",
    "工伤", "月缴费基数（元）", "备注", "提交增员申报"];
  assert.deepEqual(labels.filter((label) => fields.includes(label)), fields);
});

test("IME-typed name stored intact", async () => {
  await replaceText("证件号码", "350205199106114174");
  await clickWidget(page, "textbox", "姓名 *");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  // Pinyin composed and shown as candidates, then each part committed.
  await cdp.send("Input.imeSetComposition", { text: "lin", selectionStart: 3, selectionEnd: 3 });
  await cdp.send("Input.imeSetComposition", { text: "林", selectionStart: 1, selectionEnd: 1 });
  await cdp.send("Input.insertText", { text: "林" });
  await cdp.send("Input.imeSetComposition", { text: "ruizhe", selectionStart: 6, selectionEnd: 6 });
  await cdp.send("Input.imeSetComposition", { text: "睿喆", selectionStart: 2, selectionEnd: 2 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(shots, "keyboard-ime-name.png") });
  await cdp.send("Input.insertText", { text: "睿喆" });
  // Escape leaves the field but never drops what was typed in it.
  await page.keyboard.press("Escape");

  await replaceText("手机号码 *", "13805913009");
  await replaceText("月缴费基数（元）", "6000");
  await clickWidget(page, "checkbox", "企业养老");
  await replaceText("备注", "键盘提交");
  await page.waitForTimeout(200);
  await assertNoImGuiError(page);
  await page.screenshot({ path: path.join(shots, "keyboard-addition-filled.png") });

  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/declarations") && r.request().method() === "POST"),
    page.keyboard.press("Enter"),
  ]);
  assert.equal(response.status(), 201);
  assert.equal(JSON.parse(response.request().postData()).name, rareName);
  const id = (await response.json()).declarations[0].id;
  assert.equal(queryDatabase(server.dbPath, "SELECT name FROM declarations WHERE id = ?", id), rareName);

  await findWidget(page, "button", "继续办理");
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(shots, "keyboard-addition-result.png") });
  await escapeCloses("declaration result");
});

test("Escape cancels rollback confirmation", async () => {
  await clickWidget(page, "button", "申报业务回退");
  await clickWidget(page, "button", "回退");
  await findWidget(page, "button", "确认回退");
  await escapeCloses("rollback confirmation");
  const rolledBack = queryDatabase(server.dbPath,
    "SELECT count(*) FROM declarations WHERE status = 'rolled_back'");
  assert.equal(rolledBack, "0", "Escape rolled a declaration back");
});
