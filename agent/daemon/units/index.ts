// The daemon's units, in the order they are started and refreshed. A new unit is one
// file beside these, one line here and its test under test/agent/daemon/units/.
import type { Unit } from '../unit';
import { health } from './health';
import { hooks } from './hooks';
import { lb } from './lb';
import { pull } from './pull';
import { push } from './push';
import { ready } from './ready';
import { watch } from './watch';

export const units: readonly Unit[] = [hooks, health, ready, lb, push, pull, watch];
