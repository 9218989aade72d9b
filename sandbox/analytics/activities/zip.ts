/**
 * A zip archive of one file (ChartMogul's activities export is a .zip holding a CSV): local header, deflated
 * data, central directory, end record — the whole of the format a one-file archive needs.
 */
import zlib from 'node:zlib';

function dosDateTime(ms: number): { time: number; date: number } {
  const d = new Date(ms);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((Math.max(d.getUTCFullYear(), 1980) - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export function zipOneFile(name: string, content: Buffer, modifiedAt: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const data = zlib.deflateRawSync(content);
  const crc = zlib.crc32(content);
  const { time, date } = dosDateTime(modifiedAt);

  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt16LE(0x0800, 6); // UTF-8 names
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt16LE(time, 10);
  local.writeUInt16LE(date, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);

  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4); // version made by
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt16LE(time, 12);
  central.writeUInt16LE(date, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42); // offset of the local header

  const centralSize = central.length + nameBytes.length;
  const centralOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

/** The one file of an archive made by zipOneFile (tests read exports back with it). */
export function unzipOneFile(archive: Buffer): { name: string; content: Buffer } {
  if (archive.readUInt32LE(0) !== 0x04034b50) throw new Error('not a zip archive');
  const compressed = archive.readUInt32LE(18);
  const nameLength = archive.readUInt16LE(26);
  const extra = archive.readUInt16LE(28);
  const name = archive.subarray(30, 30 + nameLength).toString('utf8');
  const start = 30 + nameLength + extra;
  return { name, content: zlib.inflateRawSync(archive.subarray(start, start + compressed)) };
}
