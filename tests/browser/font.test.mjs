// The font supplement of rare CJK ideographs. The first load of the home page does not fetch it.
// A rare character typed into a field or sent in server data fetches it, and a typed one is then
// drawn with its own glyph instead of ImGui's fallback glyph.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import {
  clickWidget, findWidget, frameCount, launchChromium, repoRoot, startServer, waitForFrames,
} from "./chromium.mjs";

const shots = path.join(repoRoot, "test-results");
const supplementPath = "/fonts/portal-sc-supplement.ttf";
// 堃 (U+5803) is outside GB 2312 and no UI string uses it, so only the supplement has it.
const rareCharacter = "堃";
// Hangul is in neither font file and outside the supplement's ranges, so it draws as the
// fallback glyph and never starts a download.
const missingEverywhere = "한";
let server;

before(async () => {
  server = await startServer();
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await server?.stop();
});

// Opens the portal in a new page, recording the path of every request from the start.
async function openRecordedPortal(browser) {
  const page = await browser.context.newPage();
  const requested = [];
  page.on("request", (request) => requested.push(new URL(request.url()).pathname));
  page.on("pageerror", (error) => console.log("page error:", error.message));
  await page.goto(server.url);
  await waitForFrames(page, 1);
  return { page, requested };
}

async function supplementState(page) {
  return page.evaluate(() => Module.portalFontSupplementState);
}

// Holds the supplement's response until the returned function is called.
async function holdSupplement(page) {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route(`**${supplementPath}`, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

// Waits until the app has drawn again and stopped drawing, so a screenshot shows a settled frame.
async function waitForSettledFrame(page) {
  const start = await frameCount(page);
  await waitForFrames(page, start + 1).catch(() => {});
  let last = -1;
  for (let current = await frameCount(page); current !== last; current = await frameCount(page)) {
    last = current;
    await page.waitForTimeout(300);
  }
}

async function shotOf(page, widget, name) {
  return page.screenshot({
    path: path.join(shots, name),
    clip: { x: widget.x, y: widget.y, width: widget.width, height: widget.height },
  });
}

test("home page loads without the supplement", async () => {
  const browser = await launchChromium();
  try {
    const { page, requested } = await openRecordedPortal(browser);
    await findWidget(page, "button", "个人登录");
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(shots, "font-home.png") });
    assert.ok(requested.includes("/fonts/portal-sc.ttf"), `requests: ${requested.join(", ")}`);
    assert.ok(!requested.includes(supplementPath), `requests: ${requested.join(", ")}`);
    assert.equal(await supplementState(page), "absent");
  } finally {
    await browser.close();
  }
});

test("typed rare character loads the supplement", async () => {
  const browser = await launchChromium();
  try {
    const { page, requested } = await openRecordedPortal(browser);
    const release = await holdSupplement(page);
    await clickWidget(page, "button", "个人登录");
    const field = await clickWidget(page, "textbox", "用户名/身份证号/手机号");
    const cdp = await browser.context.newCDPSession(page);

    await cdp.send("Input.insertText", { text: missingEverywhere });
    await waitForSettledFrame(page);
    const fallback = await shotOf(page, field, "font-field-fallback.png");
    assert.ok(!requested.includes(supplementPath), "a character outside the supplement fetched it");
    await page.keyboard.press("Backspace");

    const fetched = page.waitForRequest((r) => r.url().endsWith(supplementPath));
    await cdp.send("Input.insertText", { text: rareCharacter });
    await fetched;
    assert.equal(await supplementState(page), "loading");
    await waitForSettledFrame(page);
    const before = await shotOf(page, field, "font-field-before.png");
    assert.ok(before.equals(fallback), "before the supplement, 堃 should draw as the fallback");

    release();
    await page.waitForFunction(() => window.Module?.portalFontSupplementState === "merged", null,
      { timeout: 30000 });
    await waitForSettledFrame(page);
    const afterMerge = await shotOf(page, field, "font-field-after.png");
    assert.ok(!afterMerge.equals(fallback), "after the supplement, 堃 still draws as the fallback");
    await page.screenshot({ path: path.join(shots, "font-login-after.png") });
  } finally {
    await browser.close();
  }
});

test("rare character in server data loads the supplement", async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const requested = [];
    page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    // The home page lists the notices of the portal configuration. One of them names a person
    // with a rare character.
    await page.route("**/portal-config.json", async (route) => {
      const response = await route.fetch();
      const config = await response.json();
      config.notices[0].title = `关于表彰优秀窗口工作人员张${rareCharacter}的通知`;
      await route.fulfill({ response, json: config });
    });
    await page.goto(server.url);
    await page.waitForFunction(() => window.Module?.portalFontSupplementState === "merged", null,
      { timeout: 30000 });
    await waitForSettledFrame(page);
    await page.screenshot({ path: path.join(shots, "font-notice-after.png") });
    assert.ok(requested.includes(supplementPath), `requests: ${requested.join(", ")}`);
  } finally {
    await browser.close();
  }
});

test("failed supplement download keeps the app drawing", async () => {
  const browser = await launchChromium();
  try {
    const { page } = await openRecordedPortal(browser);
    await page.route(`**${supplementPath}`, (route) => route.fulfill({ status: 503, body: "" }));
    await clickWidget(page, "button", "个人登录");
    await clickWidget(page, "textbox", "用户名/身份证号/手机号");
    const cdp = await browser.context.newCDPSession(page);
    const logged = page.waitForEvent("console", {
      predicate: (message) => message.type() === "error" && message.text().includes("font supplement"),
      timeout: 10000,
    });
    await cdp.send("Input.insertText", { text: rareCharacter });
    assert.match((await logged).text(), /HTTP status 503/);
    assert.equal(await supplementState(page), "absent");
    assert.equal(await page.evaluate(() => window.portalLoadError), undefined);
    // The app still draws what the user types after the failure.
    const frames = await frameCount(page);
    await page.keyboard.type("a");
    await waitForFrames(page, frames + 1, 10000);
  } finally {
    await browser.close();
  }
});
