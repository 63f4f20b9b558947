import { openDatabase } from './open.js';

const { database, applied } = await openDatabase();
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
await database.close();
