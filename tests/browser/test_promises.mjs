// Journey: the secretariat pastes the seed article, accepts a proposed promise,
// rates it; the public (signed out) sees it on the index chart and on its own page
// with the timeline. Screenshots are saved under the build directory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assert, launchBrowser, PASSWORD, run, SHOTS, startServer } from './lib.mjs';

const SEED = readFileSync(join(process.env.TASHIL_SOURCE_DIR || '.', 'data', 'seed-article-islamshahr.txt'), 'utf8');

await run({
  async secretariat_takes_in_article_rates_and_public_sees_timeline() {
    const server = await startServer([['dabir', 'secretariat']]);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ locale: 'fa-IR', viewport: { width: 1200, height: 900 } });
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(server.url + '/login?next=/promises/intake');
      await page.fill('#name', 'dabir');
      await page.fill('#password', PASSWORD);
      await Promise.all([page.waitForURL(server.url + '/promises/intake'), page.click('form button[type=submit]')]);

      await page.fill('#article', SEED);
      await Promise.all([page.waitForLoadState('load'), page.click('main form button[type=submit]')]);
      const blocks = await page.locator('fieldset.candidate').count();
      assert(blocks === 7, 'seven candidates, got ' + blocks);
      assert(await page.inputValue('#person_0') === 'حشمت الله عسگری', 'speaker of the first');
      assert(await page.inputValue('#office_0') === 'معاون اقتصادی استاندار تهران', 'office of the first');
      assert((await page.inputValue('#quote_0')).includes('۳۸ محدوده صنعتی'), 'the 38 spots');
      await page.screenshot({ path: join(SHOTS, 'promises-intake-candidates.png'), fullPage: false });

      await page.fill('#said_on', '۱۴۰۳/۰۳/۱۵');
      await page.fill('#county', 'اسلامشهر');
      await page.fill('#summary_0', 'تبدیل بیش از ۳۸ لکه صنعتی به شهرک صنعتی غیردولتی');
      await page.check('input[name=accept_0]');
      await Promise.all([page.waitForURL(/\/promises\/articles\/\d+$/), page.click('form button[type=submit]:has-text("ثبت وعده‌های پذیرفته")')]);
      await Promise.all([page.waitForURL(/\/promises\/\d+$/), page.click('ul.promises h3 a')]);
      const promiseUrl = page.url();

      await page.selectOption('#rating', 'in_the_works');
      await page.fill('#changed_on', '۱۴۰۳/۰۶/۰۱');
      await page.fill('#source', 'https://example.org/islamshahr-follow-up');
      await page.fill('#note', 'اصلاح مصوبه در هیئت دولت در جریان است.');
      await Promise.all([page.waitForURL(/\/promises\/\d+#rate$/), page.click('#rate button[type=submit]')]);

      // The public, signed out.
      await Promise.all([page.waitForURL(server.url + '/'), page.click('header form button')]);
      await page.goto(promiseUrl);
      assert(!(await page.isVisible('#rate')), 'no rating form for the public');
      const current = await page.textContent('p.current');
      assert(current.includes('در دست اقدام'), 'current rating: ' + current);
      const items = await page.locator('ol.timeline li').allTextContents();
      assert(items.length === 2, 'two timeline entries: ' + items.length);
      assert(items[0].includes('۱۵ خرداد ۱۴۰۳') && items[0].includes('بررسی نشده'), items[0]);
      assert(items[1].includes('۱ شهریور ۱۴۰۳') && items[1].includes('اصلاح مصوبه'), items[1]);
      assert((await page.textContent('dl.facts')).includes('حشمت الله عسگری'), 'speaker shown');
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: join(SHOTS, 'promise-public-timeline.png'), fullPage: true });

      await page.goto(server.url + '/promises');
      const bar = page.locator('rect.r-in_the_works');
      assert(await bar.getAttribute('width') === '100', 'chart bar for in the works');
      const box = await page.locator('table.bars svg').first().boundingBox();
      assert(box && box.width > 100, 'chart drawn');
      await page.screenshot({ path: join(SHOTS, 'promises-index.png'), fullPage: true });
      assert(errors.length === 0, 'console errors (CSP?): ' + errors.join('; '));
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
