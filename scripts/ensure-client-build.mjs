// `npm start` serves the built client: build it once when it is missing (a fresh clone).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../client/dist/index.html', import.meta.url))) {
  console.log('building the client (first start)…');
  execSync('npm run build', { stdio: 'inherit' });
}
