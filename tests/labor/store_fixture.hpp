// A small labor market written into a migrated database with plain SQL (the
// importers are not needed): the shared data of the store, API and CLI tests.
//
// Bay Area (region rows): LVN 29-2061 D=90 (wages 27.50 / 33.10), nursing
// assistants 31-1131 D=30, medical assistants 31-9092 D=30, registered
// nurses 29-1141 D=300 (bachelor's); all occupations employment 4,000,000.
// Fresno (county rows): LVN D=12, employment 800.
// Awards (TOP unless said): Alameda Valley College (06001) 1230.00
// certificate_long 50/60/70 (and 999 in 2021, outside the supply years);
// Bayshore College (06081) 1230.00 certificate_long 2/3/1; Golden Gate
// College (06075) 1208.00 certificate_short 20/20/20; East Bay University
// (06001) CIP 51.3801 bachelor 100/100/100; Fresno Valley College (06019)
// 1230.00 certificate_long 8 in 2024 only.
// Living wage 1a0c: 06001 30.00, 06075 32.00, 06019 22.50.
// Pathway HSM-04 -> TOP 1230.00, TOP 1208.00.
//
// Hand-computed, Bay Area, openings split: 1230.00 certificates A = 60 + 2 =
// 62, shared 90:30 by LVN and nursing assistants -> 46.5 and 15.5; 1208.00 A
// = 20, all to medical assistants (the other occupations it maps to have no
// Bay Area openings). Living wage: plain mean of 30 and 32 = 31 (no county
// employment to weight by).
#pragma once

#include "store/store.hpp"

namespace pl::labor::test {

void InsertLaborFixture(store::Database& db);

}  // namespace pl::labor::test
