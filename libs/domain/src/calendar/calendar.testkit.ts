import type { HolidayYear } from './holiday-year.schema';

/**
 * A TEST arrangement for 2027, made up for tests ONLY. The State Council has not published 2027 as this is written;
 * nothing here is official and it must never be loaded as data. 元旦 Fri 1 – Sun 3 January; 春节 Sat 6 – Fri 12 February,
 * with the Saturday after (13 Feb) and Sunday 21 Feb as 调休 working days.
 */
export function testArrangement2027(): HolidayYear {
  return {
    year: 2027,
    source: 'TEST ARRANGEMENT — not a State Council notice (测试用，非官方)',
    holidays: [
      { name: "New Year's Day (TEST)", nameZh: '元旦（测试）', restDays: ['2027-01-01', '2027-01-02', '2027-01-03'] },
      {
        name: 'Spring Festival (TEST)',
        nameZh: '春节（测试）',
        restDays: ['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
      },
    ],
    adjustedWorkdays: ['2027-02-13', '2027-02-21'],
  };
}
