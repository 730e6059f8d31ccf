// The production setup end to end. nginx with docs/deploy/nginx.conf serves a precompressed
// copy of build/web and proxies /api/ to serve.py, and headless Chromium loads the app through
// it. nginx listens on a free loopback port and keeps its pid, logs and temp files in its own
// prefix folder under the system temp folder. Skipped when nginx is not installed.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync,
  writeFileSync,
} from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { findWidget, launchChromium, repoRoot, startServer, waitForFrames } from "./chromium.mjs";

const nginxBinary = process.env.NGINX || "/usr/sbin/nginx";
const siteConfig = path.join(repoRoot, "docs/deploy/nginx.conf");
const webBuild = process.env.PORTAL_WEB_ROOT || path.join(repoRoot, "build/web");
// A file name with a content hash, to check the long-lived cache rule.
const hashedProbe = "probe.0123456789abcdef.js";

// The font supplement's chunk files, as the manifest that tools/font_subset.py writes lists them.
function supplementChunks() {
  const manifestPath = path.join(webBuild, "fonts/portal-sc-supplement.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  return manifest.chunks.map((chunk) => chunk.file);
}

// Each test is marked skipped, with the reason, when there is no nginx to run.
const skip = existsSync(nginxBinary) ? false
  : `nginx is not installed at ${nginxBinary} (Debian package nginx; NGINX=/path overrides)`;
const options = { skip };

function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Replaces one whole line of the site file, failing when the line is not there exactly once.
function replaceLine(text, line, replacement) {
  const pattern = new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`, "gm");
  const matches = text.match(pattern) || [];
  assert.equal(matches.length, 1, `docs/deploy/nginx.conf must contain "${line.trim()}" once`);
  return text.replace(pattern, replacement);
}

function writeNginxConfig(prefix, { port, apiPort, webRoot }) {
  let site = readFileSync(siteConfig, "utf8");
  site = replaceLine(site, "    listen 80;", `    listen 127.0.0.1:${port};`);
  site = replaceLine(site, "    root /srv/portal12333/web;", `    root ${webRoot};`);
  site = replaceLine(site, "    server 127.0.0.1:8080;", `    server 127.0.0.1:${apiPort};`);
  writeFileSync(path.join(prefix, "site.conf"), site);

  // Debian's nginx is built with temp folders under /var/lib/nginx, so all of them move here.
  const temp = path.join(prefix, "temp");
  mkdirSync(temp);
  const main = `daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log notice;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${prefix}/access.log;
    client_body_temp_path ${temp}/body;
    proxy_temp_path ${temp}/proxy;
    fastcgi_temp_path ${temp}/fastcgi;
    uwsgi_temp_path ${temp}/uwsgi;
    scgi_temp_path ${temp}/scgi;
    include ${prefix}/site.conf;
}
`;
  const file = path.join(prefix, "nginx.conf");
  writeFileSync(file, main);
  return file;
}

// Starts nginx in the foreground and resolves once it accepts connections on the port.
function startNginx(prefix, configFile, port) {
  const errorLog = path.join(prefix, "error.log");
  const child = spawn(nginxBinary, ["-p", prefix, "-e", errorLog, "-c", configFile],
    { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => { output += chunk; });
  child.stderr.on("data", (chunk) => { output += chunk; });
  const log = () => output + (existsSync(errorLog) ? readFileSync(errorLog, "utf8") : "");

  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 10000;
    child.once("exit", (code) => reject(new Error(`nginx exited with ${code}:\n${log()}`)));
    const probe = () => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve({
          log,
          async stop() {
            if (child.exitCode !== null) return;
            const exited = new Promise((done) => child.once("exit", done));
            // SIGQUIT is nginx's graceful shutdown.
            child.kill("SIGQUIT");
            await exited;
          },
        });
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) {
          child.kill("SIGTERM");
          reject(new Error(`nginx did not listen on 127.0.0.1:${port} within 10 s:\n${log()}`));
        } else {
          setTimeout(probe, 100);
        }
      });
    };
    probe();
  });
}

// A raw GET that does not decompress, so Content-Length is the size on the wire.
function rawGet(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => resolve({
        status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks),
      }));
    }).on("error", reject);
  });
}

describe("nginx deployment", () => {
  let prefix;
  let server;
  let nginx;
  let browser;
  let page;
  let baseUrl;
  const responses = new Map();

  before(async () => {
    if (skip) return;
    assert.ok(existsSync(path.join(webBuild, "index.html")),
      `${webBuild} has no index.html: run tools/build.sh web`);
    prefix = mkdtempSync(path.join(tmpdir(), "portal-nginx-"));
    // When the test runs as root, nginx's workers run as the user nobody, who must read the files.
    chmodSync(prefix, 0o755);
    const webRoot = path.join(prefix, "web");
    cpSync(webBuild, webRoot, { recursive: true });
    writeFileSync(path.join(webRoot, hashedProbe), "// cache rule probe\n");
    const precompress = spawnSync("bash", [path.join(repoRoot, "tools/precompress.sh"), webRoot],
      { encoding: "utf8" });
    assert.equal(precompress.status, 0, `tools/precompress.sh failed:\n${precompress.stderr}`);

    server = await startServer({ root: webRoot });
    const apiPort = Number(new URL(server.url).port);
    const port = await freeLoopbackPort();
    const configFile = writeNginxConfig(prefix, { port, apiPort, webRoot });
    nginx = await startNginx(prefix, configFile, port);
    baseUrl = `http://127.0.0.1:${port}/`;

    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on("pageerror", (error) => console.log("page error:", error.message));
    page.on("response", (response) => {
      responses.set(new URL(response.url()).pathname, response);
    });
    await page.goto(baseUrl);
    await waitForFrames(page, 1);
  });

  after(async () => {
    await browser?.close();
    await nginx?.stop();
    await server?.stop();
    if (prefix) rmSync(prefix, { recursive: true, force: true });
  });

  test("app draws its home page through nginx", options, async () => {
    await findWidget(page, "button", "个人登录");
    // The app asks for its settings right after start-up, which may be after the first frame.
    const deadline = Date.now() + 10000;
    while (!responses.has("/portal-config.json") && Date.now() < deadline) {
      await page.waitForTimeout(100);
    }
    const config = responses.get("/portal-config.json");
    assert.ok(config, "the app did not request portal-config.json");
    assert.equal(config.status(), 200);
  });

  test("browser gets portal.wasm as gzip application/wasm", options, async () => {
    const wasm = responses.get("/portal.wasm");
    assert.ok(wasm, "the page did not request portal.wasm");
    const headers = await wasm.allHeaders();
    assert.equal(wasm.status(), 200);
    assert.equal(headers["content-type"], "application/wasm");
    assert.equal(headers["content-encoding"], "gzip");
  });

  test("portal.wasm comes from the precompressed file", options, async () => {
    const response = await rawGet(`${baseUrl}portal.wasm`, { "Accept-Encoding": "gzip" });
    const precompressed = statSync(path.join(prefix, "web/portal.wasm.gz")).size;
    assert.equal(response.headers["content-encoding"], "gzip");
    assert.equal(Number(response.headers["content-length"]), precompressed);
    assert.equal(response.body.length, precompressed);
    assert.match(response.headers.vary || "", /Accept-Encoding/);
  });

  test("client without gzip gets the plain wasm", options, async () => {
    const response = await rawGet(`${baseUrl}portal.wasm`);
    assert.equal(response.headers["content-encoding"], undefined);
    assert.equal(response.body.length, statSync(path.join(prefix, "web/portal.wasm")).size);
  });

  test("fonts are sent as precompressed gzip font/ttf", options, async () => {
    for (const file of ["fonts/portal-sc.ttf", ...supplementChunks()]) {
      const response = await rawGet(`${baseUrl}${file}`, { "Accept-Encoding": "gzip" });
      const precompressed = statSync(path.join(prefix, `web/${file}.gz`)).size;
      assert.equal(response.status, 200, `status of /${file}`);
      assert.equal(response.headers["content-type"], "font/ttf", `Content-Type of /${file}`);
      assert.equal(response.headers["content-encoding"], "gzip", `Content-Encoding of /${file}`);
      assert.equal(response.body.length, precompressed, `body of /${file}`);
    }
  });

  test("unhashed files are revalidated on every load", options, async () => {
    for (const file of ["", "index.html", "loader.js", "portal.js", "portal.wasm",
      "fonts/portal-sc.ttf", ...supplementChunks()]) {
      const response = await rawGet(`${baseUrl}${file}`);
      assert.equal(response.headers["cache-control"], "no-cache", `Cache-Control of /${file}`);
      assert.ok(response.headers.etag, `/${file} has no ETag`);
    }
  });

  test("hashed file names are cached as immutable", options, async () => {
    const response = await rawGet(`${baseUrl}${hashedProbe}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers["cache-control"], "public, max-age=31536000, immutable");
  });

  test("API requests reach serve.py through the proxy", options, async () => {
    const login = await page.evaluate(async () => {
      const response = await fetch("api/sessions", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          kind: "person", method: "password", account: "linxiaoming", password: "Demo@2026",
        }),
      });
      return { status: response.status, body: await response.json() };
    });
    assert.equal(login.status, 200);
    assert.equal(login.body.user.account, "linxiaoming");

    const session = await rawGet(`${baseUrl}api/session`,
      { Authorization: `Bearer ${login.body.token}` });
    assert.equal(session.status, 200);
    assert.equal(session.headers["cache-control"], "no-store");
    assert.equal(JSON.parse(session.body).user.name, "林晓明");
  });

  test("hidden files are not served", options, async () => {
    writeFileSync(path.join(prefix, "web/.secret"), "not for the web\n");
    const response = await rawGet(`${baseUrl}.secret`);
    assert.equal(response.status, 404);
  });
});
