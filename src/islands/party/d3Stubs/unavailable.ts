/** Stand-ins for the names a stub leaves out: `stubs('d3-geo is stubbed')('geoPath')` is a function that throws when called. */
export const stubs = (why: string) => (name: string) => (): never => {
  throw new Error(`${name} is not part of this site's chart build (${why})`);
};
