// The types the labor-market and pathway pages use, in one place. Until
// docs/openapi.yaml documents the labor and pathway routes they come from
// types.handwritten.ts (written from their contract, with the schema names the
// document uses); once it does, this file re-exports them from types.gen.ts
// instead and types.handwritten.ts is deleted (see docs/web.md).
import type { QueryOf } from './client';
import type { LaborGapOccupation } from './types.handwritten';

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
} from './types.handwritten';

/** What GET /api/v1/labor/gap takes. */
export type LaborGapQuery = QueryOf<'getLaborGap'>;
/** How long a plan runs. */
export type PlanYears = 4 | 6 | 10;
export type LivingWageComparison = LaborGapOccupation['p25_vs_living_wage'];
