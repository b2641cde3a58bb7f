/**
 * npm run mutate:score: the mutation score per area (test/mutation/areas.json) and over src/main and
 * src/shared, from Stryker's incremental record (each run's latest result per mutant). Timeouts count as
 * detected, as in Stryker's own score, and are shown apart; files with code but no recorded mutant are listed.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const read = (path) => JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'));
const { areas } = read('test/mutation/areas.json');
const record = read('test/mutation/stryker-incremental.json');

/** A mutate pattern as a regular expression: `*` is any name within a folder. */
const globToRegExp = (glob) =>
  new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
const matcher = (patterns) => {
  const include = patterns.filter((p) => !p.startsWith('!')).map(globToRegExp);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => globToRegExp(p.slice(1)));
  return (file) => include.some((re) => re.test(file)) && !exclude.some((re) => re.test(file));
};
const areaOf = areas.map((area) => ({ name: area.name, matches: matcher(area.mutate) }));

const NOT_COUNTED = new Set(['CompileError', 'RuntimeError', 'Ignored', 'Pending']);
const empty = () => ({ Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 });
const byArea = new Map();
const total = empty();
for (const [file, { mutants }] of Object.entries(record.files)) {
  if (!/^src\/(main|shared)\//.test(file)) continue;
  const name = areaOf.find((area) => area.matches(file))?.name ?? 'other';
  const counts = byArea.get(name) ?? empty();
  for (const { status } of mutants) {
    if (NOT_COUNTED.has(status)) continue;
    counts[status] += 1;
    total[status] += 1;
  }
  byArea.set(name, counts);
}

const score = (c) => {
  const counted = c.Killed + c.Timeout + c.Survived + c.NoCoverage;
  return { counted, percent: counted ? (100 * (c.Killed + c.Timeout)) / counted : 100 };
};
const row = (name, c) => {
  const { counted, percent } = score(c);
  return `${name.padEnd(24)}${String(counted).padStart(8)}${String(c.Killed).padStart(8)}${String(c.Timeout).padStart(9)}${String(c.Survived).padStart(10)}${String(c.NoCoverage).padStart(8)}${percent.toFixed(1).padStart(8)} %`;
};
console.log(
  `${'area'.padEnd(24)}${'mutants'.padStart(8)}${'killed'.padStart(8)}${'timeout'.padStart(9)}${'survived'.padStart(10)}${'no cov'.padStart(8)}${'score'.padStart(10)}`,
);
for (const [name, counts] of [...byArea].sort(([a], [b]) => a.localeCompare(b)))
  console.log(row(name, counts));
console.log(row('src/main + src/shared', total));

const sources = execFileSync('git', ['ls-files', 'src/main/**.ts', 'src/shared/**.ts'], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => file && !file.endsWith('.d.ts') && !(file in record.files));
if (sources.length > 0)
  console.log(`\nNo recorded mutant (types only, or never mutated): ${sources.join(', ')}`);
