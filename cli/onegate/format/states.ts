// State names of VMs, their LCM sub-states and services (`VM_STATE`, `LCM_STATE` and `Service.state_str`: share/onegate/onegate l.154–390 at release-7.4.0), indexed by the numbers the
// server sends. An index outside a table prints as an empty value, as in the Ruby client.

/** VM STATE 0-11. */
export const VM_STATES: readonly string[] = [
  'INIT',
  'PENDING',
  'HOLD',
  'ACTIVE',
  'STOPPED',
  'SUSPENDED',
  'DONE',
  'FAILED',
  'POWEROFF',
  'UNDEPLOYED',
  'CLONING',
  'CLONING_FAILURE',
];

/**
 * LCM_STATE 0-71. The Ruby client stops at 68 (HOTPLUG_SAVEAS_STOPPED) and prints an empty value for the
 * backup states; 69-71 come from the core OCA so that a VM being backed up shows BACKUP (docs/cli.md).
 */
export const LCM_STATES: readonly string[] = [
  'LCM_INIT',
  'PROLOG',
  'BOOT',
  'RUNNING',
  'MIGRATE',
  'SAVE_STOP',
  'SAVE_SUSPEND',
  'SAVE_MIGRATE',
  'PROLOG_MIGRATE',
  'PROLOG_RESUME',
  'EPILOG_STOP',
  'EPILOG',
  'SHUTDOWN',
  'CANCEL',
  'FAILURE',
  'CLEANUP_RESUBMIT',
  'UNKNOWN',
  'HOTPLUG',
  'SHUTDOWN_POWEROFF',
  'BOOT_UNKNOWN',
  'BOOT_POWEROFF',
  'BOOT_SUSPENDED',
  'BOOT_STOPPED',
  'CLEANUP_DELETE',
  'HOTPLUG_SNAPSHOT',
  'HOTPLUG_NIC',
  'HOTPLUG_SAVEAS',
  'HOTPLUG_SAVEAS_POWEROFF',
  'HOTPLUG_SAVEAS_SUSPENDED',
  'SHUTDOWN_UNDEPLOY',
  'EPILOG_UNDEPLOY',
  'PROLOG_UNDEPLOY',
  'BOOT_UNDEPLOY',
  'HOTPLUG_PROLOG_POWEROFF',
  'HOTPLUG_EPILOG_POWEROFF',
  'BOOT_MIGRATE',
  'BOOT_FAILURE',
  'BOOT_MIGRATE_FAILURE',
  'PROLOG_MIGRATE_FAILURE',
  'PROLOG_FAILURE',
  'EPILOG_FAILURE',
  'EPILOG_STOP_FAILURE',
  'EPILOG_UNDEPLOY_FAILURE',
  'PROLOG_MIGRATE_POWEROFF',
  'PROLOG_MIGRATE_POWEROFF_FAILURE',
  'PROLOG_MIGRATE_SUSPEND',
  'PROLOG_MIGRATE_SUSPEND_FAILURE',
  'BOOT_UNDEPLOY_FAILURE',
  'BOOT_STOPPED_FAILURE',
  'PROLOG_RESUME_FAILURE',
  'PROLOG_UNDEPLOY_FAILURE',
  'DISK_SNAPSHOT_POWEROFF',
  'DISK_SNAPSHOT_REVERT_POWEROFF',
  'DISK_SNAPSHOT_DELETE_POWEROFF',
  'DISK_SNAPSHOT_SUSPENDED',
  'DISK_SNAPSHOT_REVERT_SUSPENDED',
  'DISK_SNAPSHOT_DELETE_SUSPENDED',
  'DISK_SNAPSHOT',
  'DISK_SNAPSHOT_REVERT',
  'DISK_SNAPSHOT_DELETE',
  'PROLOG_MIGRATE_UNKNOWN',
  'PROLOG_MIGRATE_UNKNOWN_FAILURE',
  'DISK_RESIZE',
  'DISK_RESIZE_POWEROFF',
  'DISK_RESIZE_UNDEPLOYED',
  'HOTPLUG_NIC_POWEROFF',
  'HOTPLUG_RESIZE',
  'HOTPLUG_SAVEAS_UNDEPLOYED',
  'HOTPLUG_SAVEAS_STOPPED',
  'BACKUP',
  'BACKUP_POWEROFF',
  'RESTORE',
];

/** Service state 0-15. */
export const SERVICE_STATES: readonly string[] = [
  'PENDING',
  'DEPLOYING',
  'RUNNING',
  'UNDEPLOYING',
  'WARNING',
  'DONE',
  'FAILED_UNDEPLOYING',
  'FAILED_DEPLOYING',
  'SCALING',
  'FAILED_SCALING',
  'COOLDOWN',
  'DEPLOYING_NETS',
  'UNDEPLOYING_NETS',
  'FAILED_DEPLOYING_NETS',
  'FAILED_UNDEPLOYING_NETS',
  'HOLD',
];

/** Ruby's String#to_i: the leading decimal integer, 0 when there is none. */
export function rubyToI(value: unknown): number {
  if (typeof value === 'number') return Math.trunc(value);
  const m = /^\s*([-+]?\d+)/.exec(typeof value === 'string' ? value : '');
  return m ? Number(m[1]) : 0;
}

/** The name at `index` in `table`, or undefined outside it. */
export function stateName(table: readonly string[], index: unknown): string | undefined {
  const i = rubyToI(index);
  return i >= 0 ? table[i] : undefined;
}

/** The VM state shown by `service show --extended`: the VM state, or the LCM state while ACTIVE. */
export function vmStateName(state: unknown, lcmState: unknown): string | undefined {
  const name = stateName(VM_STATES, state);
  return name === 'ACTIVE' ? stateName(LCM_STATES, lcmState) : name;
}
