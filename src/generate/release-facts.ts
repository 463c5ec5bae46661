/**
 * Facts about the real 2010-2011 release that the generator reproduces: cables per year (from
 * the list of all 251,287 ids; 2010 9,005, 2009 56,813 ... before 2000 1,037), classification
 * counts as published, and the size of the reference graph (about 232,000 links between cables,
 * about 56,000 referenced ids that are not in the release).
 */

export const RELEASE_CABLES = 251_287;

/** Cables per year of creation. */
export const CABLES_PER_YEAR: ReadonlyMap<number, number> = new Map([
  [1966, 1],
  [1972, 4],
  [1973, 3],
  [1975, 2],
  [1978, 2],
  [1979, 5],
  [1985, 87],
  [1986, 45],
  [1987, 35],
  [1988, 73],
  [1989, 74],
  [1990, 106],
  [1991, 52],
  [1992, 103],
  [1993, 31],
  [1994, 81],
  [1995, 109],
  [1996, 48],
  [1997, 58],
  [1998, 62],
  [1999, 56],
  [2000, 432],
  [2001, 878],
  [2002, 2570],
  [2003, 8083],
  [2004, 11808],
  [2005, 24131],
  [2006, 42391],
  [2007, 44693],
  [2008, 49446],
  [2009, 56813],
  [2010, 9005],
]);

/** First and last day of the release (the oldest and newest cable). */
export const FIRST_DAY = '1966-12-28';
export const LAST_DAY = '2010-02-28';

/** Classifications as the release publishes them, with their counts (secret 15,652; confidential 101,748; unclassified 133,887). */
export const CLASSIFICATIONS: readonly (readonly [string, number])[] = [
  ['SECRET', 11_322],
  ['SECRET//NOFORN', 4_330],
  ['CONFIDENTIAL', 97_070],
  ['CONFIDENTIAL//NOFORN', 4_678],
  ['UNCLASSIFIED', 75_792],
  ['UNCLASSIFIED//FOR OFFICIAL USE ONLY', 58_095],
];

/** Reference links between cables in the release, and how many referenced ids are not in it. */
export const REFERENCE_LINKS = 232_000;
export const REFERENCED_IDS_OUTSIDE = 56_000;
