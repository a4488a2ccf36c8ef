// A vendor's Angular 20 component using the Care Record elements with CUSTOM_ELEMENTS_SCHEMA (see
// README, "Frameworks"): property binding for the token provider, event binding for the widgets'
// events. The host test builds it ahead of time (ngc, strict templates; main.ts) and just in time
// in the browser (main-jit.ts).
import { ChangeDetectionStrategy, Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import type { CareRecordNavigateEvent, CareRecordSelectEvent } from '@care-record/elements';
import '@care-record/elements/care-record-provider.js';
import '@care-record/elements/care-record-summary.js';
import '@care-record/elements/discharge-list.js';

declare global {
  interface Window {
    hostConfig: { fhirBaseUrl: string; token: string; patientId: string };
  }
}

@Component({
  selector: 'rosewood-app',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Rosewood Care Home (Angular)</h1>
    <care-record-provider [attr.fhir-base-url]="config.fhirBaseUrl" auth-mode="token" [attr.patient-id]="config.patientId" [tokenProvider]="tokenProvider">
      <care-record-summary heading-level="2" (care-record-navigate)="onNavigate($event)"></care-record-summary>
      <discharge-list heading-level="2" (care-record-select)="onSelect($event)"></discharge-list>
    </care-record-provider>
    <p id="chosen">{{ chosen().join(' ') }}</p>
    <p id="sections">{{ sections().join(' ') }}</p>
  `,
})
export class RosewoodApp {
  readonly config = window.hostConfig;
  readonly tokenProvider = () => this.config.token;
  readonly chosen = signal<string[]>([]);
  readonly sections = signal<string[]>([]);

  onSelect(event: Event): void {
    const { detail } = event as CareRecordSelectEvent;
    event.preventDefault(); // the host opens the document in its own viewer
    this.chosen.update((previous) => [...previous, detail.reference]);
  }

  onNavigate(event: Event): void {
    const { detail } = event as CareRecordNavigateEvent;
    this.sections.update((previous) => [...previous, detail.section]);
  }
}
