export * from './app-config';
export * from './business-calendar.loader';
