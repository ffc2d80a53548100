import { formatReport, runFuzz } from './fuzz-run';

/**
 * Issue 11, item 7, in CI: a seeded fuzz run over every route of both OpenAPI documents, with
 * and without credentials. `npm run fuzz` runs the same for 100,000 requests.
 */
describe('fuzz: hostile and valid-ish requests over every route of both APIs', () => {
  jest.setTimeout(300_000);

  it('A1: 2,500 seeded requests: no undocumented 5xx, no event appended by a refused request, every event readable', async () => {
    const report = await runFuzz({ seed: Number(process.env['FUZZ_SEED'] ?? 11), requests: 2_500 });
    process.stdout.write(`${formatReport(report)}\n`);
    expect(report.violations.map((v) => `${v.request.route} ${v.status} ${v.why}`)).toEqual([]);
    expect(report.undocumented5xx).toBe(0);
    expect(report.events.undocumented).toBe(0);
    expect(report.undecodable).toBe(0);
    // Every route was driven, with proper credentials and without.
    expect(Object.keys(report.routesHit)).toHaveLength(report.routes.command + report.routes.query);
    expect(report.byCredentials['proper']).toBeGreaterThan(1000);
    expect(
      (report.byCredentials['hostile'] ?? 0) + (report.byCredentials['none'] ?? 0),
    ).toBeGreaterThan(300);
    // Valid-ish requests got through to the domain: commands were accepted and refused.
    expect(report.statuses['200'] ?? 0).toBeGreaterThan(200);
    expect(report.events.accepted).toBeGreaterThan(100);
  });
});
