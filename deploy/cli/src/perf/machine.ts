import os from 'node:os';
import type { MachineInfo } from './run-summary';

export function thisMachine(): MachineInfo {
  const cpus = os.cpus();
  const cpuModel = cpus[0]?.model.trim() ?? 'unknown';
  const hostname = os.hostname();
  return {
    fingerprint: `${hostname}/${cpuModel}/${cpus.length}`,
    hostname,
    cpus: cpus.length,
    cpuModel,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
  };
}
