import { createExampleWorkspace } from '../example/workspace.js';
import { openDatabase } from './open.js';

const { database, config } = await openDatabase();
const result = await createExampleWorkspace(database.db, null);
if (!result.created) {
  console.log('The example workspace already exists: nothing created. (Its demo passwords were printed when it was created.)');
} else {
  console.log('Created the example workspace: Region Västerbotten with its fifteen municipalities (HSN 335-2019),');
  console.log('and Dorotea kommun with Västerbottens läns landsting (the letter of intent and its three stages).');
  console.log(`Data: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.sqlitePath}`);
  console.log('\nDemo accounts (log in from two browsers to co-edit):');
  for (const a of result.accounts) console.log(`  ${a.email.padEnd(30)} ${a.password.padEnd(14)} ${a.role.padEnd(10)} ${a.party}`);
}
await database.close();
