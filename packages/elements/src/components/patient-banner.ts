import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import {
  AccessDeniedError,
  AuthenticationRequiredError,
  formatAddress,
  isAbortError,
  odsCode,
  ODS_ORGANIZATION_SYSTEM,
} from '@care-record/fhir';
import type { Address, FhirClient, Organization, Patient, Reference } from '@care-record/fhir';
import { CareRecordElement } from '../base/care-record-element.js';
import { createRecordTask } from '../base/record-task.js';
import {
  isRestrictedRecord,
  padlockIcon,
  patientIdentity,
  patientIdentityStrings,
  restrictedRecordOpened,
} from './patient-identity-line.js';
import type { PatientIdentity, PatientIdentityStrings } from './patient-identity-line.js';
import { patientBannerStyles } from './patient-banner.styles.js';

/** The registered GP practice, as far as it is known. */
export interface GpPractice {
  name?: string;
  odsCode?: string;
  /** Set when the practice could not be looked up (its name may still come from the reference). */
  error?: Error;
}

const COPIED_MESSAGE_MS = 5000;

/** `Type` of a reference: its `type`, else the type in its literal reference. */
function referenceType(reference: Reference): string | undefined {
  if (reference.type) return reference.type;
  return /(?:^|\/)([A-Z][A-Za-z]+)\/[^/]+$/.exec(reference.reference ?? '')?.[1];
}

/**
 * The reference to the person's registered GP practice: the first `generalPractitioner` that is an
 * Organization (by type, literal reference or ODS identifier). GP references are often logical
 * (an ODS code with a display) rather than literal.
 */
export function gpPracticeReference(patient: Patient | undefined): Reference | undefined {
  return (patient?.generalPractitioner ?? []).find(
    (reference) => referenceType(reference) === 'Organization' || reference.identifier?.system === ODS_ORGANIZATION_SYSTEM,
  );
}

/** The person's current address: home first, then any other in use (not `old`, period not ended). */
function currentAddress(patient: Patient): Address | undefined {
  const today = new Date().toISOString().slice(0, 10);
  const current = (patient.address ?? []).filter((address) => address.use !== 'old' && !(address.period?.end && address.period.end < today));
  return current.find((address) => address.use === 'home') ?? current[0];
}

async function loadGpPractice(client: FhirClient, reference: Reference, signal: AbortSignal): Promise<GpPractice> {
  const fromReference: GpPractice = { name: reference.display?.trim() || undefined, odsCode: odsCode(reference) };
  // A logical reference (ODS code and name) has nothing more to fetch.
  if (!reference.reference) return fromReference;
  const resolved = await client.resolveReferences([reference], { signal });
  const organisation = resolved.get(reference.reference) as Organization | undefined;
  return {
    name: organisation?.name ?? fromReference.name,
    odsCode: odsCode(organisation) ?? fromReference.odsCode,
  };
}

