// Journey: the secretariat builds a session's agenda from a case it marked ready,
// records attendance (one representative with full authority), marks the session
// held, issues a resolution to the bank, and opens the minutes' print view (screen
// and print media screenshots under build/asan/screenshots). No console or CSP errors.
import { join } from 'node:path';
import { assert, launchBrowser, legalId, PASSWORD, run, SHOTS, startServer } from './lib.mjs';

async function login(browser, url, name, next) {
  const context = await browser.newContext({ locale: 'fa-IR' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${url}/login?next=${next}`);
  await page.fill('#name', name);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === next), page.click('form button[type=submit]')]);
  return { page, errors };
}

async function submit(page, selector) {
  await Promise.all([page.waitForLoadState('load'), page.click(selector)]);
}

await run({
  async secretariat_builds_agenda_issues_resolution_prints_minutes() {
    const server = await startServer([['admin', 'admin'], ['dabir', 'secretariat']]);
    const browser = await launchBrowser();
    try {
      const { page: admin } = await login(browser, server.url, 'admin', '/agencies');
      await admin.fill('#f-name', 'بانک ملی ایران');
      await admin.selectOption('#f-kind', 'bank');
      await submit(admin, 'main form[action="/agencies"] button[type=submit]');

      const { page: d, errors } = await login(browser, server.url, 'dabir', '/cases/inbox');
      // a unit and a case, taken into review and marked ready for a session
      await d.goto(server.url + '/units/new');
      await d.fill('#f-national_id', legalId('1010003336'));
      await d.fill('#f-name', 'کفش‌دوزی نوری');
      await d.click('form.record button[type=submit]');
      await d.waitForURL(/\/units\/\d+$/);
      await d.goto(server.url + '/cases/new');
      await d.selectOption('#f-unit_id', { label: 'کفش‌دوزی نوری' });
      await d.selectOption('#f-category_id', '14');
      await d.fill('#f-title', 'استمهال وام سرمایه در گردش');
      await d.click('button[name=submit][value="1"]');
      await d.waitForURL(/\/cases\/\d+$/);
      await submit(d, 'form.act-review button[type=submit]');
      await submit(d, 'form.act-agenda button[type=submit]');
      assert((await d.textContent('main')).includes('در دستور جلسه'), 'the case is ready for a session');

      // the session
      await d.goto(server.url + '/meetings/new');
      await d.selectOption('#f-body_id', '1');
      await d.fill('#f-held_on', '۱۴۰۵/۰۸/۰۱');
      await d.fill('#f-starts_at', '۱۰:۳۰');
      await d.fill('#f-place', 'سالن جلسات فرمانداری اسلامشهر');
      await d.fill('#f-chair', 'معاون هماهنگی امور اقتصادی استانداری');
      await d.fill('#f-secretary', 'رئیس سازمان صنعت، معدن و تجارت');
      await d.click('form.record button[type=submit]');
      await d.waitForURL(/\/meetings\/\d+$/);
      const meetingUrl = d.url();

      // attendance
      await d.fill('form.attendee-form #f-name', 'علی رضایی');
      await d.fill('form.attendee-form #f-position', 'مدیر امور شعب بانک ملی استان');
      await d.selectOption('form.attendee-form #f-agency_id', { label: 'بانک ملی ایران' });
      await d.check('form.attendee-form input[name=full_authority]');
      await submit(d, 'form.attendee-form button[type=submit]');
      await d.fill('form.attendee-form #f-name', 'مریم احمدی');
      await d.fill('form.attendee-form #f-position', 'عضو کارگروه');
      await submit(d, 'form.attendee-form button[type=submit]');
      const attendance = await d.textContent('#attendance');
      assert(attendance.includes('علی رضایی') && attendance.includes('با اختیار تام'), 'attendance recorded');

      // the agenda: the ready case, then a topic moved to the top
      await submit(d, 'ul.ready-cases button[type=submit]');
      await d.fill('details.ready #f-title', 'گزارش دبیرخانه از مصوبات جلسه قبل');
      await submit(d, 'details.ready form button[type=submit]');
      let items = await d.locator('ol.agenda > li').allTextContents();
      assert(items.length === 2 && items[0].includes('استمهال'), 'two items, case first');
      await submit(d, 'ol.agenda > li:nth-child(2) button[title="بالاتر"]');
      items = await d.locator('ol.agenda > li').allTextContents();
      assert(items[0].includes('گزارش دبیرخانه'), 'the topic moved to the top');
      await d.fill('ol.agenda > li:nth-child(2) textarea[name=notes]', 'نماینده بانک با استمهال شش‌ماهه موافقت کرد.');
      await submit(d, 'ol.agenda > li:nth-child(2) form.notes button[type=submit]');
      await d.screenshot({ path: join(SHOTS, 'meeting-agenda.png'), fullPage: true });

      // held, then a resolution
      await submit(d, 'form[action$="/status"] input[value=held] ~ button');
      assert((await d.textContent('.page-head')).includes('برگزار شده'), 'held');
      const caseItem = await d.locator('form.resolution-form select[name=item_id] option', { hasText: 'استمهال' }).getAttribute('value');
      await d.selectOption('form.resolution-form select[name=item_id]', caseItem);
      await d.fill('form.resolution-form textarea[name=text]', 'بانک ملی وام سرمایه در گردش کفش‌دوزی نوری را شش ماه استمهال کند.');
      await d.selectOption('form.resolution-form select[name=agency_id]', { label: 'بانک ملی ایران' });
      await d.fill('form.resolution-form input[name=deadline]', '۱۴۰۶/۰۲/۳۱');
      await d.click('form.resolution-form button[type=submit]');
      await d.waitForURL(/\/resolutions\/\d+$/);
      const res = await d.textContent('main');
      assert(res.includes('مصوبه شماره') && res.includes('مهلت اعتراض'), 'the resolution with its window');
      await d.screenshot({ path: join(SHOTS, 'resolution.png'), fullPage: true });

      // the minutes' print view
      await d.goto(meetingUrl + '/minutes');
      const minutes = await d.textContent('article.minutes');
      for (const words of ['صورتجلسه', 'علی رضایی', 'گزارش دبیرخانه', 'استمهال شش‌ماهه موافقت', 'امضای حاضران'])
        assert(minutes.includes(words), 'minutes show ' + words);
      const font = await d.evaluate(() => getComputedStyle(document.querySelector('article.minutes')).fontFamily);
      assert(font.includes('Vazirmatn'), 'Vazirmatn: ' + font);
      await d.screenshot({ path: join(SHOTS, 'minutes.png'), fullPage: true });
      await d.emulateMedia({ media: 'print' });
      assert(await d.locator('header.top').isHidden(), 'no navigation in print');
      await d.screenshot({ path: join(SHOTS, 'minutes-print.png'), fullPage: true });
      assert(errors.length === 0, 'console errors: ' + errors.join('\n'));
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
