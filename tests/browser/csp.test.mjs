// The page under serve.py's Content-Security-Policy: it loads, compiles the WebAssembly module,
// draws and signs a person in without a single CSP violation.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { clickWidget, findWidget, launchChromium, startServer, waitForFrames } from "./chromium.mjs";

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchChromium();
  // Every violation fires this event on the document, also for policies only reported.
  await browser.context.addInitScript(() => {
    window.portalCspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.portalCspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("the page starts and signs in without CSP violations", async () => {
  const page = await browser.context.newPage();
  const consoleViolations = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleViolations.push(message.text());
  });
  const response = await page.goto(server.url);
  const policy = response.headers()["content-security-policy"];
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(policy, /frame-ancestors 'self'/);
  await waitForFrames(page, 2);

  await clickWidget(page, "button", "个人登录");
  await clickWidget(page, "textbox", "用户名/身份证号/手机号");
  await page.keyboard.type("linxiaoming");
  await clickWidget(page, "textbox", "密码");
  await page.keyboard.type("Demo@2026");
  await page.keyboard.press("Enter");
  await findWidget(page, "button", "退出");

  assert.deepEqual(await page.evaluate(() => window.portalCspViolations), []);
  assert.deepEqual(consoleViolations, []);
});