/**
 * The NHS patient banner for the provider's patient: `SMITH, John (Mr)`, then `Born 14-Jul-1945 (81y)`,
 * `Gender` and `NHS No. 943 476 5919` in that order, "Not known" for anything not recorded, the
 * registered GP practice and address when recorded.
 *
 * - The NHS number is selectable text with a Copy button (it copies the ten digits) and a spoken
 *   confirmation, "NHS number copied".
 * - An NHS number failing its Modulus 11 check digit is shown, flagged: "NHS number fails its check
 *   digit: confirm identity".
 * - A deceased person is marked "Deceased" and the date, in words, not by colour alone.
 * - A restricted or sealed record (`meta.security` R or V, or a restricting ActCode label) shows a
 *   padlock and "This record is restricted", and nothing of the record. The `restricted` slot and the
 *   protected `renderRestricted()` method are where a host's break-glass process plugs in; a provider
 *   with governance opens the record after its own break-glass step (see `restrictedRecordOpened`),
 *   and the banner then shows it marked "Restricted record".
 *
 * It shows the Patient the provider already loaded: the only request it makes is for the GP
 * practice's name (`Organization?_id=…`, shared with other widgets through the client's cache),
 * and only when the patient's GP reference is a literal one.
 *
 * @tag patient-banner
 * @summary NHS patient banner: name, born, gender, NHS number, GP practice.
 *
 * @slot restricted - Shown in the restricted state, e.g. the host's break-glass button.
 *
 * @fires care-record-error - The GP practice could not be looked up (detail `{ error, source }`).
 *
 * @csspart banner - The banner's box.
 * @csspart heading - The person's name (a heading at `heading-level`); also `name`.
 * @csspart details - The list of details (born, gender, NHS number).
 * @csspart detail - One detail (label and value); also `born`, `gender`, `nhs`, `gp-practice`, `address`.
 * @csspart label - A detail's label ("Born", "Gender", "NHS No.").
 * @csspart value - A detail's value.
 * @csspart nhs-number - The NHS number text.
 * @csspart button - The Copy button; also `copy-button`.
 * @csspart copy-status - "NHS number copied".
 * @csspart nhs-number-warning - The check-digit warning.
 * @csspart deceased - The "Deceased" marker.
 * @csspart restricted - The restricted-record state.
 * @csspart restricted-marker - "Restricted record", above an opened restricted record's details.
 *
 * @cssprop --patient-banner-background - Banner background (defaults to --care-record-color-surface).
 * @cssprop --patient-banner-border-color - Banner border (defaults to --care-record-color-primary).
 * @cssprop --care-record-color-error - Check-digit warning and deceased marker (#d5281b).
 * @cssprop --care-record-color-warning - Restricted-record border (#ffb81c).
 */
export class PatientBanner extends CareRecordElement {
  static override stringsNamespace = 'patient-banner';

  static override styles = [CareRecordElement.styles, patientBannerStyles];

  @state() private _copyStatus: 'idle' | 'copied' | 'failed' = 'idle';

  private _copyTimer?: ReturnType<typeof setTimeout>;

  private readonly _practice = createRecordTask(this, {
    section: 'gp-practice',
    args: () => [this.patient] as const,
    task: async ({ client, patient, signal }): Promise<GpPractice | undefined> => {
      const reference = patient && (!isRestrictedRecord(patient) || restrictedRecordOpened(this)) ? gpPracticeReference(patient) : undefined;
      if (!reference) return undefined;
      // Without permission to read organisations, the practice is named from the reference alone.
      if (!this.hasScopeFor('Organization', 'search')) return { name: reference.display?.trim() || undefined, odsCode: odsCode(reference) };
      try {
        return await loadGpPractice(client, reference, signal);
      } catch (error) {
        if (isAbortError(error)) throw error;
        const failure = error instanceof Error ? error : new Error(String(error));
        // One missing detail never blanks the banner: say the practice could not be loaded, in place.
        if (!(error instanceof AccessDeniedError || error instanceof AuthenticationRequiredError)) this.dispatchError(failure);
        return { name: reference.display?.trim() || undefined, odsCode: odsCode(reference), error: failure };
      }
    },
  });

