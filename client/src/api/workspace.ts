import { call, rpc } from './client.js';
import { createQuery } from './cache.js';

/* The start page's side: the dashboard and the example workspace. */

export const createDashboardQuery = () => createQuery(() => 'dashboard', () => call(rpc.dashboard.$get()));

export const createExampleWorkspace = () => call(rpc.example.$post());
