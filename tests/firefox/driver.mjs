// Drives Debian's Firefox ESR for the pytest tests in this folder (tests/firefoxkit.py starts it).
//
// One Firefox per test session, launched by puppeteer-core over WebDriver BiDi (no browser is ever
// downloaded). Protocol: the first line on stdout is {"ready": true, "browser": "..."} (or
// {"error": "..."}); then each line on stdin is a scenario, answered by one line on stdout:
//
//   in:  {"base": "http://127.0.0.1:PORT/klimaschutz-verstetigen/", "page": "rechner", "fresh": false, "isolated": false,
//         "steps": [{"goto": "rechner/?model=V8"}, {"wait": "<JS expression>", "timeout": 60000}, ...]}
//   out: {"results": [{"t": ms, "value": ...}, ...], "faults": [{"url": ..., "t": ms}], "error": null}
//
// "page" names a tab that later scenarios may use again (a Pyodide start costs seconds); "fresh"
// closes the old one first. Tabs share the browser's default context (and its HTTP cache), unless
// "isolated" gives the new tab a context of its own: empty cache (every request reaches request
// interception) and empty storage.
// Times "t" count from the start of the scenario. On the first failing step the scenario stops and
// "error" is {"step": index, "message": ...}; the driver keeps running for the next scenario.
//
// Steps (one key names the action):
//   goto: path relative to base            reload: true
//   wait: JS expression (polled until truthy), timeout: ms
//   eval: JS expression -> its JSON value (as "value")
//   fill: selector, value: text            select: selector, value: option value
//   type: selector, value: text – emptied, focused, then typed key by key (no check of the value
//     beforehand, unlike fill: a number field gets "12,5" as a German reader types it)
//   check: selector, checked: bool (a click when it differs)   click: selector
//   intercept: [{match: part of the URL, answer: "abort" | "garbage" | HTTP status | "pass", times: n or null}]
//     (puppeteer's request interception, which works over BiDi in Firefox, worker requests included;
//     use it in a fresh, isolated tab: a cached file would never be requested)
//   init: JS source run in every new document before the page's scripts

import readline from "node:readline";
import puppeteer from "puppeteer-core";

const executablePath = process.argv[2];
const pages = new Map(); // name -> {context, page}

function send(message) {
  process.stdout.write(JSON.stringify(message) + "\n");
}

async function tab(name, fresh, isolated) {
  const old = pages.get(name);
  if (old && fresh) {
    await (old.context ? old.context.close() : old.page.close()).catch(() => {});
    pages.delete(name);
  }
  if (!pages.has(name)) {
    const context = isolated ? await browser.createBrowserContext() : null;
    const page = await (context ?? browser.defaultBrowserContext()).newPage();
    await page.setViewport({ width: 1280, height: 900 });
    pages.set(name, { context, page });
  }
  return pages.get(name).page;
}

async function runStep(page, step, base, faults, start) {
  if ("goto" in step) {
    await page.goto(new URL(step.goto, base).href, { waitUntil: "domcontentloaded", timeout: step.timeout ?? 60_000 });
  } else if ("reload" in step) {
    await page.reload({ waitUntil: "domcontentloaded" });
  } else if ("wait" in step) {
    await page.waitForFunction(step.wait, { timeout: step.timeout ?? 60_000, polling: 50 });
  } else if ("eval" in step) {
    return await page.evaluate(step.eval);
  } else if ("fill" in step) {
    await page.locator(step.fill).setTimeout(10_000).fill(String(step.value));
  } else if ("type" in step) {
    await page.$eval(step.type, (el) => {
      el.value = "";
      el.focus();
    });
    await page.keyboard.type(String(step.value));
  } else if ("select" in step) {
    await page.select(step.select, step.value);
  } else if ("check" in step) {
    const checked = await page.$eval(step.check, (el) => el.checked);
    if (checked !== step.checked) await page.locator(step.check).setTimeout(10_000).click();
  } else if ("click" in step) {
    await page.locator(step.click).setTimeout(10_000).click();
  } else if ("intercept" in step) {
    const rules = step.intercept.map((rule) => ({ ...rule, left: rule.times ?? Infinity }));
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      if (request.isInterceptResolutionHandled()) return;
      const rule = rules.find((r) => r.left > 0 && request.url().includes(r.match));
      if (!rule || rule.answer === "pass") return void request.continue().catch(() => {});
      rule.left -= 1;
      faults.push({ url: request.url(), t: performance.now() - start });
      if (rule.answer === "abort") return void request.abort("failed").catch(() => {});
      if (rule.answer === "garbage") {
        // a file that arrives whole but is not what it claims (an archive Python cannot open)
        return void request.respond({ status: 200, contentType: "application/zip", body: "kein Zip" }).catch(() => {});
      }
      request
        .respond({ status: rule.answer, contentType: "text/html", body: "<h1>Gesperrt</h1>" })
        .catch(() => {});
    });
  } else if ("init" in step) {
    await page.evaluateOnNewDocument(step.init);
  } else {
    throw new Error(`unknown step ${JSON.stringify(step)}`);
  }
  return null;
}

async function scenario({ base, page: name, fresh, isolated, steps }) {
  const start = performance.now();
  const page = await tab(name, fresh, isolated);
  const results = [];
  const faults = [];
  for (const [index, step] of steps.entries()) {
    try {
      const value = await runStep(page, step, base, faults, start);
      results.push({ t: performance.now() - start, value: value ?? null });
    } catch (err) {
      return { results, faults, error: { step: index, message: String(err && err.message ? err.message : err) } };
    }
  }
  return { results, faults, error: null };
}

let browser;
try {
  browser = await puppeteer.launch({
    browser: "firefox",
    executablePath,
    headless: true,
    protocolTimeout: 120_000,
    extraPrefsFirefox: { "intl.accept_languages": "de-DE", "intl.locale.requested": "de-DE" },
  });
  send({ ready: true, browser: await browser.version() });
} catch (err) {
  send({ error: String(err && err.message ? err.message : err) });
  process.exit(1);
}

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  send(await scenario(JSON.parse(line)));
}
await browser.close();
