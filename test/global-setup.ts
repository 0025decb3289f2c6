// Builds dist/ once per run, so tests that spawn `node dist/onegate.cjs` always run the current code.
import { buildAll } from '../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await buildAll();
}
