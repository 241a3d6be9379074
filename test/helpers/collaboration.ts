import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { parseRole } from '../../server/auth/roles.ts';
import { createApiToken, createUser, grantRoles } from '../../server/repositories/users.ts';
import { testDefinition } from './reporting.ts';

/** The outbox's messages to `to`, oldest first. */
export function mailsTo(app: FastifyInstance, to: string) {
  return app.db
    .selectFrom('outbox')
    .select(['kind', 'body'])
    .where('to_address', '=', to)
    .orderBy('id')
    .execute();
}

/** A user holding `roles`, its id and e-mail, and the headers that act as it. */
export async function personWith(app: FastifyInstance, roles: string[], name = 'Someone') {
  const email = `user-${randomBytes(6).toString('hex')}@example.org`;
  const id = await createUser(app.db, { email, name });
  await grantRoles(
    app.db,
    id,
    roles.map((text) => {
      const grant = parseRole(text);
      if (!grant) throw new Error(`not a role: ${text}`);
      return grant;
    }),
  );
  const { token } = await createApiToken(app.db, id, 'test');
  return { id, email, headers: { authorization: `Bearer ${token}` } };
}

/** The test questionnaire with a second section holding a file question and a loop over species. */
export function collaborationDefinition(): ReturnType<typeof testDefinition> {
  const base = testDefinition();
  const definition = {
    ...base,
    codeLists: {
      species: [
        { value: 'aquila_clanga', label: { en: 'Greater Spotted Eagle' } },
        { value: 'otis_tarda', label: { en: 'Great Bustard' } },
        { value: 'grus_grus', label: { en: 'Common Crane' } },
      ],
    },
    sections: [
      ...base.sections,
      {
        id: 'species',
        title: { en: 'Species' },
        items: [
          {
            id: 'report_file',
            type: 'file',
            label: { en: 'Attach your national action plan' },
            accept: ['application/pdf', 'image/png'],
            maxSizeMB: 0.01,
          },
          {
            id: 'species_status',
            type: 'loop',
            over: 'species',
            label: { en: 'Status of each species' },
            items: [{ id: 'population', type: 'integer', label: { en: 'Population' }, min: 0 }],
          },
        ],
      },
    ],
  };
  // openTestCycle is typed on the plain test definition; this one adds sections of other item types.
  return definition as unknown as ReturnType<typeof testDefinition>;
}

/** A multipart/form-data body with one `file` field. */
export function multipartFile(name: string, type: string, content: Buffer) {
  const boundary = `----ors${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The smallest PDF file-type recognises, padded to `size` bytes. */
export function pdfBytes(size = 1200): Buffer {
  const head = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)]);
}

/** A Windows executable's header (MZ … PE): what a renamed .exe looks like. */
export function exeBytes(): Buffer {
  const bytes = Buffer.alloc(1024, 0);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}
