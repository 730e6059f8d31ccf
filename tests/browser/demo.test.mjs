// The offline demo page opened from file:// with no server: it draws, a person logs in, the
// demo's state survives a reload (the SMS resend interval), the reset restores the seed, and a
// rare name character loads its chunk of the font supplement embedded in the page.
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";

import {
  assertNoImGuiError, clickWidget, findWidget, launchChromium, repoRoot, waitForFrames, widgets,
} from "./chromium.mjs";

const demoPage = path.join(process.env.PORTAL_DEMO_ROOT || path.join(repoRoot, "build/web-demo"),
  "demo.html");
const shots = path.join(repoRoot, "test-results");
const stateKey = "portal-demo-state-v1";
let browser;
let page;
const networkRequests = [];

async function openDemo() {
  await page.goto(pathToFileURL(demoPage).href);
  await waitForFrames(page, 1);
}

async function storedState() {
  const text = await page.evaluate((key) => window.localStorage.getItem(key), stateKey);
  return text === null ? null : JSON.parse(text);
}

async function openSmsLogin() {
  await clickWidget(page, "button", "个人登录");
  await clickWidget(page, "radio", "短信验证码登录");
  await clickWidget(page, "textbox", "手机号码");
  await page.keyboard.type("13805910001");
}

// Waits until a widget label of the current frame contains `text`.
async function waitForLabel(text, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if ((await widgets(page)).some((w) => w.label.includes(text))) return;
    if (Date.now() > deadline) {
      const seen = (await widgets(page)).map((w) => `${w.role}:${w.label}`).join(", ");
      throw new Error(`no widget says "${text}"; seen: ${seen}`);
    }
    await page.waitForTimeout(50);
  }
}

before(async () => {
  assert.ok(existsSync(demoPage), `${demoPage} is missing: build the web preset first`);
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on("pageerror", (error) => console.log("page error:", error.message));
  page.on("request", (request) => {
    if (!request.url().startsWith("file:") && !request.url().startsWith("data:")) {
      networkRequests.push(request.url());
    }
  });
  await openDemo();
});

after(async () => {
  await browser?.close();
});

test("demo page draws from file:// and shows the demo banner", async () => {
  await findWidget(page, "button", "个人登录");
  const banner = await page.locator("#demo-banner").innerText();
  assert.match(banner, /演示模式/);
  assert.ok(await page.locator("#demo-reset").isVisible(), "the reset button is hidden");
  assert.ok(await storedState(), "the seed was not saved to localStorage");
});

test("person logs in with the demo password", async () => {
  await clickWidget(page, "button", "个人登录");
  await clickWidget(page, "textbox", "用户名/身份证号/手机号");
  await page.keyboard.type("linxiaoming");
  await clickWidget(page, "textbox", "密码");
  await page.keyboard.type("Demo@2026");
  await clickWidget(page, "button", "登录");
  await findWidget(page, "button", "退出");
  await page.waitForTimeout(200);
  await assertNoImGuiError(page);
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, "demo-logged-in.png") });
  const state = await storedState();
  assert.ok(!JSON.stringify(state).includes("Demo@2026"), "a password is stored as text");
  await clickWidget(page, "button", "退出");
  await findWidget(page, "button", "个人登录");
});

test("SMS resend interval survives a reload", async () => {
  await openSmsLogin();
  await clickWidget(page, "button", "获取验证码");
  await page.waitForFunction(() => /验证码为\d{6}/.test(document.getElementById("demo-sms").textContent));
  const codes = (await storedState()).smsCodes;
  assert.equal(codes.length, 1);
  assert.equal(codes[0].mobile, "13805910001");

  await page.reload();
  await waitForFrames(page, 1);
  assert.ok(await page.locator("#demo-sms").isHidden(), "an SMS line survived the reload");
  await openSmsLogin();
  await clickWidget(page, "button", "获取验证码");
  await waitForLabel("验证码发送过于频繁");
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, "demo-sms-too-frequent.png") });
  assert.ok(await page.locator("#demo-sms").isHidden(), "a second code was sent within 5 minutes");
});

test("reset restores the seed data", async () => {
  await Promise.all([page.waitForEvent("load"), page.locator("#demo-reset").click()]);
  await waitForFrames(page, 1);
  const state = await storedState();
  assert.equal(state.smsCodes.length, 0);
  assert.ok(state.accounts.some((account) => account.username === "linxiaoming"));
  await openSmsLogin();
  await clickWidget(page, "button", "获取验证码");
  await page.waitForFunction(() => /验证码为\d{6}/.test(document.getElementById("demo-sms").textContent));
});

test("rare name character draws from the embedded supplement", async () => {
  await page.reload();
  await waitForFrames(page, 1);
  const states = await page.evaluate(() => Module.portalFontSupplementState);
  assert.ok(states.every((state) => state === "absent"), `states: ${states.join(", ")}`);
  await clickWidget(page, "button", "个人登录");
  await clickWidget(page, "textbox", "用户名/身份证号/手机号");
  const cdp = await browser.context.newCDPSession(page);
  // 堃 (U+5803) is outside GB 2312, so only the supplement has it, in the chunk of U+5600 to
  // U+59FF. Exactly that chunk is decoded and merged.
  await cdp.send("Input.insertText", { text: "张堃" });
  await page.waitForFunction(() => window.Module?.portalFontSupplementState?.includes("merged"),
    null, { timeout: 30000 });
  const merged = (await page.evaluate(() => Module.portalFontSupplementState))
    .flatMap((state, chunk) => (state === "absent" ? [] : [[chunk, state]]));
  assert.deepEqual(merged, [[2, "merged"]]);
  await page.waitForTimeout(300);
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, "demo-rare-character.png") });
});

test("demo made no network request", () => {
  assert.deepEqual(networkRequests, []);
});
