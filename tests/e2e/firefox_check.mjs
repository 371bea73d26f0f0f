// Debian's firefox-esr, driven by puppeteer-core, loads the same extension tree, pairs it with
// the real companion through the options page, and stops a named pupil on x.com (the post
// composer, hints while typing, X Chat in its shadow root and on chat.x.com) and on facebook.com
// (a comment dialog in Polish, the two-step composer, /messages, a profile's "Add friend"), and
// a face photo attached through a file input: X Chat's in its shadow root, the X post
// composer's and facebook.com/messages'.
// Run by test_firefox.py, which serves the fixture pages and starts the companion; inputs come
// from the environment: FIXTURE_PORT, COMPANION_PORT, PAIR_CODE, FIREFOX (optional), FACE_PHOTO,
// FACE_ANIMATION
// (optional: a photo with a face, where the companion has a face detector), SIDEWAYS_CERTIFICATE
// (optional: a certificate naming Joshua Smith stored sideways with its EXIF orientation, where
// the companion reads words).
// Pasted and dropped images are checked in Chromium only: headless Firefox's clipboard keeps
// text alone (an image written to it reads back as nothing, and Ctrl+V pastes no file), and
// WebDriver BiDi has no way to drag a file onto a page.
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const extension = process.env.EXTENSION_DIR || path.resolve(here, "../../extension");
const { FIXTURE_PORT, COMPANION_PORT, PAIR_CODE, FACE_PHOTO, FACE_ANIMATION, SIDEWAYS_CERTIFICATE } = process.env;

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
    "network.dns.localDomains": "x.com,chat.x.com,www.facebook.com",
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
  const base = (host) => `https://${host}:${FIXTURE_PORT}`;
  const dialogHost = "div[data-postguard=dialog]";
  // The rule of the first finding in the verdict dialog, once it shows.
  const ruleShown = async () => {
    const handle = await page.waitForFunction(
      (sel) => {
        const host = document.querySelector(sel);
        const item = host && host.shadowRoot.querySelector("li[data-rule]");
        return item && item.getAttribute("data-rule");
      },
      { timeout: 15000 },
      dialogHost,
    );
    return handle.jsonValue();
  };
  const closeDialog = async () => {
    await page.keyboard.press("Escape");
    await page.waitForFunction((sel) => !document.querySelector(sel), { timeout: 5000 }, dialogHost);
  };
  const expectBlocked = async (what, rule, kind) => {
    const shown = await ruleShown();
    const sent = await page.evaluate((k) => window.countOf(k), kind);
    if (shown !== rule) throw new Error(`${what}: the dialog showed ${shown}, not ${rule}`);
    if (sent !== 0) throw new Error(`${what}: the page's handler ran ${sent} time(s)`);
    await closeDialog();
    console.log(`firefox check: ${what}: stopped (${rule})`);
  };

  // A photo with a face: the verdict's first finding is the photo's, and the site never sent.
  const expectPhotoStopped = async (what, kind) => {
    const shown = await ruleShown();
    const sent = await page.evaluate((k) => window.countOf(k), kind);
    // The face finding itself ("photo", or a rule naming faces), not "photo-unchecked".
    if (!/^photo$|face/.test(shown)) throw new Error(`${what}: the dialog showed ${shown}`);
    if (sent !== 0) throw new Error(`${what}: the page's handler ran ${sent} time(s)`);
    await closeDialog();
    console.log(`firefox check: ${what}: stopped (photo)`);
  };

  // X: the post composer, with the highlighted words.
  await page.goto(`${base("x.com")}/home`);
  await page.click("[data-testid=tweetTextarea_0]");
  await page.keyboard.type("Well done Joshua Smith!");
  await page.click("[data-testid=tweetButtonInline]");
  const marked = await page.waitForFunction(
    () => {
      const host = document.querySelector("div[data-postguard=dialog]");
      const mark = host && host.shadowRoot.querySelector("[role=alertdialog] mark.block");
      return mark && mark.firstChild.textContent;
    },
    { timeout: 15000 },
  );
  const words = await marked.jsonValue();
  const posted = await page.evaluate(() => window.countOf("post"));
  if (words !== "Joshua Smith") throw new Error(`highlighted ${JSON.stringify(words)}`);
  if (posted !== 0) throw new Error(`the page's handler ran ${posted} time(s)`);
  console.log("firefox check: blocked the named pupil; the page's handler never ran");
  await closeDialog();

  // Hints while typing: the badge counts what is underlined, before any submit.
  await page.click("[data-testid=tweetTextarea_0]");
  const badge = await page.waitForFunction(
    () => {
      const host = document.querySelector("div[data-postguard=hints]");
      const b = host && host.shadowRoot.querySelector("button.badge");
      const lines = host ? host.shadowRoot.querySelectorAll(".line[data-rule=pupil-name]").length : 0;
      return b && !b.hidden && lines > 0 && b.textContent;
    },
    { timeout: 15000 },
  );
  const badgeText = await badge.jsonValue();
  if (badgeText !== "1 thing to check") throw new Error(`hints badge said ${JSON.stringify(badgeText)}`);
  console.log("firefox check: hints underlined the name while typing");

  // X Chat: the composer inside an open shadow root; Enter sends.
  await page.goto(`${base("x.com")}/i/chat/1001-2002`);
  await page.click("pierce/[data-testid=dm-composer-textarea]");
  await page.keyboard.type("Is Joshua Smith coming?");
  await page.keyboard.press("Enter");
  await expectBlocked("X Chat (shadow root, Enter)", "pupil-name", "dm");

  // chat.x.com, X Chat's own web app: the same composer in the page's own DOM.
  await page.goto(`${base("chat.x.com")}/i/chat/1001-2002`);
  await page.click("[data-testid=dm-composer-textarea]");
  await page.keyboard.type("Is Joshua Smith coming?");
  await page.keyboard.press("Enter");
  await expectBlocked("chat.x.com (Enter)", "pupil-name", "dm");

  // X Chat's file input, in the shadow root: its "change" never reaches the document, so the
  // photo is seen by its composed "input" event.
  if (FACE_PHOTO) {
    await page.goto(`${base("x.com")}/i/chat/1001-2002`);
    // As a person does: "Add file" first (it would open the picker), then the chosen file.
    await page.click("pierce/[data-testid=dm-composer-attachment-button]");
    const input = await page.$("pierce/[data-testid=dm-composer-file-input]");
    await input.uploadFile(FACE_PHOTO);
    await page.click("pierce/[data-testid=dm-composer-textarea]");
    await page.keyboard.type("See you at the match");
    await page.keyboard.press("Enter");
    await expectPhotoStopped("X Chat photo (shadow root file input)", "dm");

    // The post composer's own file input (X's "Add photos or video"), in the page's light DOM:
    // a photo, then an animated GIF whose face is in its second frame (its own bytes go to the
    // companion; the canvas would see only the blank first frame).
    for (const [file, what] of [
      [FACE_PHOTO, "X composer photo (file input)"],
      [FACE_ANIMATION, "X composer animation, the face in its second frame (file input)"],
    ]) {
      await page.goto(`${base("x.com")}/home`);
      const picker = await page.$("[data-testid=fileInput]");
      await picker.uploadFile(file);
      await page.click("[data-testid=tweetTextarea_0]");
      await page.keyboard.type("Lovely walk this morning");
      await page.click("[data-testid=tweetButtonInline]");
      await expectPhotoStopped(what, "post");
    }

    // Facebook's "Create post" dialog: its own file input, then Post.
    await page.goto(`${base("www.facebook.com")}/`);
    const postPicker = await page.$("#post-file");
    await postPicker.uploadFile(FACE_PHOTO);
    await page.click("#composer [role=textbox]");
    await page.keyboard.type("Lovely walk this morning");
    await page.click("#post-button");
    await expectPhotoStopped("Facebook Create post photo (file input)", "post");

    // Facebook's chat: its photo input, then Enter sends.
    await page.goto(`${base("www.facebook.com")}/messages/t/100001`);
    const fbPicker = await page.$("#file");
    await fbPicker.uploadFile(FACE_PHOTO);
    await page.click("#box");
    await page.keyboard.type("See you at the match");
    await page.keyboard.press("Enter");
    await expectPhotoStopped("facebook.com/messages photo (file input)", "dm");
  }

  // A phone photo stored sideways: Firefox's canvas must draw it upright (createImageBitmap's
  // imageOrientation), or the words in it are not read and the pupil named in it goes out.
  if (SIDEWAYS_CERTIFICATE) {
    await page.goto(`${base("x.com")}/home`);
    const picker = await page.$("[data-testid=fileInput]");
    await picker.uploadFile(SIDEWAYS_CERTIFICATE);
    await page.click("[data-testid=tweetTextarea_0]");
    await page.keyboard.type("So proud of this one!");
    await page.click("[data-testid=tweetButtonInline]");
    await page.waitForFunction(
      (sel) => {
        const host = document.querySelector(sel);
        return host && host.shadowRoot.querySelector("li[data-rule=pupil-name]");
      },
      { timeout: 30000 },
      dialogHost,
    );
    if ((await page.evaluate(() => window.countOf("post"))) !== 0) throw new Error("the sideways certificate was posted");
    await closeDialog();
    console.log("firefox check: X composer sideways certificate (file input): stopped (pupil-name)");
  }

  // Facebook: a comment in a post dialog, in Polish; Enter sends.
  await page.goto(`${base("www.facebook.com")}/surfaces?lang=pl`);
  await page.click("#comment-box");
  await page.keyboard.type("Brawo Joshua Smith");
  await page.keyboard.press("Enter");
  await expectBlocked("Facebook comment dialog (Polish, Enter)", "pupil-name", "comment");

  // Facebook's two-step composer: checked when "Next" is pressed.
  await page.goto(`${base("www.facebook.com")}/surfaces`);
  await page.click("#post-box");
  await page.keyboard.type("Well done Joshua Smith");
  await page.click("[aria-label=Next]");
  await expectBlocked("Facebook two-step composer (Next)", "pupil-name", "next");

  // facebook.com/messages: Enter sends.
  await page.goto(`${base("www.facebook.com")}/messages/t/100001`);
  await page.click("#box");
  await page.keyboard.type("Can you tell Rebecca Smith");
  await page.keyboard.press("Enter");
  await expectBlocked("facebook.com/messages (Enter)", "family-name", "dm");

  // A profile page's "Add friend".
  await page.goto(`${base("www.facebook.com")}/rebecca.smith.75`);
  await page.click("#add");
  await expectBlocked("Facebook profile (Add friend)", "friend-family", "add");
} catch (error) {
  fail(error.stack || String(error));
} finally {
  await browser.close();
}
