import fs from 'node:fs';
import zlib from 'node:zlib';
import { crc32 as crc32Of } from '../library/crc32';

/** Writes all of `chunk` at `position`. */
function writeFully(fd: number, chunk: Buffer, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let put = 0;
    const next = () =>
      fs.write(fd, chunk, put, chunk.length - put, position + put, (err, n) => {
        if (err) return reject(err);
        put += n;
        if (put < chunk.length) next();
        else resolve();
      });
    next();
  });
}

/**
 * Writes a ZIP file (PKWARE APPNOTE 6.3) front to back into an open descriptor, with ZIP64 where an
 * entry or the archive passes 4 GiB. Every entry's size is known before its data, so no data
 * descriptors are needed; a stored entry whose CRC-32 is only known once its data has streamed
 * through gets it patched into its local header (four bytes, written back in place).
 *
 * yazl, which this replaces for writing, cannot be told a CRC-32 it does not compute itself, and
 * pushes every byte through five stream stages to compute it: the package writer knows each media
 * file's checksums (see write.ts) and copies its bytes directly instead.
 */

const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const ZIP64_LIMIT = 0xffffffff;
const VERSION_MADE_BY = (3 << 8) | 63; // Unix, APPNOTE 6.3
const VERSION_UTF8 = 20;
const VERSION_ZIP64 = 45;
const FLAG_UTF8 = 1 << 11;
const REGULAR_FILE = 0o100644;

export interface ZipEntry {
  name: Buffer;
  method: 0 | 8;
  crc32: number;
  size: number;
  compressedSize: number;
  headerOffset: number;
  zip64: boolean;
}

function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
  };
}

export class ZipWriter {
  /** Where the next byte goes. */
  position = 0;
  private readonly entries: ZipEntry[] = [];
  private readonly stamp: { date: number; time: number };

  constructor(
    private readonly fd: number,
    modified: Date,
    /** For tests: ZIP64 records even where the sizes do not need them. */
    private readonly forceZip64 = false,
  ) {
    this.stamp = dosDateTime(modified);
  }

  private localHeader(e: ZipEntry): Buffer {
    const header = Buffer.alloc(LOCAL_HEADER + e.name.length + (e.zip64 ? 20 : 0));
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(e.zip64 ? VERSION_ZIP64 : VERSION_UTF8, 4);
    header.writeUInt16LE(FLAG_UTF8, 6);
    header.writeUInt16LE(e.method, 8);
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    header.writeUInt32LE(e.crc32, 14);
    header.writeUInt32LE(e.zip64 ? ZIP64_LIMIT : e.compressedSize, 18);
    header.writeUInt32LE(e.zip64 ? ZIP64_LIMIT : e.size, 22);
    header.writeUInt16LE(e.name.length, 26);
    header.writeUInt16LE(e.zip64 ? 20 : 0, 28);
    e.name.copy(header, LOCAL_HEADER);
    if (e.zip64) {
      const extra = LOCAL_HEADER + e.name.length;
      header.writeUInt16LE(0x0001, extra);
      header.writeUInt16LE(16, extra + 2);
      header.writeBigUInt64LE(BigInt(e.size), extra + 4);
      header.writeBigUInt64LE(BigInt(e.compressedSize), extra + 12);
    }
    return header;
  }

  /**
   * Writes the local header of an entry of `size` bytes stored as they are, and returns it with the
   * offset its data must be written at (by the caller, next, exactly `size` bytes). A CRC-32 not known
   * yet is given to `sealStored` afterwards.
   */
  async beginStored(name: string, size: number, crc32: number | null): Promise<{ entry: ZipEntry; dataOffset: number }> {
    const entry: ZipEntry = {
      name: Buffer.from(name, 'utf8'),
      method: 0,
      crc32: crc32 ?? 0,
      size,
      compressedSize: size,
      headerOffset: this.position,
      zip64: this.forceZip64 || size >= ZIP64_LIMIT,
    };
    const header = this.localHeader(entry);
    await writeFully(this.fd, header, this.position);
    this.entries.push(entry);
    this.position += header.length + size;
    return { entry, dataOffset: entry.headerOffset + header.length };
  }

  /** Records a stored entry's CRC-32, computed while its data was written, in its local header. */
  async sealStored(entry: ZipEntry, crc32: number): Promise<void> {
    entry.crc32 = crc32;
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32LE(crc32, 0);
    await writeFully(this.fd, bytes, entry.headerOffset + 14);
  }

