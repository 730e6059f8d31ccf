// The web platform layer in a real browser: IME composition, clipboard, keys from a host page,
// frames only on demand, HiDPI backing store and touch taps.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import {
  clickWidget, findWidget, frameCount, launchChromium, openPortal, repoRoot, startServer, widgets,
} from "./chromium.mjs";

const shots = path.join(repoRoot, "test-results");
let server;

before(async () => {
  server = await startServer();
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await server?.stop();
});

// Opens the person login and focuses the account field.
async function openAccountField(page) {
  await clickWidget(page, "button", "个人登录");
  await clickWidget(page, "textbox", "用户名/身份证号/手机号");
  await page.waitForFunction(() => document.activeElement?.id === "portal-text-agent");
}

// Submits the login form and returns the JSON body the app sent.
async function submittedLogin(page) {
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith("/api/sessions")),
    clickWidget(page, "button", "登录"),
  ]);
  return JSON.parse(request.postData());
}

test("Chinese typed through an IME composition arrives once", async () => {
  const browser = await launchChromium();
  try {
    const page = await openPortal(browser.context, server.url);
    await openAccountField(page);
    const cdp = await browser.context.newCDPSession(page);
    // Pinyin "zhang san" composed, the candidate shown, then committed as 张三.
    await cdp.send("Input.imeSetComposition", { text: "zhang", selectionStart: 5, selectionEnd: 5 });
    await cdp.send("Input.imeSetComposition", { text: "张三", selectionStart: 2, selectionEnd: 2 });
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(shots, "ime-composing.png") });
    await cdp.send("Input.insertText", { text: "张三" });
    await clickWidget(page, "textbox", "密码");
    await page.keyboard.type("Demo@2026");
    const body = await submittedLogin(page);
    assert.equal(body.account, "张三");
  } finally {
    await browser.close();
  }
});

test("Backspace and arrows edit the focused field", async () => {
  const browser = await launchChromium();
  try {
    const page = await openPortal(browser.context, server.url);
    await openAccountField(page);
    await page.keyboard.type("linxiaomingX");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.type("-");
    await page.keyboard.press("End");
    await page.keyboard.type("!");
    await clickWidget(page, "textbox", "密码");
    await page.keyboard.type("x");
    const body = await submittedLogin(page);
    assert.equal(body.account, "linxiaomi-ng!");
  } finally {
    await browser.close();
  }
});

test("paste inserts the page clipboard and copy hands text to the page", async () => {
  const browser = await launchChromium();
  try {
    const page = await openPortal(browser.context, server.url);
    await openAccountField(page);
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData("text/plain", "91350100M000100Y43\n");
      document.activeElement.dispatchEvent(new ClipboardEvent("paste", {
        clipboardData: data, bubbles: true, cancelable: true,
      }));
    });
    // ImGui takes queued input over several frames; on a busy machine the frames between the
    // steps below come late, so each step waits a little.
    await page.waitForTimeout(200);
    await page.evaluate(() => {
      window.copied = [];
      window.addEventListener("copy", (event) => {
        window.copied.push(event.clipboardData.getData("text/plain"));
      });
    });
    await page.keyboard.press("Control+A");
    await page.waitForTimeout(200);
    await page.keyboard.press("Control+C");
    const copied = await page.evaluate(() => window.copied);
    assert.deepEqual(copied, ["91350100M000100Y43 "]);
    await clickWidget(page, "textbox", "密码");
    await page.keyboard.type("x");
    const body = await submittedLogin(page);
    // The pasted line break became a space, which the form trims.
    assert.equal(body.account, "91350100M000100Y43");
  } finally {
    await browser.close();
  }
});

test("no frames are drawn while idle and input is answered at once", async () => {
  const browser = await launchChromium();
  try {
    const page = await openPortal(browser.context, server.url);
    await page.waitForTimeout(1000);
    const before = await frameCount(page);
    await page.waitForTimeout(3000);
    assert.equal(await frameCount(page), before, "frames were drawn while idle");

    await page.mouse.move(300, 300);
    await page.waitForFunction((n) => Module.portalFrameCount > n, before, { timeout: 2000 });
  } finally {
    await browser.close();
  }
});

test("keys typed into another element of the page never reach the app", async () => {
  const browser = await launchChromium();
  try {
    const page = await openPortal(browser.context, server.url);
    await page.evaluate(() => {
      const input = document.createElement("input");
      input.id = "host-input";
      document.body.appendChild(input);
      input.focus();
    });
    await page.waitForTimeout(500);
    const before = await frameCount(page);
    await page.keyboard.type("host text");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Enter");
    await page.waitForTimeout(300);
    assert.equal(await frameCount(page), before, "the app reacted to keys meant for the host");
    assert.equal(await page.inputValue("#host-input"), "host tex");
  } finally {
    await browser.close();
  }
});

for (const ratio of [1, 1.25, 2]) {
  test(`canvas backing store follows devicePixelRatio ${ratio}`, async () => {
    const browser = await launchChromium({ deviceScaleFactor: ratio, viewport: { width: 1024, height: 700 } });
    try {
      const page = await openPortal(browser.context, server.url);
      await page.waitForTimeout(200);
      const size = await page.evaluate(() => {
        const canvas = document.getElementById("canvas");
        return { width: canvas.width, height: canvas.height, css: canvas.clientWidth };
      });
      assert.equal(size.css, 1024);
      assert.equal(size.width, Math.round(1024 * ratio));
      assert.equal(size.height, Math.round(700 * ratio));
      await page.screenshot({ path: path.join(shots, `home-dpr-${ratio}.png`) });
    } finally {
      await browser.close();
    }
  });
}

