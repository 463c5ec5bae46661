import type { RoutingHeader } from './record.ts';
/** The routing header (VZCZC / DE / precedence+DTG / FM / TO / INFO). (stub, being written) */
export function parseRoutingHeader(header: string, _body: string): RoutingHeader {
  void header;
  return {
    transmissionId: null,
    precedence: null,
    dtg: null,
    station: null,
    stationName: null,
    serial: null,
    from: null,
    to: [],
    info: [],
  };
}
