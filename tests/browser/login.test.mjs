// The walking skeleton end to end: serve.py with a fresh SQLite database, the WebAssembly app
// in headless Chromium, and a person's password login typed into the canvas.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import {
  assertNoImGuiError, clickWidget, findWidget, launchChromium, repoRoot, startServer, waitForFrames, widgets,
} from "./chromium.mjs";

const shots = path.join(repoRoot, "test-results");
let server;
let browser;
let page;

// Counts what a screenshot shows: distinct colours and pixels that differ from the page
// background. A blank or single-colour canvas has almost none.
async function describeScreenshot(buffer) {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    const colours = new Set();
    let ink = 0;
    const [r0, g0, b0] = [data[0], data[1], data[2]];
    for (let i = 0; i < data.length; i += 4) {
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      if (Math.abs(data[i] - r0) + Math.abs(data[i + 1] - g0) + Math.abs(data[i + 2] - b0) > 60) ink++;
    }
    return { colours: colours.size, inkRatio: ink / (data.length / 4) };
  }, buffer.toString("base64"));
}

async function screenshot(name) {
  await assertNoImGuiError(page);
  mkdirSync(shots, { recursive: true });
  const buffer = await page.screenshot({ path: path.join(shots, name) });
  return describeScreenshot(buffer);
}

before(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on("pageerror", (error) => console.log("page error:", error.message));
  await page.goto(server.url);
  await waitForFrames(page, 1);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("home page draws the portal with Chinese text", async () => {
  await findWidget(page, "button", "个人登录");
  const picture = await screenshot("home.png");
  assert.ok(picture.colours > 50, `home screenshot has only ${picture.colours} colours`);
  assert.ok(picture.inkRatio > 0.03, `home screenshot is nearly blank (${picture.inkRatio})`);
  const labels = (await widgets(page)).map((w) => w.label);
  for (const label of ["个人登录", "单位登录", "下载中心", "小易智能客服", "返回旧版网厅"]) {
    assert.ok(labels.includes(label), `home page lacks "${label}"`);
  }
});

test("login dialog offers three user kinds", async () => {
  await clickWidget(page, "button", "个人登录");
  for (const tab of ["个人用户", "单位经办人", "单位法人"]) {
    await findWidget(page, "tab", tab);
  }
  await findWidget(page, "textbox", "用户名/身份证号/手机号");
  await findWidget(page, "textbox", "密码");
});

test("wrong password shows the server's refusal and keeps the dialog", async () => {
  await clickWidget(page, "textbox", "用户名/身份证号/手机号");
  await page.keyboard.type("linxiaoming");
  await clickWidget(page, "textbox", "密码");
  await page.keyboard.type("Wrong@2026");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/sessions")),
    page.keyboard.press("Enter"),
  ]);
  assert.equal(response.status(), 401);
  const body = await response.json();
  assert.equal(body.error.code, "invalid_credentials");
  await findWidget(page, "button", "登录");
  await page.waitForTimeout(200);
  await screenshot("login-refused.png");
});

test("person logs in with a password typed into the canvas", async () => {
  // The password field still holds the wrong password: select it all and retype.
  await clickWidget(page, "textbox", "密码");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("Demo@2026");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/sessions")),
    clickWidget(page, "button", "登录"),
  ]);
  assert.equal(response.status(), 200);
  const body = await response.json();
  assert.equal(body.user.name, "林晓明");
  assert.equal(body.user.kind, "person");

  await findWidget(page, "button", "退出");
  await page.waitForTimeout(200);
  const picture = await screenshot("logged-in.png");
  assert.ok(picture.inkRatio > 0.03, "logged-in screenshot is nearly blank");
});

test("logout returns to the entrances", async () => {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/session")),
    clickWidget(page, "button", "退出"),
  ]);
  assert.equal(response.status(), 200);
  await findWidget(page, "button", "个人登录");
});
