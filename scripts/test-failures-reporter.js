// A node:test reporter for scripts/run-tests.js: one JSON line per failure, so the runner can tell a test that
// failed from a test file whose process never finished.
export default async function* failures(source) {
  for await (const event of source) {
    if (event.type !== 'test:fail') continue;
    const { name, nesting, file, details } = event.data;
    yield `${JSON.stringify({ name, nesting, file, failureType: details?.error?.failureType })}\n`;
  }
}
