// The page in headless Chromium: register, log in, see /api/me, let the access token expire,
// see the transparent refresh, log out, and check that the old refresh cookie is dead.
// Saves a screenshot of the logged-in page as target/auth-server-page.png.
//
//   AUTH_SERVER_BIN=target/debug/auth-server node --test browser.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const binary = resolve(repo, process.env.AUTH_SERVER_BIN ?? "target/debug/auth-server");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const screenshot = join(repo, "target", "auth-server-page.png");
const ACCESS_TTL = 3;

let server;
let base;
let browser;
let dataDir;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "auth-server-browser-"));
  server = spawn(
    binary,
    [
      "--listen", "127.0.0.1:0",
      "--database", `sqlite:${join(dataDir, "auth.sqlite3")}`,
      "--access-ttl", String(ACCESS_TTL),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  base = await new Promise((resolveBase, reject) => {
    let output = "";
    server.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/[0-9.:]+)/);
      if (match) resolveBase(match[1]);
    });
    server.on("exit", (code) => reject(new Error(`auth-server exited (${code}): ${output}`)));
  });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    chromiumSandbox: false,
    args: [
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const claims = async (page) => JSON.parse(await page.locator("#claims").textContent());

const refreshCookie = async (context) =>
  (await context.cookies(`${base}/auth/refresh`)).find((cookie) => cookie.name === "refresh_token");

test("register, log in, refresh transparently, log out", async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const failures = [];
  page.on("pageerror", (error) => failures.push(error.message));

  await page.goto(base);
  await page.locator("#signed-out").waitFor();

  // Register (which logs in too).
  await page.click("#tab-register");
  await page.fill("#email", "Ada@Example.com");
  await page.fill("#password", "correct horse battery");
  await page.click("#submit");
  await page.locator("#signed-in").waitFor();
  await page.locator("#me-email", { hasText: "ada@example.com" }).waitFor();
  assert.equal(await page.locator("#me-role").textContent(), "user");

  const first = await claims(page);
  assert.equal(first.iss, "auth-server");
  assert.equal(first.exp - first.iat, ACCESS_TTL);
  const firstCookie = await refreshCookie(context);
  assert.ok(firstCookie, "the login set the refresh cookie");
  assert.deepEqual(
    [firstCookie.httpOnly, firstCookie.secure, firstCookie.sameSite, firstCookie.path],
    [true, true, "Strict", "/auth"],
  );
  // The access token is in memory only.
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
  assert.equal(await page.evaluate(() => document.cookie), "", "no cookie visible to scripts");

  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });

  // Let the access token expire; the next call gets a 401 and refreshes through the cookie.
  await page.waitForTimeout((ACCESS_TTL + 1.5) * 1000);
  const refreshed = page.waitForResponse((r) => r.url().endsWith("/auth/refresh") && r.status() === 200);
  await page.click("#call-me");
  await refreshed;
  await page.locator("#log li", { hasText: "refreshed it with the refresh cookie" }).waitFor();
  await page.locator("#api-message.ok").waitFor();
  const second = await claims(page);
  assert.notEqual(second.jti, first.jti);
  assert.equal(second.sub, first.sub);
  const currentCookie = await refreshCookie(context);
  assert.notEqual(currentCookie.value, firstCookie.value, "the refresh token rotated");

  // Log out: the page forgets the token, the browser the cookie, the server the family.
  await page.click("#logout");
  await page.locator("#signed-out").waitFor();
  assert.equal(await refreshCookie(context), undefined);
  for (const cookie of [currentCookie, firstCookie]) {
    const response = await fetch(`${base}/auth/refresh`, {
      method: "POST",
      headers: { Cookie: `refresh_token=${cookie.value}` },
    });
    assert.equal(response.status, 401);
    assert.equal((await response.json()).error, "invalid_refresh_token");
  }

  // A reload after logout stays signed out.
  await page.reload();
  await page.locator("#signed-out").waitFor();
  assert.deepEqual(failures, []);
  await context.close();
});