  /** The banner's strings with the host's overrides. */
  protected get bannerStrings(): PatientIdentityStrings {
    return this.localStrings(patientIdentityStrings);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._copyTimer);
  }

  override render(): unknown {
    return this._practice.render({
      complete: (practice) => this._renderPatient(practice, false),
      pending: () => (this.patient ? this._renderPatient(undefined, true) : this.renderLoading()),
    });
  }

  /**
   * The restricted state: a padlock, "This record is restricted", and the `restricted` slot. Override
   * (or fill the slot) to add a governance break-glass step; show record details only after it.
   */
  protected renderRestricted(): TemplateResult {
    const strings = this.bannerStrings;
    return html`<section class="banner restricted" part="banner restricted" aria-labelledby="restricted-heading">
      ${this.renderHeading(html`${padlockIcon} ${strings.restrictedTitle}`, {
        id: 'restricted-heading',
        part: 'heading',
      })}
      <p>${strings.restrictedBody}</p>
      <slot name="restricted"></slot>
    </section>`;
  }

  private _renderPatient(practice: GpPractice | undefined, practiceLoading: boolean): TemplateResult {
    const patient = this.patient;
    if (!patient) return this.renderNoPatient();
    const strings = this.bannerStrings;
    const identity = this._identity(patient, strings);
    if (!identity.revealed) return this.renderRestricted();
    const address = formatAddress(currentAddress(patient));
    const hasPractice = gpPracticeReference(patient) !== undefined;
    return html`<section class="banner ${identity.deceased ? 'deceased' : ''}" part="banner" aria-labelledby="name">
      ${this.renderHeading(identity.name ?? strings.nameNotKnown, { id: 'name', part: 'heading name' })}
      ${identity.restricted
        ? html`<p class="restricted-marker" part="restricted-marker"><strong>${padlockIcon} ${strings.restrictedOpened}</strong></p>`
        : nothing}
      ${identity.deceased
        ? html`<p class="deceased-marker" part="deceased">
            <strong>${strings.deceased}</strong> ${identity.deceasedDate ?? strings.deceasedDateNotKnown}
          </p>`
        : nothing}
      <dl class="details" part="details">
        ${this._detail('born', strings.born, identity.born ?? strings.notKnown)}
        ${this._detail('gender', strings.gender, identity.gender ?? strings.notKnown)}
        ${this._detail('nhs', strings.nhsNumber, this._renderNhsNumber(identity, strings))}
        ${hasPractice ? this._detail('gp-practice', strings.gpPractice, this._renderPractice(practice, practiceLoading, strings)) : nothing}
        ${address ? this._detail('address', strings.address, address) : nothing}
      </dl>
      ${identity.nhsNumberValid
        ? nothing
        : html`<p class="nhs-number-warning" part="nhs-number-warning">
            <span aria-hidden="true" class="warning-icon">!</span>
            <span class="visually-hidden">${strings.warningPrefix}</span>${strings.nhsNumberInvalid}
          </p>`}
    </section>`;
  }

  private _identity(patient: Patient, strings: PatientIdentityStrings): PatientIdentity {
    return patientIdentity(patient, this.settings, strings, { restrictedOpened: restrictedRecordOpened(this) });
  }

  private _detail(name: string, label: string, value: unknown): TemplateResult {
    return html`<div class="detail ${name}" part="detail ${name}">
      <dt part="label">${label}</dt>
      <dd part="value">${value}</dd>
    </div>`;
  }

  private _renderNhsNumber(identity: PatientIdentity, strings: PatientIdentityStrings): unknown {
    if (!identity.nhsNumberDisplay) return strings.notKnown;
    const status =
      this._copyStatus === 'copied' ? strings.nhsNumberCopied : this._copyStatus === 'failed' ? strings.nhsNumberCopyFailed : '';
    return html`<span class="nhs-number" part="nhs-number">${identity.nhsNumberDisplay}</span>
      <button class="button secondary-button copy-button" part="button copy-button" type="button" @click=${this._onCopy}>
        ${strings.copyNhsNumber}<span class="visually-hidden">${strings.copyNhsNumberHidden}</span>
      </button>
      <span class="copy-status ${this._copyStatus}" part="copy-status" role="status">${status}</span>`;
  }

  private _renderPractice(practice: GpPractice | undefined, loading: boolean, strings: PatientIdentityStrings): unknown {
    if (loading) return html`<span aria-busy="true">${this.strings.loading}</span>`;
    const name = practice?.name;
    const ods = practice?.odsCode;
    if (!name && !ods) return practice?.error ? strings.gpPracticeUnavailable : strings.notKnown;
    return html`<span>${name ?? strings.notKnown}${ods ? html` <span class="secondary">(${strings.odsCode(ods)})</span>` : nothing}</span>`;
  }

  private readonly _onCopy = async (): Promise<void> => {
    const patient = this.patient;
    const identity = patient ? this._identity(patient, this.bannerStrings) : undefined;
    const number = identity?.nhsNumber;
    if (!number || !identity.revealed) return;
    clearTimeout(this._copyTimer);
    try {
      // The digits alone: host systems' search boxes take them whatever their own spacing rules.
      await navigator.clipboard.writeText(number.replace(/\s+/g, ''));
      this._copyStatus = 'copied';
    } catch {
      this._copyStatus = 'failed';
    }
    this._copyTimer = setTimeout(() => {
      this._copyStatus = 'idle';
    }, COPIED_MESSAGE_MS);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'patient-banner': PatientBanner;
  }
}
