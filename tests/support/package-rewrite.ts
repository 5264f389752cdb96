import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import yazl from 'yazl';

/** Every entry of a zip, read whole: test packages are small. */
export async function readZip(file: string): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, async (err, stream) => {
        if (err) return reject(err);
        const parts: Buffer[] = [];
        for await (const part of stream) parts.push(part as Buffer);
        entries.set(entry.fileName, Buffer.concat(parts));
        zip.readEntry();
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
  return entries;
}

/**
 * What an attacker with a real package does: opens it, changes its records, and zips it again with a
 * manifest whose checksums all agree, so that only the importer's own rules can stop it.
 */
export async function rewritePackage(
  file: string,
  out: string,
  edit: (json: { manifest: any; lessons: Map<string, any>; collection: any | null }) => void,
): Promise<string> {
  const entries = await readZip(file);
  const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
  const lessons = new Map<string, any>();
  for (const [name, data] of entries) if (name.startsWith('data/lessons/')) lessons.set(name, JSON.parse(data.toString('utf8')));
  const collectionName = [...entries.keys()].find((n) => n.startsWith('data/collection'));
  const collection = collectionName ? JSON.parse(entries.get(collectionName)!.toString('utf8')) : null;
  edit({ manifest, lessons, collection });
  for (const [name, lesson] of lessons) entries.set(name, Buffer.from(JSON.stringify(lesson)));
  if (collectionName) entries.set(collectionName, Buffer.from(JSON.stringify(collection)));
  manifest.files = [...entries.keys()]
    .filter((name) => name !== 'manifest.json')
    .map((name) => {
      const data = entries.get(name)!;
      return { path: name, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), crc32: zlib.crc32(data) };
    });
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) if (name !== 'manifest.json') zip.addBuffer(data, name, { compress: !name.startsWith('media/') });
  zip.addBuffer(Buffer.from(JSON.stringify(manifest)), 'manifest.json');
  zip.end();
  const parts: Buffer[] = [];
  for await (const part of zip.outputStream) parts.push(part as Buffer);
  await fs.writeFile(out, Buffer.concat(parts));
  return out;
}
