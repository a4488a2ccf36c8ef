// A vendor's React 19 application: the Care Record elements through the @care-record/react
// wrappers (typed props, `on…` event props) and directly as tags (React 19 sets properties on custom
// elements and listens to `on<event-name>` props). The host test bundles it with esbuild against the
// packages' dist builds.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CareRecordProvider, CareRecordSummary, DischargeList } from '@care-record/react';
import type { CareRecordNavigateEvent, CareRecordSelectEvent } from '@care-record/elements';
import '@care-record/elements/care-record-provider.js';
import '@care-record/elements/discharge-list.js';
import '@care-record/elements/care-record-summary.js';

declare global {
  interface Window {
    hostConfig: { fhirBaseUrl: string; token: string; patientId: string };
  }
}

const { fhirBaseUrl, token, patientId } = window.hostConfig;
const tokenProvider = () => token;

function Wrappers() {
  const [chosen, setChosen] = useState<string[]>([]);
  const [sections, setSections] = useState<string[]>([]);
  const onSelect = (event: CareRecordSelectEvent) => {
    event.preventDefault(); // the host opens the document in its own viewer
    setChosen((previous) => [...previous, event.detail.reference]);
  };
  return (
    <section id="wrappers">
      <h2>Through @care-record/react</h2>
      <CareRecordProvider fhirBaseUrl={fhirBaseUrl} authMode="token" patientId={patientId} tokenProvider={tokenProvider}>
        <CareRecordSummary headingLevel={3} onCareRecordNavigate={(event) => setSections((previous) => [...previous, event.detail.section])} />
        <DischargeList headingLevel={3} onCareRecordSelect={onSelect} />
      </CareRecordProvider>
      <p id="wrappers-chosen">{chosen.join(' ')}</p>
      <p id="wrappers-sections">{sections.join(' ')}</p>
    </section>
  );
}

function Direct() {
  const [chosen, setChosen] = useState<string[]>([]);
  const [sections, setSections] = useState<string[]>([]);
  return (
    <section id="direct">
      <h2>As tags</h2>
      <care-record-provider fhir-base-url={fhirBaseUrl} auth-mode="token" patient-id={patientId} tokenProvider={tokenProvider}>
        <care-record-summary
          heading-level="3"
          oncare-record-navigate={(event: CareRecordNavigateEvent) => setSections((previous) => [...previous, event.detail.section])}
        ></care-record-summary>
        <discharge-list
          heading-level="3"
          oncare-record-select={(event: CareRecordSelectEvent) => {
            event.preventDefault();
            setChosen((previous) => [...previous, event.detail.reference]);
          }}
        ></discharge-list>
      </care-record-provider>
      <p id="direct-chosen">{chosen.join(' ')}</p>
      <p id="direct-sections">{sections.join(' ')}</p>
    </section>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <h1>Rosewood Care Home</h1>
    <Wrappers />
    <Direct />
  </StrictMode>,
);
