// The portal inside an <iframe> of another origin (the legacy portal): the postMessage API
// with its origin allowlist, and typing and logging in inside the frame.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";

import { findWidget, launchChromium, repoRoot, startServer } from "./chromium.mjs";

let app;
let host;
let hostProcess;

// Serves web/ (the host example) from a second port, which makes it another origin.
function startHostServer() {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
      "--directory", path.join(repoRoot, "web")], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk) => {
      const match = String(chunk).match(/port (\d+)/);
      if (match) resolve({ child, origin: `http://127.0.0.1:${match[1]}` });
    });
    child.on("exit", (code) => reject(new Error(`host server exited with ${code}`)));
  });
}

before(async () => {
  ({ child: hostProcess, origin: host } = await startHostServer());
  app = await startServer({ extraArgs: ["--frame-ancestor", host] });
});

after(async () => {
  hostProcess?.kill();
  await app?.stop();
});

// Opens the host page with the portal's configuration allowing `origins`.
async function openHost(browser, origins) {
  await browser.context.route("**/portal-config.json", async (route) => {
    const response = await route.fetch();
    const config = await response.json();
    config.embedderOrigins = origins;
    await route.fulfill({ response, json: config });
  });
  const page = await browser.context.newPage();
  await page.goto(`${host}/host-example.html?app=${encodeURIComponent(app.url)}`);
  const frame = page.frameLocator("#portal");
  const portal = page.frames().find((f) => f.url().startsWith(app.url));
  await portal.waitForFunction(() => window.Module && Module.portalFrameCount > 0, null,
    { timeout: 60000 });
  return { page, frame, portal };
}

async function messages(page) {
  return page.evaluate(() => window.portalMessages);
}

// Clicks a widget of the framed portal, found by role and label.
async function clickInFrame(page, portal, role, label) {
  const widget = await findWidget(portal, role, label);
  const box = await page.locator("#portal").boundingBox();
  await page.mouse.click(box.x + 1 + widget.x + widget.width / 2, box.y + 1 + widget.y + widget.height / 2);
}

test("an allowed host receives ready, height and route, and can navigate", async () => {
  const browser = await launchChromium();
  try {
    const { page, portal } = await openHost(browser, [host]);
    await page.waitForFunction(() => window.portalMessages.some(
      (m) => m.type === "portal:height" && m.height > 400));
    const types = (await messages(page)).map((m) => m.type);
    assert.equal(types[0], "portal:ready");
    const frameHeight = await page.locator("#portal").evaluate((frame) => frame.clientHeight);
    assert.ok(frameHeight > 400, `the host did not size the frame (${frameHeight})`);

    await page.evaluate((origin) => {
      document.getElementById("portal").contentWindow.postMessage(
        { type: "portal:navigate", route: "#/no-such-module/index" }, origin);
    }, new URL(app.url).origin);
    await page.waitForFunction(() => window.portalMessages.some(
      (m) => m.type === "portal:route" && m.route === "#/portal-module/index"));
    assert.equal(await portal.evaluate(() => location.hash), "#/portal-module/index");
  } finally {
    await browser.close();
  }
});

test("a host outside the allowlist hears nothing and cannot navigate", async () => {
  const browser = await launchChromium();
  try {
    const { page, portal } = await openHost(browser, ["http://127.0.0.1:1"]);
    await page.evaluate((origin) => {
      document.getElementById("portal").contentWindow.postMessage(
        { type: "portal:navigate", route: "#/no-such-module/index" }, origin);
    }, new URL(app.url).origin);
    await page.waitForTimeout(1000);
    assert.deepEqual(await messages(page), []);
    assert.equal(await portal.evaluate(() => location.hash), "");
  } finally {
    await browser.close();
  }
});

test("typing and login work inside the frame, and logout is reported", async () => {
  const browser = await launchChromium();
  try {
    const { page, portal } = await openHost(browser, [host]);
    await clickInFrame(page, portal, "button", "个人登录");
    await clickInFrame(page, portal, "textbox", "用户名/身份证号/手机号");
    await portal.waitForFunction(() => document.activeElement?.id === "portal-text-agent");
    await page.keyboard.type("linxiaoming");
    await clickInFrame(page, portal, "textbox", "密码");
    await page.keyboard.type("Demo@2026");
    await page.keyboard.press("Enter");
    await findWidget(portal, "button", "退出");

    // Keys typed into the host page's own field stay there. Moving focus out of the frame
    // draws a frame of its own (held keys are released), so count after that.
    await page.locator("#host-input").focus();
    await page.waitForTimeout(500);
    const frames = await portal.evaluate(() => Module.portalFrameCount);
    await page.locator("#host-input").pressSequentially("abc");
    await page.waitForTimeout(300);
    assert.equal(await page.locator("#host-input").inputValue(), "abc");
    assert.equal(await portal.evaluate(() => Module.portalFrameCount), frames);

    await clickInFrame(page, portal, "button", "退出");
    await page.waitForFunction(() => window.portalMessages.some((m) => m.type === "portal:logged-out"));
  } finally {
    await browser.close();
  }
});

test("a host not listed by --frame-ancestor cannot show the portal", async () => {
  const other = await startHostServer();
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const refusals = [];
    page.on("console", (message) => {
      if (message.text().includes("frame-ancestors")) refusals.push(message.text());
    });
    await page.goto(`${other.origin}/host-example.html?app=${encodeURIComponent(app.url)}`);
    await page.waitForTimeout(2000);
    const portal = page.frames().find((f) => f.url().startsWith(app.url));
    const started = portal ? await portal.evaluate(() => Boolean(window.Module)).catch(() => false) : false;
    assert.equal(started, false, "the portal started inside a host that is not allowed");
    assert.ok(refusals.length > 0, "Chromium reported no frame-ancestors refusal");
  } finally {
    await browser.close();
    other.child.kill();
  }
});
