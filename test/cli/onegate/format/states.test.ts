import { describe, expect, it } from 'vitest';
import { LCM_STATES, rubyToI, SERVICE_STATES, stateName, VM_STATES, vmStateName } from '../../../../cli/onegate/format/states';

describe('state names', () => {
  it('has the sizes of the Ruby client tables (LCM extended with the backup states)', () => {
    expect([VM_STATES.length, LCM_STATES.length, SERVICE_STATES.length]).toEqual([12, 72, 16]);
    expect([LCM_STATES[68], LCM_STATES[69], LCM_STATES[71]]).toEqual(['HOTPLUG_SAVEAS_STOPPED', 'BACKUP', 'RESTORE']);
    expect(SERVICE_STATES[15]).toBe('HOLD');
  });
  it('shows the LCM state while ACTIVE, the VM state otherwise', () => {
    expect(vmStateName('3', '3')).toBe('RUNNING');
    expect(vmStateName('8', '0')).toBe('POWEROFF');
    expect(vmStateName('3', '69')).toBe('BACKUP');
  });
  it('prints unknown indexes as nothing', () => {
    expect(stateName(SERVICE_STATES, 99)).toBeUndefined();
    expect(stateName(VM_STATES, '-1')).toBeUndefined();
  });
  it('reads numbers as Ruby String#to_i does', () => {
    expect([rubyToI('3'), rubyToI(' 12abc'), rubyToI('abc'), rubyToI(undefined), rubyToI(2)]).toEqual([3, 12, 0, 0, 2]);
  });
});
