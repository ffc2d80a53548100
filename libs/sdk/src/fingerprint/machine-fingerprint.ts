import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { arch, hostname, networkInterfaces, platform } from 'node:os';

const MACHINE_ID_FILES = ['/etc/machine-id', '/var/lib/dbus/machine-id'];

const machineId = (): string | null => {
  for (const file of MACHINE_ID_FILES) {
    try {
      const id = readFileSync(file, 'utf8').trim();
      if (id !== '') return id;
    } catch {
      // next candidate
    }
  }
  return null;
};

const firstMac = (): string =>
  Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && !i.internal && i.mac !== '00:00:00:00:00:00')
    .map((i) => i!.mac)
    .sort()[0] ?? '';

/**
 * A stable identifier of this machine: a SHA-256 over the OS machine id (systemd/D-Bus) or,
 * where there is none, the host name and first hardware address. Programs with a better notion
 * of "this machine" (a hardware key, a render-node name) pass their own fingerprint instead.
 */
export const machineFingerprint = (): string => {
  const source = machineId() ?? `${hostname()}|${firstMac()}`;
  return createHash('sha256')
    .update(`${platform()}|${arch()}|${source}`)
    .digest('hex')
    .slice(0, 32);
};

/**
 * This host's name, as the server records it with an activation (printable, 1..253
 * characters); null when the OS gives none the server would accept.
 */
export const localMachineName = (): string | null => {
  const name = hostname().trim();
  return /^[\x21-\x7e](?:[\x20-\x7e]{0,251}[\x21-\x7e])?$/.test(name) ? name : null;
};
