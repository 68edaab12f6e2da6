// Answers of GET /api/v1/pathways/{code}/grid and POST /api/v1/plans in the
// contract's shape, for the unit tests (and for looking at the pages before
// the server has the routes): Patient Care in the Bay Area, with three
// high-school stages, a dual-enrollment college course, three awards, a
// transfer, work-based learning, and careers above and below the living wage.
import type { GridOccupation, PathwayGrid, PlanItem, PlanResult, PlanTerm, PlanYears } from '../../api/labor-pathways';

export const careers: GridOccupation[] = [
  {
    soc: '29-1141',
    title: 'Registered Nurses',
    entry_education: "Bachelor's degree",
    demand: 1234.5,
    supply: 824.5,
    wage_p25_hourly: 52.2,
    wage_median_hourly: 68.4,
    gap: 410,
    living_wage_hourly: 24.1,
    p25_vs_living_wage: 'above',
    median_vs_living_wage: 'above',
  },
  {
    soc: '29-2061',
    title: 'Licensed Practical and Licensed Vocational Nurses',
    entry_education: 'Postsecondary nondegree award',
    demand: 120.5,
    supply: 80.25,
    wage_p25_hourly: 27.4,
    wage_median_hourly: 33.1,
    gap: 40.25,
    living_wage_hourly: 24.1,
    p25_vs_living_wage: 'above',
    median_vs_living_wage: 'above',
  },
  {
    soc: '31-9092',
    title: 'Medical Assistants',
    entry_education: 'Postsecondary nondegree award',
    demand: 310.2,
    supply: 322.2,
    wage_p25_hourly: 21.3,
    wage_median_hourly: 24,
    gap: -12,
    living_wage_hourly: 24.1,
    p25_vs_living_wage: 'below',
    median_vs_living_wage: 'below',
  },
  {
    soc: '29-2099',
    title: 'Health Technologists and Technicians, All Other',
    entry_education: null,
    demand: 0.4,
    supply: null,
    wage_p25_hourly: null,
    wage_median_hourly: null,
    gap: null,
    living_wage_hourly: null,
    p25_vs_living_wage: 'unknown',
    median_vs_living_wage: 'unknown',
  },
];

export function pathwayGrid(fields: Partial<PathwayGrid> = {}): PathwayGrid {
  return {
    pathway: { code: 'HSM-04', name: 'Patient Care', sector: { code: 'HSM', name: 'Health Science and Medical Technology' } },
    region: { code: 'BA', name: 'Bay Area', scheme: 'ccc' },
    status: 'published',
    version: 3,
    updated_at: '2025-03-03T17:00:00Z',
    updated_by: 'coordinator@example.org',
    high_school: [
      {
        stage: 'introductory',
        grade_levels: [9, 10],
        courses: [
          { id: 'hs-intro', title: 'Introduction to Health Careers', units: 10, prerequisites: [], articulated: false, dual_enrollment: false, generated: false },
        ],
      },
      {
        stage: 'concentrator',
        grade_levels: [10, 11],
        courses: [
          { id: 'hs-terms', title: 'Medical Terminology', units: 10, prerequisites: ['hs-intro'], articulated: false, dual_enrollment: false, generated: true },
          { id: 'hs-anatomy', title: 'Anatomy and Physiology', units: 10, prerequisites: ['hs-intro'], articulated: true, dual_enrollment: false, generated: false },
        ],
      },
      {
        stage: 'capstone',
        grade_levels: [12],
        courses: [
          {
            id: 'hs-capstone',
            title: 'Patient Care Capstone',
            units: 10,
            prerequisites: ['hs-terms', 'hs-anatomy'],
            articulated: true,
            dual_enrollment: false,
            generated: false,
          },
        ],
      },
    ],
    college_courses: [
      {
        id: 'cc-hlth101',
        college: { org_id: 'COL-1', name: 'Bay Community College' },
        course: 'HLTH 101',
        title: 'Introduction to Health Occupations',
        units: 3,
        dual_enrollment: true,
        articulated: true,
        prerequisites: [],
        generated: false,
        top_code: '1201.00',
      },
      {
        id: 'cc-ma110',
        college: null,
        course: null,
        title: 'Clinical Procedures',
        units: 4,
        dual_enrollment: false,
        articulated: false,
        prerequisites: ['cc-hlth101'],
        generated: false,
        top_code: null,
      },
    ],
    awards: [
      {
        code_system: 'TOP',
        code: '1208.00',
        title: 'Medical Assisting',
        award_level: 'certificate_short',
        units: 0,
        colleges: [{ org_id: 'COL-2', name: 'Mission Valley College' }],
        courses: ['cc-ma110'],
      },
      {
        code_system: 'TOP',
        code: '1230.20',
        title: 'Licensed Vocational Nursing',
        award_level: 'certificate_long',
        units: 44,
        colleges: [
          { org_id: 'COL-1', name: 'Bay Community College' },
          { org_id: 'COL-2', name: 'Mission Valley College' },
        ],
        courses: [],
      },
      {
        code_system: 'TOP',
        code: '1230.10',
        title: 'Registered Nursing',
        award_level: 'associate',
        units: 72,
        colleges: [{ org_id: 'COL-1', name: 'Bay Community College' }],
        courses: ['cc-hlth101'],
      },
    ],
    transfer: [{ title: 'Bachelor of Science in Nursing', institution: 'San Francisco State University', note: 'After an associate degree in nursing.' }],
    work_based_learning: [
      { stage: 'awareness', title: 'Hospital tour and career talk', grade_levels: [9] },
      { stage: 'exploration', title: 'Job shadow at a clinic', grade_levels: [10, 11] },
      { stage: 'preparation', title: 'Clinical internship', grade_levels: [12] },
      { stage: 'training', title: 'Paid clinical training', grade_levels: [13, 14] },
    ],
    occupations: careers,
    notes: ['Anatomy and Physiology counts as a lab science for university admission.'],
    ...fields,
  };
}

