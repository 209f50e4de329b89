/** Writes the SDMX structure (DSD and code lists) of the indicators to sdmx/, from the catalogue. */
import { writeFileSync } from 'node:fs';
import { sdmxStructure } from '../src/server/modules/indicators/index.ts';

const path = new URL('../sdmx/KOPRU_PES_INDICATORS-1.0.xml', import.meta.url);
writeFileSync(path, sdmxStructure());
console.log(`written ${path.pathname}`);
