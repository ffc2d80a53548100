/**
 * KurrentDB names its connection strings `kurrentdb://` and `kurrentdb+discover://` (also
 * `kdb://`); the 6.x client parses only the older `esdb://` and `esdb+discover://` spellings of
 * the same thing. Returns the string the client understands, or null for another scheme.
 */
export function toClientConnectionString(connectionString: string): string | null {
  const match = /^(esdb|kurrentdb|kdb)(\+discover)?:\/\/(.+)$/i.exec(connectionString.trim());
  if (match === null) return null;
  return `esdb${(match[2] ?? '').toLowerCase()}://${match[3]}`;
}
