// URL hash routes in a real browser: back and forward move between the agent's screens, and a
// deep link to a screen behind a login opens the login first and the screen after it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  clickWidget, findSettledWidget, findWidget, launchChromium, openPortal, prepareAgent, signInAgent,
  startServer, waitForFrames, waitForNoDialog, widgets,
} from "./chromium.mjs";

let server;
let browser;
let agent;

before(async () => {
  server = await startServer();
  agent = await prepareAgent(server);
  browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function waitForHash(page, hash) {
  await page.waitForFunction((expected) => window.location.hash === expected, hash,
    { timeout: 10000 });
}

// Whether the last frame shows a widget with this role and label.
async function shows(page, role, label) {
  return (await widgets(page)).some((w) => w.role === role && w.label === label);
}

// Waits until the screen with `marker` (a button only that screen has) is drawn and the address
// bar shows `hash`.
async function expectScreen(page, hash, marker) {
  await waitForHash(page, hash);
  await findWidget(page, "button", marker);
}

// Closes the overdue-review reminder that the seeded data raises after an agent's login.
async function closeReminder(page) {
  await clickWidget(page, "button", "知道了");
  await waitForNoDialog(page);
}

test("deep link to an agent screen logs in first", async () => {
  const page = await browser.context.newPage();
  try {
    await page.goto(`${server.url}#/agent-module/staff-addition`);
    await waitForFrames(page, 1);
    const tab = await findWidget(page, "tab", "单位经办人");
    assert.ok(tab.checked, "the login opened on another user kind");
    assert.equal(await page.evaluate(() => window.location.hash), "#/agent-module/staff-addition");

    await signInAgent(page, agent);
    await closeReminder(page);
    await expectScreen(page, "#/agent-module/staff-addition", "提交增员申报");
  } finally {
    await page.close();
  }
});

test("cancelled deep-link login restores address", async () => {
  const page = await browser.context.newPage();
  try {
    await page.goto(`${server.url}#/agent-module/staff`);
    await waitForFrames(page, 1);
    // The dialog is placed during its first frames, so the click waits until it stays put.
    await findSettledWidget(page, "button", "取消");
    await clickWidget(page, "button", "取消");
    await waitForHash(page, "#/portal-module/index");
    await waitForNoDialog(page);
  } finally {
    await page.close();
  }
});

test("back and forward switch screens", async () => {
  const page = await openPortal(browser.context, server.url);
  try {
    await signInAgent(page, agent);
    await closeReminder(page);
    await clickWidget(page, "button", "增员");
    await expectScreen(page, "#/agent-module/staff-addition", "提交增员申报");
    await clickWidget(page, "button", "人员列表");
    await expectScreen(page, "#/agent-module/staff", "办理减员");

    await page.goBack();
    await expectScreen(page, "#/agent-module/staff-addition", "提交增员申报");
    assert.ok(!(await shows(page, "button", "办理减员")), "the staff list is still drawn");

    // The page was opened without a hash, so the home page writes its route into that entry.
    await page.goBack();
    await waitForHash(page, "#/portal-module/index");
    await findWidget(page, "button", "小易智能客服");
    assert.ok(!(await shows(page, "button", "提交增员申报")), "the addition form is still drawn");

    await page.goForward();
    await expectScreen(page, "#/agent-module/staff-addition", "提交增员申报");
    await page.goForward();
    await expectScreen(page, "#/agent-module/staff", "办理减员");
    assert.equal(await page.title(), "人员列表 - 福建12333公共服务平台");
  } finally {
    await page.close();
  }
});
