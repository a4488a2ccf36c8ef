// What the React wrappers' types refuse. `tsc -p test/hosts/apps` fails if any of these lines
// type-checks (an unused @ts-expect-error is an error), so the wrappers' props and events are
// typed, not `any`.
import { CareRecordProvider, CareRecordSummary, DischargeList } from '@care-record/react';

export const misuse = (
  <>
    {/* @ts-expect-error headingLevel is a number */}
    <DischargeList headingLevel="three" />
    {/* @ts-expect-error a select event's detail has no section */}
    <DischargeList onCareRecordSelect={(event) => event.detail.section} />
    {/* @ts-expect-error a navigate event's detail has no resource */}
    <CareRecordSummary onCareRecordNavigate={(event) => event.detail.resource} />
    {/* @ts-expect-error tokenProvider is a function */}
    <CareRecordProvider tokenProvider="a token" />
    {/* @ts-expect-error the tag's listener receives a CareRecordSelectEvent */}
    <discharge-list oncare-record-select={(event: CustomEvent<number>) => event.detail.toFixed()} />
  </>
);

export const fine = (
  <>
    <DischargeList headingLevel={3} onCareRecordSelect={(event) => event.detail.reference} />
    <CareRecordSummary onCareRecordNavigate={(event) => event.detail.section} />
    <CareRecordProvider tokenProvider={() => 'token'} authMode="token" />
  </>
);
