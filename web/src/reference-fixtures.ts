// The reference lists (regions, counties, sectors) as the API gives them, for
// the unit tests of the labor and pathway pages: three regions, five counties
// (one in no region) and two sectors with their pathways.
import type { County, RegionList, Sector } from './api/types.gen';

export const regionList: RegionList = {
  scheme: 'ccc',
  schemes: ['ccc'],
  regions: [
    { code: 'BA', name: 'Bay Area', source: 'x', verified: false, counties: ['06001', '06075'] },
    { code: 'CVML', name: 'Central Valley/Mother Lode', source: 'x', verified: false, counties: ['06003', '06019'] },
    { code: 'NFN', name: 'North/Far North', source: 'x', verified: false, counties: ['06093'] },
  ],
};

export const countyList: County[] = [
  { fips: '06001', name: 'Alameda', region_code: 'BA', region_name: 'Bay Area' },
  { fips: '06003', name: 'Alpine', region_code: 'CVML', region_name: 'Central Valley/Mother Lode' },
  { fips: '06019', name: 'Fresno', region_code: 'CVML', region_name: 'Central Valley/Mother Lode' },
  { fips: '06075', name: 'San Francisco', region_code: 'BA', region_name: 'Bay Area' },
  { fips: '06093', name: 'Siskiyou', region_code: null, region_name: null },
];

export const sectorList: Sector[] = [
  {
    code: 'HSM',
    name: 'Health Science and Medical Technology',
    source: 'x',
    verified: true,
    pathways: [
      { code: 'HSM-01', name: 'Biotechnology', source: 'x', verified: true },
      { code: 'HSM-04', name: 'Patient Care', source: 'x', verified: true },
    ],
  },
  {
    code: 'ICT',
    name: 'Information and Communication Technologies',
    source: 'x',
    verified: false,
    pathways: [{ code: 'ICT-03', name: 'Software and Systems Development', source: 'x', verified: false }],
  },
];

/** Answers by path, for a fakeFetch. */
export const referenceByPath: Record<string, unknown> = {
  '/api/v1/reference/regions': regionList,
  '/api/v1/reference/counties': countyList,
  '/api/v1/reference/sectors': sectorList,
  '/api/v1/jobs': { jobs: [] },
};
