import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatLongDate, formatPercent, messages, setLocale, t, translate, type MessageKey } from '../../client/src/i18n.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n table', () => {
  afterEach(() => setLocale('sv'));

  it('has every key in both languages, non-empty, with the same placeholders', () => {
    const sv = messages.sv as Record<string, string>;
    const en = messages.en as Record<string, string>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
    for (const key of Object.keys(sv)) {
      expect(sv[key]!.trim(), key).not.toBe('');
      expect(en[key]!.trim(), key).not.toBe('');
      expect(placeholders(en[key]!), key).toEqual(placeholders(sv[key]!));
    }
  });

  it('is Swedish by default and switches to English', () => {
    expect(t('login.title')).toBe('Logga in');
    setLocale('en');
    expect(t('login.title')).toBe('Log in');
    expect(document.documentElement.lang).toBe('en');
  });

  it('fills placeholders and leaves unknown ones alone', () => {
    expect(translate('sv', 'start.welcome', { name: 'Dagny' })).toBe('Välkommen, Dagny');
    expect(translate('en', 'doc.attachment', { n: 2 })).toBe('Attachment 2');
    expect(translate('sv', 'start.welcome')).toBe('Välkommen, {name}');
  });

  it('writes dates the Swedish way', () => {
    expect(formatDate('2015-09-30')).toBe('2015-09-30');
    expect(formatDate('2015-12-01T23:30:00Z')).toBe('2015-12-02'); // Stockholm is ahead of UTC
    expect(formatDateTime('2019-10-08T09:00:00Z')).toBe('2019-10-08 11:00');
    expect(formatLongDate('2015-11-30')).toBe('30 november 2015');
    setLocale('en');
    expect(formatLongDate('2015-11-30')).toBe('30 November 2015');
    expect(formatDate(null)).toBe('');
  });

  it('writes shares as percent', () => {
    expect(formatPercent(5000)).toBe('50 %');
    expect(formatPercent(3333)).toBe('33,33 %');
  });

  it('names every status, kind and role it may be asked for', () => {
    const keys = Object.keys(messages.sv) as MessageKey[];
    for (const prefix of ['status.', 'kind.', 'role.', 'stage.', 'approval.']) {
      expect(keys.some((k) => k.startsWith(prefix))).toBe(true);
    }
  });
});