/** The plan the server lays out: grades 9–12, then college terms for 6 or 10 years. */
export function planResult(years: PlanYears = 4): PlanResult {
  const course = (id: string, title: string, units: number, extra: Partial<{ dual_enrollment: boolean; college_credit: boolean }> = {}): PlanItem => ({
    kind: 'course',
    id,
    title,
    units,
    dual_enrollment: false,
    college_credit: false,
    ...extra,
  });
  const wbl = (id: string, title: string): PlanItem => ({ kind: 'wbl', id, title, units: 0, dual_enrollment: false, college_credit: false });
  // A high-school year, or a college term ("Year 5 fall"), as the server labels them.
  const term = (label: string, items: PlanItem[], units: number, collegeUnits = 0): PlanTerm => {
    const college = label.startsWith('Year');
    return {
      label,
      level: college ? 'college' : 'high_school',
      season: college ? (label.split(' ').at(-1) as 'fall' | 'spring') : 'year',
      items,
      units,
      college_units: collegeUnits,
    };
  };
  const terms: PlanTerm[] = [
    term('Grade 9', [course('hs-intro', 'Introduction to Health Careers', 10), wbl('wbl-1', 'Hospital tour and career talk')], 10),
    term('Grade 10', [course('hs-terms', 'Medical Terminology', 10)], 10),
    term(
      'Grade 11',
      [
        course('hs-anatomy', 'Anatomy and Physiology', 10, { college_credit: true }),
        course('cc-hlth101', 'HLTH 101 Introduction to Health Occupations', 3, { dual_enrollment: true, college_credit: true }),
      ],
      10,
      3,
    ),
    term('Grade 12', [course('hs-capstone', 'Patient Care Capstone', 10, { college_credit: true }), wbl('wbl-3', 'Clinical internship')], 10),
  ];
  if (years >= 6) {
    terms.push(
      term('Year 5 fall', [course('cc-ma110', 'MA 110 Clinical Procedures', 4, { college_credit: true })], 4, 4),
      term('Year 5 spring', [{ kind: 'award', id: 'TOP:1208.00', title: 'Medical Assisting', units: 0, dual_enrollment: false, college_credit: false }], 0),
      term('Year 6 fall', [], 0),
    );
  }
  const grid = pathwayGrid();
  return {
    plan: {
      pathway: { code: 'HSM-04', name: 'Patient Care' },
      region: { code: 'BA', name: 'Bay Area' },
      years,
      start_grade: 9,
      max_units_per_term: { high_school: 60, college: 15 },
      terms,
      awards: grid.awards.slice(0, years >= 6 ? 2 : 0).map((a, i) => ({ ...a, term: i === 0 ? 'Year 5 spring' : 'Year 6 fall' })),
      occupations: careers.slice(0, 3),
    },
    warnings: ['Anatomy and Physiology is offered at 2 of the 5 high schools in the region.'],
  };
}
