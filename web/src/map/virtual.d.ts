declare module 'virtual:california-counties' {
  import type { Topology } from 'topojson-specification';
  const topology: Topology;
  export default topology;
}
