// clock: this VM's clock against the Date header of the GET /vm answer.
import { printable } from '../../../agent/printable';
import { humanDuration, measureSkew, SKEW_TOLERANCE_MS } from './clock-skew';
import { type Check, ok, warn } from './types';

export const clockCheck: Check = {
  name: 'clock',
  title: "clock skew against the server's Date",
  needs: ['vm'],
  async run({ facts }) {
    const { date, sentAt, receivedAt } = facts.vm!;
    const skew = measureSkew(date, sentAt, receivedAt);
    if (skew.kind === 'unknown')
      return warn(`${skew.why}: skew unknown`, 'a proxy in between may drop Date; check the clock by other means (timedatectl)');
    const off = skew.skewMs > 0 ? 'behind' : 'ahead of';
    const by = Math.abs(skew.skewMs) < 1000 ? "within 1 s of the server's" : `${humanDuration(skew.skewMs)} ${off} the server's`;
    const shown = `this VM's clock is ${by} (Date: ${printable(date ?? '', 40)})`;
    if (Math.abs(skew.skewMs) <= SKEW_TOLERANCE_MS) return ok(`${shown}, within ${SKEW_TOLERANCE_MS / 1000} s`);
    return warn(
      `${shown}, more than ${SKEW_TOLERANCE_MS / 1000} s`,
      'enable time synchronisation in the VM (chronyd or systemd-timesyncd; timedatectl shows it): certificate checks and the times in status depend on it',
    );
  },
};
