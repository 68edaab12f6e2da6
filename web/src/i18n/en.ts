// Every piece of text the pages show, in English. A Spanish catalog is an
// object of the same type (`Messages`); pages never hold text of their own
// (src/i18n/catalog.test.ts checks the .tsx files for stray text).
export const en = {
  locale: 'en-US',
  appName: 'Pathlight',
  appTagline: 'Career technical education in California',
  skipToContent: 'Skip to main content',
  menu: 'Menu',
  mainNavigation: 'Main',
  footerText:
    'Pathlight shows public numbers only after the privacy gate: counts under the minimum number of students are withheld.',
  pageTitle: (page: string) => `${page} · Pathlight`,

  // Areas of the product, in navigation order.
  areas: {
    home: 'Home',
    pathways: 'Explore pathways',
    equity: 'Data & equity',
    labor: 'Labor market',
    wbl: 'Work-based learning',
    dualEnrollment: 'Dual enrollment',
    educators: 'Educators',
    library: 'Library',
    community: 'Community',
    events: 'Events',
    directory: 'Directory',
    plan: 'State plan',
  },
  areaPurpose: {
    pathways:
      'Follow a pathway from high-school courses to college programs and careers, with the wages they lead to.',
    equity:
      'Participation and outcomes by student group, with disproportionate-impact measures, for the state, regions, counties and institutions.',
    labor: 'Program completers set against regional job openings and wages, occupation by occupation.',
    wbl: 'Work-based-learning opportunities posted by employers, with applications and placements.',
    dualEnrollment:
      'College courses open to high-school students, the agreements behind them, and who takes part.',
    educators: 'The teacher and faculty pipeline, the shortage outlook by industry sector, and mentoring.',
    library: 'Teaching materials reviewed against a shared rubric, searchable by sector and pathway.',
    community: 'Groups, discussions and mailing lists for CTE educators and their partners.',
    events: 'Meetings, trainings and conferences, with calendar files to add them to your calendar.',
    plan: "The State Plan for CTE's goals, strategies and indicators, with targets and progress.",
  },
  notBuiltTitle: 'Not built yet',
  notBuiltBody:
    'This part of Pathlight is not built yet, so it shows no data. It will hold what is described above.',
  pathwaysPartlyBuilt:
    'The pathway explorer (courses, college programs, careers and wages) is not built yet. The industry sectors and their pathways are below.',

  // Loading, errors, not found.
  loading: 'Loading…',
  retry: 'Try again',
  errorNetworkTitle: 'The Pathlight server cannot be reached',
  errorNetworkBody:
    'The page could not get its data. Check that the server is running and your connection works, then try again.',
  errorHttpTitle: 'The server could not answer',
  errorHttpBody: (status: number, message: string) => `The server answered ${status}: ${message}`,
  errorFormatTitle: 'The server sent something unexpected',
  notFoundTitle: 'Page not found',
  notFoundBody: (path: string) => `There is no page at ${path}. It may have moved, or the address may be mistyped.`,
  notFoundHome: 'Go to the home page',
  orgNotFoundTitle: 'Organization not found',
  orgNotFoundBody: (id: string) => `The directory has no organization with the id ${id}.`,
  backToDirectory: 'Back to the directory',

  // Published counts and provenance.
  suppressed: 'Suppressed',
  suppressedReason: {
    below_min_n: (minN: string) => `Withheld to protect privacy: fewer than ${minN} students.`,
    unknown: 'Withheld to protect privacy.',
  },
  toVerify: 'To verify',
  toVerifyExplained: 'Written from general knowledge and not yet checked against an official source.',
  regionsToVerify: 'Which region a county belongs to is written from general knowledge and not yet checked.',

  // Jobs.
  jobsRegion: 'Work in progress on the server',
  jobProgress: (done: string, total: string, unit: string) => `${done} of ${total} ${unit}`,
  jobProgressUnknown: (done: string, unit: string) => `${done} ${unit} so far`,
  jobPhase: (phase: string) => `Now: ${phase}`,
  jobPercent: (percent: number) => `${percent}%`,
  jobSucceeded: (label: string) => `${label}: done.`,
  jobFailed: (label: string, message: string) => `${label} failed: ${message}`,
  jobCancelled: (label: string) => `${label} was cancelled.`,
  dismiss: 'Dismiss',

  // Home.
  homeTitle: 'California CTE at a glance',
  homeIntro:
    "Pathlight brings together the data of California's career technical education system, from high schools to community colleges and employers, in support of the State Plan for CTE.",
  headlineHeading: 'Statewide',
  headlineYear: (year: string) => `School year ${year}`,
  headlineNoData: 'There is no student data yet. Numbers appear here once data has been imported.',
  countLabels: {
    students: 'Students',
    participants: 'CTE participants',
    concentrators: 'CTE concentrators',
    completers: 'CTE completers',
  },
  countHelp: {
    students: 'Distinct students reported in the school year.',
    participants: 'Students in at least one CTE course.',
    concentrators: 'Students who took two or more courses in one pathway (completers included).',
    completers: 'Students who finished a pathway.',
  },
  minNNote: (minN: string) => `Counts of fewer than ${minN} students are withheld (shown as —).`,
  trendHeading: 'CTE students over the years',
  trendDescription: 'Participants, concentrators and completers statewide, by school year.',
  schoolYear: 'School year',
  showTable: 'Show the numbers as a table',
  mapHeading: 'CTE participants by county',
  mapDescription: (year: string) =>
    `Each county coloured by its CTE participants in ${year}. Select a county to see its organizations in the directory.`,
  mapColourBy: 'Colour the map by',
  mapByParticipants: 'CTE participants',
  mapByRegion: 'Region',
  mapYear: 'School year',
  mapLegendSuppressed: 'Withheld (fewer than the minimum)',
  mapLegendNoRegion: 'No region',
  mapCountyValue: (county: string, participants: string, region: string | null) =>
    `${county}: ${participants} CTE participants` + (region ? ` · ${region}` : ''),
  mapCountyWithheld: (county: string, minN: string, region: string | null) =>
    `${county}: CTE participants withheld (fewer than ${minN})` + (region ? ` · ${region}` : ''),
  mapLegendValue: (year: string) => `CTE participants, ${year}`,
  mapAria: 'Map of California counties',
  county: 'County',
  region: 'Region',
  sectorsHeading: 'Industry sectors and pathways',
  sectorsIntro: "California's 15 CTE industry sectors, each with its pathways.",
  sectorPathwayCount: (n: number) => (n === 1 ? '1 pathway' : `${n} pathways`),
  sectorsFilter: 'Find a sector or pathway',
  sectorsNoMatch: 'No sector or pathway matches.',

  // Directory.
  directoryIntro: 'Schools, districts, colleges, employers and partners in the Pathlight directory.',
  directorySearch: 'Name, id, CDS or IPEDS code',
  directoryType: 'Type',
  directoryCounty: 'County',
  directoryRegion: 'Region',
  directoryAny: 'Any',
  directoryApply: 'Search',
  directoryClear: 'Clear filters',
  directoryFilters: 'Filter the directory',
  directoryResults: (from: string, to: string, total: string) => `Showing ${from}–${to} of ${total} organizations`,
  directoryNone: 'No organization matches these filters.',
  countyName: (county: string) => `${county} County`,
  regionName: (region: string) => `${region} region`,
  orgTypes: {
    state_agency: 'State agency',
    county_office: 'County office of education',
    district: 'School district',
    school: 'School',
    college_district: 'Community college district',
    college: 'College',
    university: 'University',
    employer: 'Employer',
    cbo: 'Community-based organization',
    intermediary: 'Intermediary',
    consortium: 'Consortium',
  } as Record<string, string>,
  pagination: 'Pages',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  pageOf: (page: string, pages: string) => `Page ${page} of ${pages}`,

  // Organization.
  orgId: 'Pathlight id',
  orgCds: 'CDS code',
  orgIpeds: 'IPEDS id',
  orgParent: 'Part of',
  orgChildren: 'Includes',
  orgChildCount: (n: string, type: string) => `${n} × ${type}`,
  orgNoChildren: 'No organizations listed under this one.',
  orgLocation: 'Location',
  orgCoordinates: (lat: string, lon: string) => `Latitude ${lat}, longitude ${lon}`,
  orgMapHeading: 'On the map',
  orgMapCounty: (county: string) => `${county} county is highlighted.`,
  orgMapPoint: 'The dot marks its location.',
  orgNoPlace: 'The directory has no county or location for this organization.',
  notRecorded: 'Not recorded',
};

export type Messages = typeof en;
