// The portal under network faults and malformed responses, in Chromium against serve.py: a session
// ended elsewhere, a lost connection, gateway errors and a body that is not JSON. In every case
// the page keeps running and what the agent typed stays in the form.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";

import {
  callApi, clickWidget, fillStaffAddition, findSettledWidget, findWidget, frameCount,
  launchChromium, openPortal, prepareAgent, queryDatabase, replaceFieldText, repoRoot,
  saveScreenshot, signInAgent, startServer, waitForNoDialog,
} from "./chromium.mjs";

const shots = path.join(repoRoot, "test-results", "faults");

let server;
let browser;
let page;
let cdp;
let agent;

async function screenshot(name) {
  await saveScreenshot(page, shots, name);
}

// Waits until a message whose text contains `text` is on screen, or, with `present` false,
// until none is.
async function waitForMessage(text, present = true, timeout = 20000) {
  await page.waitForFunction(([wanted, shown]) => {
    const list = JSON.parse(Module.UTF8ToString(Module._portal_widgets_json()));
    return list.some((w) => (w.label || "").includes(wanted)) === shown;
  }, [text, present], { timeout });
}

// Clicks a button of a dialog once the dialog has stopped moving (dialogs are placed during
// their first frames), then waits until no dialog is open.
async function clickDialogButton(label) {
  await findSettledWidget(page, "button", label, 20000);
  await clickWidget(page, "button", label);
  await waitForNoDialog(page, 20000);
}

// Signs the agent in, closes the reminder of overdue declarations that the seeded unit has, and
// resolves to the session's token.
async function signIn() {
  const login = page.waitForResponse((r) => r.url().endsWith("/api/sessions"));
  await signInAgent(page, agent);
  const token = (await (await login).json()).token;
  await clickDialogButton("知道了");
  return token;
}

function fillAddition(number, name) {
  return fillStaffAddition(page, cdp, number, name);
}

// Submits the addition form; a stored declaration's result dialog is closed again.
async function submitAddition() {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/declarations") &&
      r.request().method() === "POST"),
    clickWidget(page, "button", "提交增员申报"),
  ]);
  if (response.status() === 201) {
    await clickDialogButton("继续办理");
  }
  return response;
}

function declarationsOf(name) {
  return Number(queryDatabase(server.dbPath,
    "SELECT COUNT(*) FROM declarations WHERE name = ?", name));
}

before(async () => {
  server = await startServer();
  agent = await prepareAgent(server);
  browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
  page = await openPortal(browser.context, server.url);
  cdp = await browser.context.newCDPSession(page);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("a session ended elsewhere returns to the filled form after login", async () => {
  const token = await signIn();
  await fillAddition("350205199106114174", "张国栋");
  // The agent signs out on another device: the server no longer accepts this page's token.
  assert.equal((await callApi(server.url, "DELETE", "/api/session", undefined, token)).status, 200);

  const rejected = await submitAddition();
  assert.equal(rejected.status(), 401);
  await findWidget(page, "dialog", "用户登录");
  await waitForMessage("您填写的内容已保留");
  await screenshot("session-ended.png");

  // The login keeps the user name; only the password is typed again.
  await replaceFieldText(page, cdp, "密码", agent.password);
  const [again] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/sessions")),
    clickWidget(page, "button", "登录"),
  ]);
  assert.equal(again.status(), 200);
  await clickDialogButton("知道了");
  await findWidget(page, "button", "提交增员申报");
  // Nothing is typed again: the declaration stored is the one filled before the session ended.
  const stored = await submitAddition();
  assert.equal(stored.status(), 201);
  assert.equal(declarationsOf("张国栋"), 1);
  assert.equal(queryDatabase(server.dbPath,
    "SELECT id_card_number FROM declarations WHERE name = ?", "张国栋"), "350205199106114174");
});

test("a lost connection is announced and clears by itself", async () => {
  await browser.context.setOffline(true);
  await waitForMessage("网络连接已中断");
  await screenshot("offline.png");
  await browser.context.setOffline(false);
  await waitForMessage("网络连接已中断", false);
});

test("gateway errors are resent with the same key and then offered for retry", async () => {
  await fillAddition("350205198803153211", "林海生");
  const keys = [];
  await page.route("**/api/declarations", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    keys.push(route.request().headers()["idempotency-key"]);
    await route.fulfill({ status: 503, contentType: "text/html", body: "<h1>503</h1>" });
  });
  await clickWidget(page, "button", "提交增员申报");
  await waitForMessage("您填写的内容已保留");
  assert.equal(keys.length, 3, "the declaration is sent three times before the user is asked");
  assert.equal(new Set(keys).size, 1, "every send carries the same idempotency key");
  await screenshot("gateway-error.png");

  await page.unroute("**/api/declarations");
  // The retry sends what was typed before the errors.
  const stored = await submitAddition();
  assert.equal(stored.status(), 201);
  assert.equal(declarationsOf("林海生"), 1);
});

test("a failed read is resent without the user", async () => {
  let failures = 0;
  await page.route("**/api/staff?*", async (route) => {
    if (failures < 2) {
      failures += 1;
      await route.abort("connectionreset");
      return;
    }
    await route.continue();
  });
  await clickWidget(page, "button", "人员列表");
  await findWidget(page, "button", "详情", 20000);
  assert.equal(failures, 2);
  await page.unroute("**/api/staff?*");
});

test("a non-JSON body gives a message", async () => {
  await page.route("**/api/staff?*", (route) => route.fulfill({
    status: 200, contentType: "application/json", body: Buffer.from([0x7b, 0xff, 0xfe, 0x22]),
  }));
  await clickWidget(page, "button", "增员");
  await clickWidget(page, "button", "人员列表");
  await waitForMessage("无法识别");
  await findWidget(page, "button", "重新加载");
  const before = await frameCount(page);
  await page.unroute("**/api/staff?*");
  await clickWidget(page, "button", "重新加载");
  await findWidget(page, "button", "详情", 20000);
  assert.ok(await frameCount(page) > before, "the page still draws");
  await screenshot("after-malformed.png");
});
