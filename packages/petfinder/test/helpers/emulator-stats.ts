/** The parts of the emulator's `/_emulator/stats` these tests read. */
export interface EmulatorStats {
  requests: number;
  routes: Record<string, Record<string, number>>;
  faults: Record<string, number>;
  tokens: number;
}

export async function emulatorStats(url: string): Promise<EmulatorStats> {
  const response = await fetch(`${url}/_emulator/stats`);
  if (!response.ok) throw new Error(`GET ${url}/_emulator/stats answered ${response.status}`);
  return (await response.json()) as EmulatorStats;
}

/** Token requests the emulator has answered (any status). */
export async function tokenRequests(url: string): Promise<number> {
  const { routes } = await emulatorStats(url);
  return Object.entries(routes)
    .filter(([route]) => route.includes("/oauth2/token"))
    .reduce((sum, [, byStatus]) => sum + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
}
