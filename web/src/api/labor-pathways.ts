// The types the labor-market and pathway pages use, in one place, from
// types.gen.ts (generated from docs/openapi.yaml).
import type { QueryOf } from './client';
import type { LaborGapOccupation } from './types.gen';

export type {
  GridAward,
  GridCollegeCourse,
  GridCourse,
  GridOccupation,
  LaborGap,
  LaborGapOccupation,
  LaborOccupation,
  PathwayGrid,
  PlanItem,
  PlanRequest,
  PlanResult,
  PlanTerm,
} from './types.gen';

/** What GET /api/v1/labor/gap takes. */
export type LaborGapQuery = QueryOf<'getLaborGap'>;
/** How long a plan runs. */
export type PlanYears = 4 | 6 | 10;
export type LivingWageComparison = LaborGapOccupation['p25_vs_living_wage'];
