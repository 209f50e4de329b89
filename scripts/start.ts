// npm start: builds the web app when it is missing or older than its sources, then starts the server.
import { ensureWebBuilt } from './web-build.ts';

ensureWebBuilt('köprü');

await import('../src/server/main.ts').then((m) => m.serve());
