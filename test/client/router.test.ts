import { describe, expect, it } from 'vitest';
import { location, matchRoute, navigate } from '../../client/src/router.js';

describe('router', () => {
  it('matches the pages', () => {
    expect(matchRoute('/')).toEqual({ name: 'start' });
    expect(matchRoute('/login')).toEqual({ name: 'login' });
    expect(matchRoute('/setup')).toEqual({ name: 'setup' });
    expect(matchRoute('/admin')).toEqual({ name: 'admin' });
    expect(matchRoute('/invite/abc123')).toEqual({ name: 'invite', token: 'abc123' });
    expect(matchRoute('/documents/d-1')).toEqual({ name: 'document', id: 'd-1' });
    expect(matchRoute('/documents/d%201')).toEqual({ name: 'document', id: 'd 1' });
    expect(matchRoute('/meetings/m-1')).toEqual({ name: 'meeting', id: 'm-1' });
    expect(matchRoute('/documents')).toEqual({ name: 'notFound' });
    expect(matchRoute('/documents/a/b')).toEqual({ name: 'notFound' });
    expect(matchRoute('/nope')).toEqual({ name: 'notFound' });
  });

  it('navigates with the history API and updates the location signal', () => {
    window.scrollTo = () => {};
    navigate('/documents/x?tab=1#top');
    expect(window.location.pathname).toBe('/documents/x');
    expect(location()).toEqual({ pathname: '/documents/x', search: '?tab=1', hash: '#top' });
    navigate('/', { replace: true });
    expect(location().pathname).toBe('/');
  });
});
