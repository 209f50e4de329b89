/**
 * The taxonomy module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { taxonomyRoutes } from './taxonomy.routes.ts';
export { loadTaxonomy } from './taxonomy.load.ts';
export { importEsco } from './esco-import.ts';
export { searchOccupations, searchSkills, type OccupationHit } from './taxonomy.service.ts';
export {
  essentialSkills,
  essentialSkillsOf,
  iscoTitles,
  naceTitles,
  skillTitles,
  unknownCodes,
  type CodeSets,
} from './codes.service.ts';
