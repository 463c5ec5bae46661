/**
 * Where the bundled sample lives (sample/ at the repository root: real cables in the cable-file
 * layout, the same cables as cables.csv, a few cablegate html pages). For import, serve and
 * generate code that needs a default corpus, and for tests.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the sample folder. */
export const sampleDir: string = fileURLToPath(new URL('../../sample/', import.meta.url)).replace(/\/$/, '');

/** Absolute path of the sample's cable files (`*.txt`, one cable each). */
export const sampleCablesDir: string = join(sampleDir, 'cables');

/** Absolute path of the sample's cables.csv. */
export const sampleCsvPath: string = join(sampleDir, 'cables.csv');

/** Absolute path of the sample's cablegate html tree (`cable/YYYY/MM/ID.html`). */
export const sampleHtmlDir: string = join(sampleDir, 'html');

/** Absolute path of the sample's variants (other versions of sampled cables). */
export const sampleVariantsDir: string = join(sampleDir, 'variants');