test("resizing the window resizes the canvas", async () => {
  const browser = await launchChromium();
  try {
    const page = await openPortal(browser.context, server.url);
    await page.setViewportSize({ width: 800, height: 600 });
    await page.waitForFunction(() => document.getElementById("canvas").width === 800);
    const button = await findWidget(page, "button", "单位登录");
    assert.ok(button.x + button.width <= 800, "header buttons left the narrower window");
  } finally {
    await browser.close();
  }
});

test("a touch tap is one click at the touched point", async () => {
  const browser = await launchChromium({ hasTouch: true, isMobile: true, viewport: { width: 412, height: 860 } });
  try {
    const page = await openPortal(browser.context, server.url);
    const entrance = await findWidget(page, "button", "单位登录");
    await page.touchscreen.tap(entrance.x + entrance.width / 2, entrance.y + entrance.height / 2);
    const tab = await findWidget(page, "tab", "单位经办人");
    assert.ok(tab.checked, "the agent tab is not the selected one");
    await page.screenshot({ path: path.join(shots, "phone-login.png") });
  } finally {
    await browser.close();
  }
});

test("a soft keyboard's Backspace and Enter arrive as input events", async () => {
  const browser = await launchChromium();
  try {
    const page = await openPortal(browser.context, server.url);
    await openAccountField(page);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Input.insertText", { text: "linxiaomingx" });
    await clickWidget(page, "textbox", "密码");
    await page.waitForFunction(() => document.activeElement?.id === "portal-text-agent");
    await cdp.send("Input.insertText", { text: "Demo@2026" });
    await clickWidget(page, "textbox", "用户名/身份证号/手机号");
    await page.waitForFunction(() => document.activeElement?.id === "portal-text-agent");
    // What Android keyboards send: input events with an inputType and no key code.
    const soft = (inputType) => page.evaluate((type) => {
      document.activeElement.dispatchEvent(new InputEvent("input", { inputType: type }));
    }, inputType);
    await soft("deleteContentBackward");
    await page.waitForTimeout(100);
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith("/api/sessions")),
      soft("insertLineBreak"),
    ]);
    assert.equal(JSON.parse(request.postData()).account, "linxiaoming");
  } finally {
    await browser.close();
  }
});

test("Backspace kept from page, shortcuts by meaning", async () => {
  const browser = await launchChromium();
  try {
    const page = await openPortal(browser.context, server.url);
    await openAccountField(page);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Input.insertText", { text: "wrongname" });
    await page.evaluate(() => {
      window.backspaceReachedPage = null;
      window.addEventListener("keydown", (event) => {
        if (event.key === "Backspace") window.backspaceReachedPage = !event.defaultPrevented;
      });
    });
    await page.keyboard.press("Backspace");
    assert.equal(await page.evaluate(() => window.backspaceReachedPage), false);

    // Ctrl with the key that means "a" on an AZERTY layout, where it sits at the Q position:
    // select all, so that the typed name replaces the wrong one.
    const control = { key: "Control", code: "ControlLeft", windowsVirtualKeyCode: 17 };
    const key = { key: "a", code: "KeyQ", windowsVirtualKeyCode: 65, modifiers: 2 };
    await cdp.send("Input.dispatchKeyEvent", { type: "rawKeyDown", ...control, modifiers: 2 });
    await cdp.send("Input.dispatchKeyEvent", { type: "rawKeyDown", ...key });
    await cdp.send("Input.dispatchKeyEvent", { type: "keyUp", ...key });
    await cdp.send("Input.dispatchKeyEvent", { type: "keyUp", ...control, modifiers: 0 });
    await cdp.send("Input.insertText", { text: "linxiaoming" });
    await clickWidget(page, "textbox", "密码");
    await page.keyboard.type("Demo@2026");
    assert.equal((await submittedLogin(page)).account, "linxiaoming");
  } finally {
    await browser.close();
  }
});

test("keys held when the page loses focus are released", async () => {
  const browser = await launchChromium();
  try {
    const page = await openPortal(browser.context, server.url);
    await openAccountField(page);
    const cdp = await browser.context.newCDPSession(page);
    // Control goes down and the window loses focus before its release arrives.
    await cdp.send("Input.dispatchKeyEvent",
      { type: "rawKeyDown", key: "Control", code: "ControlLeft", windowsVirtualKeyCode: 17, modifiers: 2 });
    await page.evaluate(() => {
      window.dispatchEvent(new FocusEvent("blur"));
      window.dispatchEvent(new FocusEvent("focus"));
    });
    await clickWidget(page, "textbox", "用户名/身份证号/手机号");
    await page.waitForFunction(() => document.activeElement?.id === "portal-text-agent");
    // ImGui ignores typed characters while it believes Control is held.
    await cdp.send("Input.insertText", { text: "linxiaoming" });
    await clickWidget(page, "textbox", "密码");
    await page.keyboard.type("Demo@2026");
    assert.equal((await submittedLogin(page)).account, "linxiaoming");
  } finally {
    await browser.close();
  }
});

test("a touch drag scrolls the page and clicks nothing", async () => {
  const browser = await launchChromium({ hasTouch: true, isMobile: true, viewport: { width: 412, height: 700 } });
  try {
    const page = await openPortal(browser.context, server.url);
    // The convenience services sit below the fold of a phone screen.
    assert.ok(!(await widgets(page)).some((w) => w.label === "下载中心"));
    const cdp = await browser.context.newCDPSession(page);
    const at = (y) => [{ x: 200, y, id: 1 }];
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(600) });
    for (let y = 580; y >= 300; y -= 20) {
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: at(y) });
      await page.waitForTimeout(16);
    }
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await page.waitForTimeout(300);
    await findWidget(page, "button", "下载中心", 5000);
    assert.ok(!(await widgets(page)).some((w) => w.role === "dialog"), "the drag opened a dialog");
  } finally {
    await browser.close();
  }
});
