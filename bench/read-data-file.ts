/**
 * Benchmark 6: reading YAML scenario files. `readDataFile` (the loader's reader) parses with
 * js-yaml 5 into events, checks them in one pass (repeated keys, aliases limited, the slips it
 * hints at, one document, YAML 1.2) and builds the value with the core schema. Two baselines,
 * measured in the same run, alternating with the reader so that a change of load on the
 * machine hits all alike, all reading the file from disk too, each run after a full garbage
 * collection (outside its time) so that no run pays for the garbage of the one before:
 * - plain `load` of js-yaml, the parser the reader uses, with no check of Parley's;
 * - plain `yaml.parse` (uniqueKeys off, so no duplicate check either), the parser the reader
 *   used before (14–18 s for 50 MB: the `yaml` parser itself was the floor).
 * Medians.
 *
 * Targets: 50 MB (a flat map and a nested domain) in at most 3 s, and the reader within 1.3×
 * plain js-yaml at every size, which makes its checks linear in the size of the file. The old
 * quadratic duplicate check (yaml's `uniqueKeys`) is timed once on the 1 MB file, for reference.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
// The baselines must be the very parsers: the core package's own copies (the bench package
// depends on neither). js-yaml is the parser the reader runs; yaml the one it ran before.
import type * as JsYaml from '../packages/core/node_modules/js-yaml/dist/js-yaml.js';
import { parse, parseDocument, stringify } from '../packages/core/node_modules/yaml/dist/index.js';
import type { Problem } from '@parley/core';
// The reader is internal to `@parley/core/node` (its loaders call it); measured directly so
// that the figure is the reading alone, without the validation of what was read.
import { readDataFile } from '../packages/core/src/node/read-data-file.js';
import { formatDuration, formatRatio, heading, median, printTable, rowVerdict, timeOnce, type TargetRow } from './harness.js';

// Its ESM build (the one the reader gets), typed by the declarations beside it.
const JS_YAML_MODULE: string = '../packages/core/node_modules/js-yaml/dist/js-yaml.mjs';
const { load } = (await import(JS_YAML_MODULE)) as typeof JsYaml;

const TARGET_RATIO = 1.3;
/** The most a 50 MB file may take to read, in ms. */
const TARGET_50_MB_MS = 3000;

interface Case {
  readonly label: string;
  readonly text: string;
  /** Timed runs of each (reader, baselines), alternating. */
  readonly runs: number;
}

