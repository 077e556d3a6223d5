// Journey: a producer registers their workshop and files an obstacle case; the
// secretariat takes it into review and refers it to the bank (default due date in
// working days); the bank's liaison finds it in their inbox and answers; the producer
// sees the answer on the case's timeline and in their notifications. Screenshots
// under build/asan/screenshots.
import { join } from 'node:path';
import { assert, launchBrowser, legalId, PASSWORD, run, SHOTS, startServer, tashil } from './lib.mjs';

async function login(browser, url, name, next) {
  const context = await browser.newContext({ locale: 'fa-IR' });
  const page = await context.newPage();
  await page.goto(`${url}/login?next=${next}`);
  await page.fill('#name', name);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === next), page.click('form button[type=submit]')]);
  return page;
}

await run({
  async producer_files_secretariat_refers_agency_answers() {
    const server = await startServer([['admin', 'admin'], ['dabir', 'secretariat'], ['tolid', 'producer']]);
    const browser = await launchBrowser();
    try {
      // the admin adds the bank; its liaison is linked on the command line
      const admin = await login(browser, server.url, 'admin', '/agencies');
      await admin.fill('#f-name', 'بانک ملی ایران');
      await admin.selectOption('#f-kind', 'bank');
      await Promise.all([admin.waitForLoadState(), admin.click('main form[action="/agencies"] button[type=submit]')]);
      await admin.waitForSelector('text=بانک ملی ایران');
      tashil(['user', 'add', '--db', server.db, '--role', 'agency', '--name', 'bank',
        '--display-name', 'مریم احمدی (بانک ملی)', '--agency', 'بانک ملی ایران', '--password-stdin'], PASSWORD + '\n');

      // the producer: a unit, then a case
      const tolid = await login(browser, server.url, 'tolid', '/cases/inbox');
      await tolid.goto(server.url + '/units/new');
      await tolid.fill('#f-national_id', legalId('1010003336'));
      await tolid.fill('#f-name', 'کفش‌دوزی نوری');
      await tolid.click('form.record button[type=submit]');
      await tolid.waitForURL(/\/units\/\d+$/);
      await tolid.goto(server.url + '/cases/new');
      await tolid.selectOption('#f-unit_id', { label: 'کفش‌دوزی نوری' });
      await tolid.selectOption('#f-category_id', '14');
      await tolid.fill('#f-title', 'استمهال وام سرمایه در گردش');
      await tolid.fill('#f-description', 'بانک با وجود مصوبه کارگروه استمهال نمی‌کند و حساب واحد مسدود است.');
      await tolid.fill('#f-amount', '۲٬۵۰۰٬۰۰۰٬۰۰۰');
      await tolid.screenshot({ path: join(SHOTS, 'case-new.png'), fullPage: true });
      await tolid.click('button[name=submit][value="1"]');
      await tolid.waitForURL(/\/cases\/\d+$/);
      const caseUrl = tolid.url();
      assert((await tolid.textContent('main')).includes('ثبت‌شده'), 'submitted');

      // the secretariat: inbox → review → refer
      const dabir = await login(browser, server.url, 'dabir', '/cases/inbox');
      assert((await dabir.textContent('main')).includes('استمهال وام سرمایه در گردش'), 'in the inbox');
      await dabir.screenshot({ path: join(SHOTS, 'case-inbox-secretariat.png'), fullPage: true });
      await dabir.click('text=استمهال وام سرمایه در گردش');
      await dabir.click('form.act-review button[type=submit]');
      await dabir.waitForURL(caseUrl);
      const agencyOption = await dabir.locator('form.act-refer select[name=agency_id] option:checked').textContent();
      assert(agencyOption.includes('بانک ملی ایران'), 'default agency from the category: ' + agencyOption);
      await dabir.click('form.act-refer button[type=submit]');
      await dabir.waitForURL(caseUrl);
      assert((await dabir.textContent('main')).includes('مهلت پاسخ'), 'due date shown');
      await dabir.screenshot({ path: join(SHOTS, 'case-referred.png'), fullPage: true });

      // the bank's liaison: the bell, the inbox, the answer
      const bank = await login(browser, server.url, 'bank', '/cases/inbox');
      assert(await bank.locator('a.bell .count').count() === 1, 'the bell counts the referral');
      await bank.click('text=استمهال وام سرمایه در گردش');
      await bank.fill('form.act-answer textarea[name=body]', 'با استمهال شش‌ماهه موافقت شد؛ حساب واحد آزاد می‌شود.');
      await bank.click('form.act-answer button[type=submit]');
      await bank.waitForURL(caseUrl);
      await bank.screenshot({ path: join(SHOTS, 'case-answered-agency.png'), fullPage: true });

      // the producer sees the answer
      await tolid.goto(caseUrl);
      const main = await tolid.textContent('main');
      assert(main.includes('با استمهال شش‌ماهه موافقت شد'), 'the answer on the timeline');
      assert(main.includes('پاسخ دستگاه رسیده'), 'state answered');
      await tolid.screenshot({ path: join(SHOTS, 'case-answer-producer.png'), fullPage: true });
      await tolid.click('a.bell');
      assert((await tolid.textContent('main')).includes('پاسخ دستگاه رسید'), 'notification');
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
