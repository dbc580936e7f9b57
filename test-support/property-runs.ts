/**
 * How many cases a fast-check property runs. Property suites (`*.property.test.ts`) run in
 * `npm run test:unit` at their small default, cheap enough for every run, and in
 * `npm run test:reliability` at PLAYGROUND_PROPERTY_RUNS (10,000, set by vitest.reliability.config.ts).
 */
export function propertyRuns(unitRuns = 100): number {
  const asked = Number(process.env.PLAYGROUND_PROPERTY_RUNS);
  return Number.isInteger(asked) && asked > 0 ? asked : unitRuns;
}
