// The path of a screen-reader user: an agent logs in and declares a staff addition through the
// accessibility mirror alone. The test finds elements by role and name, moves with the
// keyboard and relies on the mirror following the app's focus. It never uses pixel positions
// or the widget registry.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchChromium, openPortal, prepareAgent, startServer } from "./chromium.mjs";

let server;
let browser;
let page;
let agent;

before(async () => {
  server = await startServer();
  agent = await prepareAgent(server);
  browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
  page = await openPortal(browser.context, server.url);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Moves keyboard focus to the element and presses `key` there, as a screen reader's user does.
async function pressOn(locator, key) {
  await locator.waitFor({ state: "attached", timeout: 20000 });
  await locator.press(key);
}

async function typeInto(textbox, text) {
  await textbox.waitFor({ state: "attached", timeout: 20000 });
  await textbox.focus();
  await page.keyboard.type(text);
}

test("agent logs in through mirror", async () => {
  await pressOn(page.getByRole("button", { name: "单位登录" }).first(), "Enter");
  const dialog = page.getByRole("dialog", { name: "用户登录" });
  await dialog.getByRole("tab", { name: "单位经办人", selected: true }).waitFor({ state: "attached" });

  const username = dialog.getByRole("radio", { name: "用户名登录" });
  await username.waitFor({ state: "attached" });
  assert.equal(await username.getAttribute("aria-checked"), "false");
  await pressOn(username, " ");
  await dialog.getByRole("radio", { name: "用户名登录", checked: true })
    .waitFor({ state: "attached" });
  assert.equal(await dialog.getByRole("radio", { name: "统一社会信用代码登录" })
    .getAttribute("aria-checked"), "false");

  await typeInto(dialog.getByRole("textbox", { name: "用户名" }), agent.account);
  // Tab moves the app's focus, and keyboard focus in the mirror follows it.
  await page.keyboard.press("Tab");
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "密码",
    null, { timeout: 10000 });
  await page.keyboard.type(agent.password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/sessions")),
    page.keyboard.press("Enter"),
  ]);
  assert.equal(response.status(), 200);

  // The seeded data raises the overdue-review reminder, a dialog that Escape closes.
  const reminder = page.getByRole("dialog", { name: "异常数据提醒" });
  await reminder.waitFor({ state: "attached", timeout: 20000 });
  await pressOn(reminder.getByRole("button", { name: "知道了" }), "Escape");
  await reminder.waitFor({ state: "detached", timeout: 10000 });
  await page.getByRole("button", { name: "退出" }).waitFor({ state: "attached" });
});

test("agent submits addition through mirror", async () => {
  await pressOn(page.getByRole("button", { name: "增员", exact: true }).first(), "Enter");
  await page.getByRole("button", { name: "提交增员申报" }).waitFor({ state: "attached" });

  await typeInto(page.getByRole("textbox", { name: "证件号码" }), "350205199106114174");
  await typeInto(page.getByRole("textbox", { name: "姓名 *" }), "张国栋");

  const ethnicity = page.getByRole("combobox", { name: "民族" });
  assert.equal(await ethnicity.inputValue(), "汉族");
  assert.equal(await ethnicity.getAttribute("aria-expanded"), "false");
  await pressOn(ethnicity, "Enter");
  await page.getByRole("combobox", { name: "民族", expanded: true }).waitFor({ state: "attached" });
  await page.getByRole("option", { name: "汉族", selected: true }).waitFor({ state: "attached" });
  await pressOn(page.getByRole("option", { name: "畲族" }), "Enter");
  await page.waitForFunction(() => document.querySelector("[role=combobox][aria-label='民族']")
    ?.value === "畲族", null, { timeout: 10000 });
  assert.equal(await page.getByRole("option").count(), 0, "the list stayed open");

  await typeInto(page.getByRole("textbox", { name: "手机号码 *" }), "13805913009");
  await pressOn(page.getByRole("checkbox", { name: "企业养老" }), " ");
  await page.getByRole("checkbox", { name: "企业养老", checked: true }).waitFor({ state: "attached" });
  await page.getByRole("radio", { name: /^当月/, checked: true }).waitFor({ state: "attached" });

  // Leaving the base empty puts an error beside it, which the field names as its description.
  const base = page.getByRole("textbox", { name: "月缴费基数（元）" });
  await base.focus();
  await page.keyboard.press("Tab");
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "备注",
    null, { timeout: 10000 });
  await page.locator("[aria-label='月缴费基数（元）'][aria-invalid=true]").waitFor({ state: "attached" });
  const described = await base.getAttribute("aria-describedby");
  assert.ok(described, "the base field names no description");
  const message = await page.locator(`[id="${described}"]`).textContent();
  assert.match(message, /月缴费基数/);
  assert.equal(await page.locator(`[id="${described}"]`).getAttribute("role"), "alert");

  await base.focus();
  await page.keyboard.type("6000");
  await page.keyboard.press("Tab");
  await page.waitForFunction(() => !document.querySelector("[aria-label='月缴费基数（元）']")
    ?.hasAttribute("aria-describedby"), null, { timeout: 10000 });

  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/declarations") && r.request().method() === "POST"),
    pressOn(page.getByRole("button", { name: "提交增员申报" }), "Enter"),
  ]);
  assert.equal(response.status(), 201);
  const sent = JSON.parse(response.request().postData());
  assert.equal(sent.name, "张国栋");
  assert.equal(sent.ethnicity, "畲族");

  const result = page.getByRole("dialog", { name: "申报结果" });
  await result.waitFor({ state: "attached", timeout: 20000 });
  const status = result.getByRole("status").filter({ hasText: "张国栋" });
  await status.waitFor({ state: "attached" });
  assert.match(await status.textContent(), /企业养老增员/);
  assert.equal(await result.getByRole("status").filter({ hasText: "申报已提交" }).count(), 1);
});

test("agent reads staff list as table", async () => {
  const result = page.getByRole("dialog", { name: "申报结果" });
  await pressOn(result.getByRole("button", { name: "继续办理" }), "Enter");
  await result.waitFor({ state: "detached", timeout: 10000 });

  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/staff?")),
    pressOn(page.getByRole("button", { name: "人员列表", exact: true }).first(), "Enter"),
  ]);
  const staff = (await response.json()).items;
  assert.ok(staff.length > 1, "the seeded unit has no staff");

  const table = page.getByRole("table", { name: "人员表" });
  await table.waitFor({ state: "attached", timeout: 20000 });
  for (const header of ["序号", "姓名", "身份证号码", "在保险种", "缴费基数", "操作"]) {
    await table.getByRole("columnheader", { name: header, exact: true })
      .waitFor({ state: "attached" });
  }
  assert.equal(await table.getAttribute("aria-rowcount"), String(staff.length + 1));

  // Each member's row shows the masked ID-card number, the name and the row's own buttons.
  for (const member of staff) {
    const row = table.getByRole("row")
      .filter({ has: page.getByRole("cell", { name: member.idCardNumber, exact: true }) });
    await row.waitFor({ state: "attached" });
    assert.match(member.idCardNumber, /\*/, "the list shows a full ID-card number");
    assert.equal(await row.getByRole("cell", { name: member.name }).count(), 1);
    const details = row.getByRole("cell").getByRole("button", { name: "详情" });
    assert.equal(await details.count(), 1, `no 详情 button in the row of ${member.name}`);
  }
});
