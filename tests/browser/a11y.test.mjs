// The accessibility mirror: a person who only uses roles and names (as a screen reader
// presents them) can log in. Nothing here clicks pixels or reads the canvas.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchChromium, openPortal, startServer } from "./chromium.mjs";

let server;
let browser;
let page;

before(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await openPortal(browser.context, server.url);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// A screen reader's activation fires a click event on the element, not a mouse click.
async function activate(locator) {
  await locator.waitFor({ state: "attached" });
  await locator.dispatchEvent("click");
}

test("home page widgets appear with roles and names", async () => {
  await page.getByRole("button", { name: "个人登录" }).first().waitFor({ state: "attached" });
  assert.equal(await page.getByRole("button", { name: "返回旧版网厅" }).count(), 1);
  assert.equal(await page.getByRole("button", { name: "单位登录" }).count(), 2);
});

test("the login dialog is a modal dialog with tabs and named fields", async () => {
  await activate(page.getByRole("button", { name: "个人登录" }).first());
  const dialog = page.getByRole("dialog", { name: "用户登录" });
  await dialog.waitFor({ state: "attached" });
  await dialog.getByRole("tab", { name: "个人用户", selected: true }).waitFor({ state: "attached" });
  await dialog.getByRole("tab", { name: "单位法人" }).waitFor({ state: "attached" });
  await dialog.getByRole("textbox", { name: "密码" }).waitFor({ state: "attached" });
  // Behind a modal dialog the page is out of reach.
  assert.equal(await page.getByRole("button", { name: "返回旧版网厅" }).count(), 0);
});

test("a refused login is announced as an alert", async () => {
  const dialog = page.getByRole("dialog", { name: "用户登录" });
  await dialog.getByRole("textbox", { name: "用户名/身份证号/手机号" }).focus();
  await page.keyboard.type("linxiaoming");
  await dialog.getByRole("textbox", { name: "密码" }).focus();
  await page.keyboard.type("Wrong@2026");
  await activate(dialog.getByRole("button", { name: "登录", exact: true }));
  const alert = dialog.getByRole("alert");
  await alert.waitFor({ state: "attached" });
  assert.match(await alert.textContent(), /账号或密码错误/);
});

test("a person logs in through the mirror alone", async () => {
  const dialog = page.getByRole("dialog", { name: "用户登录" });
  // Moving into the field again, as a screen reader does, starts editing it.
  const password = dialog.getByRole("textbox", { name: "密码" });
  await password.blur();
  await password.focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("Demo@2026");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/sessions")),
    activate(dialog.getByRole("button", { name: "登录", exact: true })),
  ]);
  assert.equal(response.status(), 200);
  await page.getByRole("button", { name: "退出" }).waitFor({ state: "attached" });
  assert.equal(await page.getByRole("dialog").count(), 0);
});

test("only changes touch the DOM", async () => {
  // Let the frames that follow the login settle first.
  let frames = -1;
  while (frames !== await page.evaluate(() => Module.portalFrameCount)) {
    frames = await page.evaluate(() => Module.portalFrameCount);
    await page.waitForTimeout(200);
  }
  const mutations = await page.evaluate(async () => {
    let count = 0;
    const observer = new MutationObserver((records) => { count += records.length; });
    observer.observe(document.getElementById("portal-a11y"), {
      subtree: true, childList: true, attributes: true, characterData: true,
    });
    Module._portal_request_frames();
    await new Promise((resolve) => setTimeout(resolve, 300));
    observer.disconnect();
    return count;
  });
  assert.equal(mutations, 0, "redrawing an unchanged screen rewrote the mirror");
});
