import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import { importCatalogue } from '../../src/quality/catalogue-import.ts';
import { updateCourseUnit } from '../../src/catalogue/course-units.ts';
import { runCommand } from '../../src/core/command.ts';
import type { Institution } from '../../src/core/institution.ts';
import { IMPORTER } from '../../src/quality/catalogue-import.ts';
import { getInstitution } from '../../src/institutions/store.ts';

const NO_MAIL = { smtpUrl: undefined, from: 'test@stapel.invalid' };

describe.each(databaseKinds())(
  'catalogue import against course units with a draft on top, on $name',
  (kind) => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await kind.open();
      await loadDemoIfEmpty(db.handle);
      // DATA101 is published at 3 ECTS; a draft version 2 says 6 ECTS.
      const institution = await getInstitution(db.handle.db, 'hogeschool-schelde');
      await runCommand(
        { database: db.handle, mail: NO_MAIL, actor: { kind: 'system', label: 'test' } },
        (cmd) =>
          updateCourseUnit(cmd, institution, {
            code: 'DATA101',
            update: { title: { nl: 'Concept' }, ects: 6, vksLevel: 6, qaInternal: true, qaExternal: true },
          }),
      );
    });
    afterAll(async () => {
      await db?.dispose();
    });

    const importInto = (institution: Institution, data: unknown) =>
      runCommand({ database: db.handle, mail: NO_MAIL, actor: IMPORTER }, (cmd) =>
        importCatalogue(cmd, institution, data),
      );

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
      const good = await importInto(institution, [entry('MC-IMP-3', 3)]);
      expect(good).toEqual({ ok: true, imported: ['MC-IMP-3'] });
      const bad = await importInto(institution, [entry('MC-IMP-6', 6)]);
      expect(bad.ok).toBe(false);
      if (!bad.ok)
        expect(bad.problems).toContainEqual(
          expect.objectContaining({ entry: 'MC-IMP-6', rule: 'ects-sum-of-course-units' }),
        );
    });
  },
);
