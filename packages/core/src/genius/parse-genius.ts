/**
 * Import of GENIUS negotiation domains and linear-additive preference profiles (the XML
 * files of the GENIUS negotiation environment and its ANAC benchmark scenarios).
 *
 * Pure: it takes XML text and returns Parley specs, so it runs anywhere. Reading files is
 * `loadGeniusScenario` in `@parley/core/node`.
 *
 * One concept per file: `xml-elements.ts` reads XML into elements, `parse-domain.ts`
 * imports domains and `parse-profile.ts` imports preference profiles; this module
 * re-exports their public names.
 */
export { parseGeniusDomain } from './parse-domain.js';
export { parseGeniusProfile, type GeniusProfile, type GeniusProfileOptions } from './parse-profile.js';
