// The plain-HTML notice for browsers that cannot run the portal (dual-engine browsers in their
// IE mode, WebGL switched off) and for failed downloads.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchChromium, startServer } from "./chromium.mjs";

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openWith(initScript) {
  const page = await browser.context.newPage();
  if (initScript) await page.addInitScript(initScript);
  await page.goto(server.url);
  await page.waitForFunction(() => window.portalLoadError, null, { timeout: 20000 });
  return page;
}

test("missing WebAssembly shows what to do", async () => {
  const page = await openWith(() => { delete window.WebAssembly; });
  const alert = page.getByRole("alert");
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /浏览器不支持本平台/);
  assert.match(text, /极速模式/);
  await page.close();
});

test("missing WebGL2 shows what to do", async () => {
  const page = await openWith(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      return kind === "webgl2" ? null : original.call(this, kind, ...rest);
    };
  });
  const text = await page.getByRole("alert").innerText();
  assert.match(text, /WebGL2/);
  assert.match(text, /硬件加速/);
  await page.close();
});

test("a failed download offers a reload and keeps no half-started app", async () => {
  const page = await browser.context.newPage();
  await page.route("**/portal.wasm", (route) => route.fulfill({ status: 503, body: "busy" }));
  await page.goto(server.url);
  await page.waitForFunction(() => window.portalLoadError, null, { timeout: 20000 });
  const text = await page.getByRole("alert").innerText();
  assert.match(text, /页面加载失败/);
  assert.ok(await page.getByRole("button", { name: "重新加载" }).isVisible());
  assert.equal(await page.evaluate(() => typeof window.Module), "undefined");
  await page.close();
});

test("a damaged module says the program failed to start", async () => {
  const page = await browser.context.newPage();
  await page.route("**/portal.wasm", (route) => route.fulfill({
    status: 200, contentType: "application/wasm", body: Buffer.from("not a module"),
  }));
  await page.goto(server.url);
  await page.waitForFunction(() => window.portalLoadError, null, { timeout: 20000 });
  assert.equal(await page.evaluate(() => window.portalLoadError), "start");
  const text = await page.getByRole("alert").innerText();
  assert.match(text, /程序启动时出错/);
  assert.equal(await page.evaluate(() => typeof window.Module), "undefined");
  await page.close();
});
