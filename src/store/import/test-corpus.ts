/**
 * For tests: a larger cables.csv made from the bundled sample's rows, repeated with other serial
 * numbers in the published ids (so every copy is a distinct cable), and csv text with broken rows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { sampleCsvPath } from '../../sources/sample.ts';

/** Rows of a cables.csv text: each starts at a line `"N","MM/DD/YYYY HH:MM"`. */
export function csvRows(text: string): string[] {
  return text.split(/(?=^"\d+","\d\d\/\d\d\/\d{4} \d\d:\d\d")/m).filter((row) => row.trim() !== '');
}

/** The sample's csv rows. */
export function sampleRows(): string[] {
  return csvRows(readFileSync(sampleCsvPath, 'utf8'));
}

/** A row with its published ref id's serial raised by `add` (`06MOSCOW1323` -> `06MOSCOW101323`). */
export function shiftRow(row: string, add: number): string {
  return row.replace(/^("\d+","[^"]*",")([^"]*?)(\d+)"/, (_m, head: string, stem: string, serial: string) => {
    return `${head}${stem}${Number(serial) + add}"`;
  });
}

/** Writes `copies` copies of the sample's rows, each copy with other ids; returns the row count. */
export function writeRepeatedSample(path: string, copies: number): number {
  const rows = sampleRows();
  const out: string[] = [];
  for (let k = 0; k < copies; k++)
    for (const row of rows) out.push(k === 0 ? row : shiftRow(row, k * 1_000_000));
  writeFileSync(path, out.join(''));
  return out.length;
}