/** A flat map like a big `sources.yaml`: one key per line, the shape the old check was quadratic on. */
function flatMap(megabytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let k = 0; size < megabytes * 1e6; k++) {
    const line = `S${k}: "Citation ${k}: a report on the talks, some site, some page"\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

/** A domain file as yaml.stringify writes one: many small maps in lists, nested a few levels. */
function nestedDomain(megabytes: number): string {
  const issue = (i: number) => ({
    id: `issue.${i}`,
    label: `Issue number ${i}`,
    ordered: i % 2 === 0,
    sources: [`S${i}`, `S${i + 1}`],
    options: Array.from({ length: 4 }, (_, o) => ({ id: `option-${o}`, label: `Option ${o} of issue ${i}`, description: 'A short description of what this option means.' })),
  });
  const perIssue = stringify({ issues: [issue(10_000)] }).length;
  return stringify({ issues: Array.from({ length: Math.ceil((megabytes * 1e6) / perIssue) }, (_, i) => issue(i)) });
}

async function readWithParley(file: string, dir: string): Promise<unknown> {
  const problems: Problem[] = [];
  const value = await readDataFile(file, dir, problems);
  if (problems.length > 0) throw new Error(`unexpected problems: ${problems.map((problem) => problem.message).join('; ')}`);
  return value;
}

/** Plain js-yaml, as a competent engineer would call it: its default (core) schema, no checks of ours. */
async function readPlainJsYaml(file: string): Promise<unknown> {
  return load(await readFile(file, 'utf8'), { maxDepth: 1000 });
}

/** Plain yaml, the parser before: no duplicate check (uniqueKeys off). */
async function readPlainYaml(file: string): Promise<unknown> {
  return parse(await readFile(file, 'utf8'), { uniqueKeys: false }) as unknown;
}

// A full collection before each timed run, outside its time: otherwise each run pays for
// collecting what the one before it left (yaml.parse's 50 MB of nodes cost the reader after it
// seconds), and which parser looks faster depends on which one runs after yaml.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function timed(run: () => Promise<unknown>): Promise<number> {
  collectGarbage();
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export async function runReadDataFile(): Promise<TargetRow[]> {
  heading('6. Reading YAML files (readDataFile: js-yaml, duplicate keys checked, aliases limited; one core)');
  // The figures are times on a shared machine: say how loaded it was.
  const loadAverage = () => loadavg().map((value) => value.toFixed(1)).join(', ');
  console.log(`load average at the start: ${loadAverage()}`);
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-yaml-'));
  const rows: TargetRow[] = [];
  const table: string[][] = [];
  const medians: number[] = [];
  try {
    const cases: Case[] = [
      { label: 'flat map, 1 MB', text: flatMap(1), runs: 7 },
      { label: 'nested domain, 1 MB', text: nestedDomain(1), runs: 7 },
      { label: 'flat map, 5 MB', text: flatMap(5), runs: 5 },
      { label: 'nested domain, 5 MB', text: nestedDomain(5), runs: 5 },
      { label: 'flat map, 50 MB', text: flatMap(50), runs: 3 },
      { label: 'nested domain, 50 MB', text: nestedDomain(50), runs: 3 },
    ];
    for (const [index, testCase] of cases.entries()) {
      const file = join(dir, `case-${index}.yaml`);
      await writeFile(file, testCase.text);
      const megabytes = testCase.text.length / 1e6;
      const big = megabytes > 10;
      // One untimed run of each, to compile the parsers' hot paths (yaml's is warm from the
      // smaller files by the time the 50 MB ones come, and takes 10 s or more there).
      await readWithParley(file, dir);
      await readPlainJsYaml(file);
      if (!big) await readPlainYaml(file);
      const reader: number[] = [];
      const jsYaml: number[] = [];
      const yaml: number[] = [];
      for (let run = 0; run < testCase.runs; run++) {
        reader.push(await timed(() => readWithParley(file, dir)));
        jsYaml.push(await timed(() => readPlainJsYaml(file)));
        yaml.push(await timed(() => readPlainYaml(file)));
      }
      const measured = median(reader);
      const plain = median(jsYaml);
      const before = median(yaml);
      const ratio = measured / plain;
      medians.push(measured);
      table.push([
        testCase.label,
        `${megabytes.toFixed(1)} MB`,
        formatDuration(measured),
        formatDuration(plain),
        formatRatio(ratio),
        formatDuration(before),
        formatRatio(before / measured),
        `${formatDuration(measured / megabytes)}/MB`,
        String(testCase.runs),
      ]);
      rows.push({
        workload: `6. read YAML, ${testCase.label}`,
        measured: formatDuration(measured),
        target: `≤ ${TARGET_RATIO}× plain js-yaml load`,
        baseline: `${formatDuration(plain)} (js-yaml load, no checks); yaml.parse ${formatDuration(before)}`,
        ratio: formatRatio(ratio),
        met: ratio <= TARGET_RATIO,
      });
      if (big) {
        rows.push({
          workload: `6. read YAML, ${testCase.label}, absolute`,
          measured: formatDuration(measured),
          target: `≤ ${formatDuration(TARGET_50_MB_MS)}`,
          baseline: `${formatDuration(before)} (yaml.parse, the parser before)`,
          ratio: formatRatio(measured / before),
          met: measured <= TARGET_50_MB_MS,
        });
      }
    }
    console.log(`load average at the end: ${loadAverage()}`);
    printTable(['file', 'size', 'readDataFile (median)', 'js-yaml load (median)', 'ratio', 'yaml.parse (median)', 'yaml / reader', 'per MB', 'runs'], table);

    // The check this replaced, once, on the smallest file: quadratic in the keys of a map.
    const small = cases[0]!.text;
    const old = timeOnce(() => parseDocument(small, { uniqueKeys: true }).toJS() as unknown);
    const readerMs = medians[0]!;
    console.log(`\nBefore (yaml's uniqueKeys: true, then toJS) on the 1 MB flat map: ${formatDuration(old.ms)}, once (${formatRatio(old.ms / readerMs)} readDataFile); quadratic in the keys, so about 25× that for 5 MB.`);
    rows.push({
      workload: '6. read YAML, flat map 1 MB, the old check',
      measured: formatDuration(old.ms),
      target: '—',
      baseline: `${formatDuration(readerMs)} (readDataFile now)`,
      ratio: formatRatio(old.ms / readerMs),
      met: true,
      stress: 'reference: the check it replaced',
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  for (const row of rows) console.log(`${row.workload}: ${row.measured} against ${row.baseline}: ${rowVerdict(row)}`);
  return rows;
}

// Run on its own: `tsx --conditions=source bench/read-data-file.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await runReadDataFile();
