// Journey: the secretariat registers a shoe workshop through the form (a wrong
// checksum first, corrected beside the field), then finds it by typing its name
// another way (Arabic letters, no ZWNJ). Screenshots under build/asan/screenshots.
import { join } from 'node:path';
import { assert, launchBrowser, legalId, PASSWORD, run, SHOTS, startServer } from './lib.mjs';

await run({
  async create_unit_and_find_it_by_another_spelling() {
    const server = await startServer([['dabir', 'secretariat']]);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ locale: 'fa-IR' });
      await page.goto(server.url + '/login?next=/units');
      await page.fill('#name', 'dabir');
      await page.fill('#password', PASSWORD);
      await Promise.all([page.waitForURL(/\/units$/), page.click('form button[type=submit]')]);
      await page.click('a.button[href="/units/new"]');
      const good = legalId('1010003336');
      const bad = good.slice(0, 10) + String((Number(good[10]) + 1) % 10);
      await page.fill('#f-national_id', bad);
      await page.fill('#f-name', 'تولیدی کفش‌های ورزشی پدر');
      await page.selectOption('#f-isic', '1520');
      await page.selectOption('#f-county', 'اسلامشهر');
      await page.fill('#f-employees', '۱۲');
      await page.fill('#f-lat', '۳۵٫۵۵');
      await page.fill('#f-lon', '۵۱٫۲۳');
      await page.click('form.record button[type=submit]');
      const err = await page.textContent('#national_id-error');
      assert(err.includes('رقم کنترل'), 'checksum error beside the field: ' + err);
      assert(await page.inputValue('#f-name') === 'تولیدی کفش‌های ورزشی پدر', 'values kept');
      await page.screenshot({ path: join(SHOTS, 'unit-form-error.png'), fullPage: true });
      await page.fill('#f-national_id', good);
      await page.click('form.record button[type=submit]');
      await page.waitForLoadState();
      if (!/\/units\/\d+$/.test(page.url())) throw new Error('not saved: ' + await page.textContent('main'));
      assert((await page.textContent('main h1')).includes('کفش‌های ورزشی'), 'unit page');
      // search typed with Arabic ي/ك and the ZWNJ stripped
      await page.goto(server.url + '/units');
      await page.fill('#f-q', 'كفشهاي ورزشي');
      await Promise.all([page.waitForURL(/q=/), page.click('form.filters button[type=submit]')]);
      const rows = await page.locator('table.grid tbody tr').count();
      assert(rows === 1, 'one result, got ' + rows);
      assert((await page.textContent('table.grid tbody')).includes('تولیدی کفش‌های ورزشی پدر'), 'found');
      await page.screenshot({ path: join(SHOTS, 'units-search.png'), fullPage: true });
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
