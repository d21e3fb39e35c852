import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import { importCatalogue } from '../../src/quality/catalogue-import.ts';
import { updateCourseUnit } from '../../src/catalogue/store.ts';
import { getInstitution } from '../../src/institutions/store.ts';

describe.each(databaseKinds())(
  'catalogue import against course units with a draft on top, on $name',
  (kind) => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await kind.open();
      await loadDemoIfEmpty(db.handle);
      // DATA101 is published at 3 ECTS; a draft version 2 says 6 ECTS.
      await db.handle.transaction(async (tx) => {
        const institution = await getInstitution(tx, 'hogeschool-schelde');
        await updateCourseUnit(
          tx,
          { kind: 'system', label: 'test' },
          institution,
          'DATA101',
          { title: { nl: 'Concept' }, ects: 6, vksLevel: 6, qaInternal: true, qaExternal: true },
          'en',
        );
      });
    });
    afterAll(async () => {
      await db?.dispose();
    });

    const entry = (code: string, ects: number) => ({
      code,
      title: { nl: code },
      form: 'regular',
      ects,
      vksLevel: 6,
      courseUnits: ['DATA101'],
      learningOutcomes: [{ nl: 'Kan data lezen.' }],
      assessmentType: { nl: 'Examen' },
      participationForm: 'online',
      language: 'nl',
      workloadHours: ects * 27,
    });

    it('checks against the published version, as the write does: 3 ECTS passes, 6 ECTS is reported, not thrown', async () => {
      const institution = await getInstitution(db.handle.db, 'hogeschool-schelde');
      const good = await importCatalogue(db.handle, institution, [entry('MC-IMP-3', 3)], 'en');
      expect(good).toEqual({ ok: true, imported: ['MC-IMP-3'] });
      const bad = await importCatalogue(db.handle, institution, [entry('MC-IMP-6', 6)], 'en');
      expect(bad.ok).toBe(false);
      if (!bad.ok)
        expect(bad.problems).toContainEqual(
          expect.objectContaining({ entry: 'MC-IMP-6', rule: 'ects-sum-of-course-units' }),
        );
    });
  },
);
