export * from './projection/case-projection.activities';
export * from './letters/letter-issuing.activities';
export * from './policies/policy-adoption.activities';
export * from './cluster/cluster-watch.activities';
export * from './cluster/cluster-watch-hand-over';
export * from './calendar/calendar-adoption.activities';
export * from './directory/unit-succession.activities';
