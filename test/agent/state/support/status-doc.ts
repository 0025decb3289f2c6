// A status document as a healthy daemon writes it (READY reported), with fields replaced by `over`.
import type { StatusDocument } from '../../../../agent/state/status-document';

export const statusDoc = (over: Partial<StatusDocument> = {}): StatusDocument => ({
  pid: 1,
  version: 'x',
  startedAt: '2026-12-02T09:00:00Z',
  updatedAt: '2026-12-02T09:59:50Z',
  configFile: null,
  overrides: [],
  interval: 60,
  credentials: {},
  push: { enabled: true, pending: [] },
  pull: { enabled: true },
  ready: { status: 'reported', attempts: 0 },
  context: {},
  process: { rssBytes: 1, cpuUserMs: 0, cpuSystemMs: 0 },
  ...over,
});