  /** Adds a whole small file, deflated or stored. */
  async addBuffer(name: string, data: Buffer, compress: boolean): Promise<void> {
    const body = compress ? zlib.deflateRawSync(data) : data;
    const entry: ZipEntry = {
      name: Buffer.from(name, 'utf8'),
      method: compress ? 8 : 0,
      crc32: crc32Of(data),
      size: data.length,
      compressedSize: body.length,
      headerOffset: this.position,
      zip64: this.forceZip64,
    };
    const header = this.localHeader(entry);
    await writeFully(this.fd, Buffer.concat([header, body]), this.position);
    this.entries.push(entry);
    this.position += header.length + body.length;
  }

  private centralHeader(e: ZipEntry): Buffer {
    // ZIP64 extra field: only the values that do not fit, in this order.
    const wide = [
      e.zip64 || e.size >= ZIP64_LIMIT ? e.size : null,
      e.zip64 || e.compressedSize >= ZIP64_LIMIT ? e.compressedSize : null,
      this.forceZip64 || e.headerOffset >= ZIP64_LIMIT ? e.headerOffset : null,
    ];
    const extraValues = wide.filter((v): v is number => v !== null);
    const extraLength = extraValues.length ? 4 + 8 * extraValues.length : 0;
    const header = Buffer.alloc(CENTRAL_HEADER + e.name.length + extraLength);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(VERSION_MADE_BY, 4);
    header.writeUInt16LE(extraLength ? VERSION_ZIP64 : VERSION_UTF8, 6);
    header.writeUInt16LE(FLAG_UTF8, 8);
    header.writeUInt16LE(e.method, 10);
    header.writeUInt16LE(this.stamp.time, 12);
    header.writeUInt16LE(this.stamp.date, 14);
    header.writeUInt32LE(e.crc32, 16);
    header.writeUInt32LE(wide[1] !== null ? ZIP64_LIMIT : e.compressedSize, 20);
    header.writeUInt32LE(wide[0] !== null ? ZIP64_LIMIT : e.size, 24);
    header.writeUInt16LE(e.name.length, 28);
    header.writeUInt16LE(extraLength, 30);
    // comment length, disk number start, internal attributes: 0
    header.writeUInt32LE((REGULAR_FILE << 16) >>> 0, 38);
    header.writeUInt32LE(wide[2] !== null ? ZIP64_LIMIT : e.headerOffset, 42);
    e.name.copy(header, CENTRAL_HEADER);
    if (extraLength) {
      const at = CENTRAL_HEADER + e.name.length;
      header.writeUInt16LE(0x0001, at);
      header.writeUInt16LE(extraLength - 4, at + 2);
      extraValues.forEach((v, i) => header.writeBigUInt64LE(BigInt(v), at + 4 + 8 * i));
    }
    return header;
  }

  /** Writes the central directory and its end records. The descriptor stays open: the caller closes it. */
  async finish(): Promise<void> {
    const central = Buffer.concat(this.entries.map((e) => this.centralHeader(e)));
    const start = this.position;
    const count = this.entries.length;
    const parts = [central];
    const zip64 = this.forceZip64 || count >= 0xffff || central.length >= ZIP64_LIMIT || start >= ZIP64_LIMIT;
    if (zip64) {
      const record = Buffer.alloc(56);
      record.writeUInt32LE(0x06064b50, 0);
      record.writeBigUInt64LE(44n, 4);
      record.writeUInt16LE(VERSION_MADE_BY, 12);
      record.writeUInt16LE(VERSION_ZIP64, 14);
      // this disk, disk with the central directory: 0
      record.writeBigUInt64LE(BigInt(count), 24);
      record.writeBigUInt64LE(BigInt(count), 32);
      record.writeBigUInt64LE(BigInt(central.length), 40);
      record.writeBigUInt64LE(BigInt(start), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(start + central.length), 8);
      locator.writeUInt32LE(1, 16);
      parts.push(record, locator);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(zip64 ? 0xffff : count, 8);
    end.writeUInt16LE(zip64 ? 0xffff : count, 10);
    end.writeUInt32LE(zip64 ? ZIP64_LIMIT : central.length, 12);
    end.writeUInt32LE(zip64 ? ZIP64_LIMIT : start, 16);
    parts.push(end);
    const tail = Buffer.concat(parts);
    await writeFully(this.fd, tail, start);
    this.position = start + tail.length;
  }
}
