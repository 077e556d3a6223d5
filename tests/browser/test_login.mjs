// Journey: a secretariat officer signs in and lands on the Persian, right-to-left
// home page; a screenshot is saved under the build directory.
import { join } from 'node:path';
import { assert, launchBrowser, PASSWORD, run, SHOTS, startServer } from './lib.mjs';

await run({
  async signs_in_and_sees_rtl_persian_home() {
    const server = await startServer([['dabir', 'secretariat']]);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ locale: 'fa-IR' });
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(server.url + '/');
      await page.click('header a.button');
      await page.fill('#name', 'dabir');
      await page.fill('#password', PASSWORD);
      await Promise.all([page.waitForURL(server.url + '/'), page.click('form button[type=submit]')]);
      assert(await page.getAttribute('html', 'dir') === 'rtl', 'dir=rtl');
      assert(await page.getAttribute('html', 'lang') === 'fa', 'lang=fa');
      const h1 = await page.textContent('main h1');
      assert(h1.includes('تسهیل'), 'Persian heading: ' + h1);
      assert((await page.textContent('header .who')).includes('دبیرخانه کارگروه'), 'role shown');
      // The right-to-left layout really applies: the brand sits at the right edge.
      const box = await page.locator('header .brand').boundingBox();
      const width = page.viewportSize().width;
      assert(box.x + box.width > width * 0.7, 'brand on the right in RTL');
      await page.evaluate(() => document.fonts.ready);
      assert(await page.evaluate(() => document.fonts.check('16px Vazirmatn')), 'Vazirmatn loaded');
      assert(errors.length === 0, 'console errors (CSP?): ' + errors.join('; '));
      await page.screenshot({ path: join(SHOTS, 'home-signed-in.png'), fullPage: true });
      // Signing out returns to the public home page.
      await Promise.all([page.waitForURL(server.url + '/'), page.click('header form button')]);
      assert(await page.isVisible('header a.button'), 'sign-in link after sign-out');
    } finally {
      await browser.close();
      await server.stop();
    }
  },

  async wrong_password_shows_persian_error() {
    const server = await startServer([['dabir', 'secretariat']]);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(server.url + '/login');
      await page.fill('#name', 'dabir');
      await page.fill('#password', 'not the password');
      await page.click('form button[type=submit]');
      const alert = await page.textContent('[role=alert]');
      assert(alert.includes('نام کاربری یا گذرواژه درست نیست'), alert);
      await page.screenshot({ path: join(SHOTS, 'login-error.png') });
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
