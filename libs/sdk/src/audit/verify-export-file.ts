import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  foldLicenseEventsAt,
  seatsAt,
  verifyExport,
  type ExportVerdict,
  type Jwks,
  type SeatsView,
} from '@lic/audit-chain';

/** Reads a JWKS from a file or an http(s) URL (the server's /.well-known/jwks.json). */
export const readJwks = async (where: string): Promise<Jwks> => {
  const text = /^https?:\/\//i.test(where)
    ? await (await fetch(where)).text()
    : readFileSync(where, 'utf8');
  const parsed = JSON.parse(text) as Jwks;
  if (!Array.isArray(parsed.keys)) throw new Error(`${where}: not a JWKS (no "keys" array)`);
  return parsed;
};

/** Verifies an export file line by line (no database, no server). */
export const verifyExportFile = (file: string, jwks: Jwks | null): Promise<ExportVerdict> =>
  verifyExport(
    createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity }),
    jwks,
  );

/**
 * The license's seats at `at`, rebuilt from the export alone with the domain's own evolve:
 * the query API's `GET /query/v1/licenses/{id}/seats?as_of=` answer, field for field.
 * Null when the export holds no issued license of that id at that instant.
 */
export const seatsAsOf = async (
  verdict: ExportVerdict,
  licenseId: string,
  at: number,
): Promise<SeatsView | null> => {
  const stream = `license-${licenseId}`;
  const events = verdict.events
    .filter((e) => e.stream === stream)
    .map((e) => ({
      streamName: e.stream,
      type: e.type,
      data: e.data,
      position: BigInt(e.position),
    }));
  const folded = await foldLicenseEventsAt(events, at);
  return folded === null ? null : seatsAt(folded, at);
};
