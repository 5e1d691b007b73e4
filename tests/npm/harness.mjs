// A minimal test runner for the npm tests: named async tests, one result line each, and a closing
// `<label>: N passed, M failed` line that tests/npm/run.sh and CI read.
const tests = [];

export function test(name, fn) {
  tests.push({ name, fn });
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export function assertEqual(actual, expected, message) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message}: expected ${e}, got ${a}`);
}

export async function run(label, { before, after } = {}) {
  let passed = 0;
  let failed = 0;
  let context;
  try {
    context = before ? await before() : undefined;
    for (const { name, fn } of tests) {
      const started = Date.now();
      try {
        await fn(context);
        passed++;
        console.log(`ok   ${name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed++;
        console.log(`FAIL ${name}\n     ${String(error?.stack ?? error).split('\n').join('\n     ')}`);
      }
    }
  } catch (error) {
    failed++;
    console.log(`FAIL ${label} setup\n     ${String(error?.stack ?? error)}`);
  } finally {
    if (after) await Promise.resolve().then(() => after(context)).catch((error) => console.log(`warning: ${label} teardown: ${error}`));
  }
  console.log(`${label}: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
