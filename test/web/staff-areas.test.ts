import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/core/actor.ts';
import { CAPABILITIES } from '../../src/core/permissions.ts';
import { AREA_CAPABILITY, STAFF_AREAS, mayOpen } from '../../web/src/staff-areas.ts';

describe('the staff navigation', () => {
  it('shows an administrator every area, as the API lets them use every one', () => {
    expect(STAFF_AREAS.filter((area) => !mayOpen(area, ['administrator']))).toEqual([]);
  });

  it('shows each role exactly the areas whose capability the API grants it', () => {
    for (const role of ROLES) {
      for (const area of STAFF_AREAS) {
        const capability = AREA_CAPABILITY[area];
        const granted = capability === null || (CAPABILITIES[capability] as readonly string[]).includes(role);
        expect({ role, area, open: mayOpen(area, [role]) }).toEqual({ role, area, open: granted });
      }
    }
  });

  it('lets an assessor open results but not the design area, and shows nothing without a role', () => {
    expect(mayOpen('results', ['assessor'])).toBe(true);
    expect(mayOpen('micro-credentials', ['assessor'])).toBe(false);
    expect(mayOpen('overview', [])).toBe(false);
  });
});
