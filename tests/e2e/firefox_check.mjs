// Debian's firefox-esr, driven by puppeteer-core, loads the same extension tree, pairs it with
// the real companion through the options page and blocks a named pupil on x.com.
// Run by test_firefox.py, which serves the fixture pages and starts the companion; inputs come
// from the environment: FIXTURE_PORT, COMPANION_PORT, PAIR_CODE, FIREFOX (optional).
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const extension = process.env.EXTENSION_DIR || path.resolve(here, "../../extension");
const { FIXTURE_PORT, COMPANION_PORT, PAIR_CODE } = process.env;

async function optionsPage(browser) {
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => "");
      if (/^moz-extension:\/\/[^/]+\/options\/options\.html/.test(href)) return page;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the extension did not open its options page on install");
}

function fail(message) {
  console.error(`firefox check: FAILED: ${message}`);
  process.exitCode = 1;
}

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.env.FIREFOX || "/usr/bin/firefox-esr",
  headless: true,
  acceptInsecureCerts: true,
  extraPrefsFirefox: {
    // x.com resolves to this machine; the fixture server answers on FIXTURE_PORT.
    "network.dns.localDomains": "x.com",
  },
});

try {
  // WebDriver BiDi may not navigate to extension pages; the extension opens its options page
  // itself on a fresh install (it cannot work before it is paired), and we take that tab. BiDi
  // reports its URL as about:blank, so ask the page itself where it is.
  await browser.installExtension(extension);
  const options = await optionsPage(browser);
  await options.locator("#port").fill(String(COMPANION_PORT));
  await options.locator("#code").fill(PAIR_CODE);
  await options.locator("#pair").click();
  await options.waitForFunction(
    () => document.querySelector("#pair-result").textContent === "Paired with the companion.",
    { timeout: 15000 },
  );

  const page = await browser.newPage();
  await page.goto(`https://x.com:${FIXTURE_PORT}/home`);
  await page.click("[data-testid=tweetTextarea_0]");
  await page.keyboard.type("Well done Joshua Smith!");
  await page.click("[data-testid=tweetButtonInline]");
  const marked = await page.waitForFunction(
    () => {
      const host = document.querySelector("postguard-overlay[data-postguard=dialog]");
      const mark = host && host.shadowRoot.querySelector("[role=alertdialog] mark.block");
      return mark && mark.firstChild.textContent;
    },
    { timeout: 15000 },
  );
  const words = await marked.jsonValue();
  const posted = await page.evaluate(() => window.countOf("post"));
  if (words !== "Joshua Smith") fail(`highlighted ${JSON.stringify(words)}`);
  else if (posted !== 0) fail(`the page's handler ran ${posted} time(s)`);
  else console.log("firefox check: blocked the named pupil; the page's handler never ran");
} catch (error) {
  fail(error.stack || String(error));
} finally {
  await browser.close();
}
