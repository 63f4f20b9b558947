/*
 * Every string the UI shows, in Swedish (first) and English, and the date and number
 * formats: the tables live in i18n/ (sv.ts, en.ts, errors.ts), the runtime in
 * i18n/runtime.ts, the formatters in i18n/format.ts.
 */
export * from './i18n/runtime.js';
export * from './i18n/format.js';
