import type { FhirResource, Reference } from '../fhir-types.js';
import { compact, firstCode, humanNameText } from './internal.js';
import { referenceParts, referenceString, resolveWith, type ResourceLookup } from './references.js';

/** Where an item came from and when — shown beside every item (DOMAIN: "always show where an item came from"). */
export interface RecordSource {
  /** Reference (or `system|value` identifier) of the organisation that holds or recorded the item. */
  organisationRef?: string;
  organisationName?: string;
  /** ODS code when the organisation is identified by one. */
  organisationOds?: string;
  authorRef?: string;
  authorName?: string;
  /** When it was recorded (raw FHIR date/dateTime). */
  recorded?: string;
  /** `meta.source`: the system the server got it from. */
  sourceSystem?: string;
}

const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
const ORGANISATION_TYPES = new Set(['Organization']);
const PERSON_TYPES = new Set(['Practitioner', 'PractitionerRole', 'Patient', 'RelatedPerson', 'Device', 'CareTeam']);

/**
 * True for records marked entered-in-error: never shown as data (DOMAIN clinical safety), but counted so
 * a widget can say that some were withheld. AllergyIntolerance and Condition say it in
 * verificationStatus; DocumentReference may say it in docStatus; Goal in lifecycleStatus.
 */
export function isEnteredInError(resource: FhirResource): boolean {
  const r = resource as { status?: string; docStatus?: string; lifecycleStatus?: string };
  if (r.status === 'entered-in-error' || r.docStatus === 'entered-in-error' || r.lifecycleStatus === 'entered-in-error') return true;
  if (resource.resourceType === 'AllergyIntolerance' || resource.resourceType === 'Condition') {
    return firstCode(resource.verificationStatus) === 'entered-in-error' || firstCode(resource.clinicalStatus) === 'entered-in-error';
  }
  return false;
}

/** The date an item was recorded, choosing the element that means "recorded" for its type (raw FHIR value). */
export function recordedDateOf(resource: FhirResource): string | undefined {
  switch (resource.resourceType) {
    case 'AllergyIntolerance':
    case 'Condition':
      return resource.recordedDate ?? resource.meta?.lastUpdated;
    case 'MedicationRequest':
      return resource.authoredOn ?? resource.meta?.lastUpdated;
    case 'MedicationStatement':
      return resource.dateAsserted ?? resource.meta?.lastUpdated;
    case 'MedicationDispense':
      return resource.whenHandedOver ?? resource.whenPrepared ?? resource.meta?.lastUpdated;
    case 'Observation':
      return resource.issued ?? resource.effectiveDateTime ?? resource.effectiveInstant ?? resource.effectivePeriod?.start ?? resource.meta?.lastUpdated;
    case 'DiagnosticReport':
      return resource.issued ?? resource.effectiveDateTime ?? resource.effectivePeriod?.start ?? resource.meta?.lastUpdated;
    case 'Composition':
      return resource.date;
    case 'DocumentReference':
      return resource.date ?? resource.content?.[0]?.attachment.creation ?? resource.meta?.lastUpdated;
    case 'Encounter':
      return resource.period?.start ?? resource.meta?.lastUpdated;
    case 'CarePlan':
      return resource.created ?? resource.period?.start ?? resource.meta?.lastUpdated;
    case 'Goal':
      return resource.statusDate ?? resource.startDate ?? resource.meta?.lastUpdated;
    case 'Immunization':
      return resource.recorded ?? resource.occurrenceDateTime ?? resource.meta?.lastUpdated;
    case 'Procedure':
      return resource.performedDateTime ?? resource.performedPeriod?.start ?? resource.meta?.lastUpdated;
    case 'List':
      return resource.date ?? resource.meta?.lastUpdated;
    default:
      return resource.meta?.lastUpdated;
  }
}

/** Elements that can only be an Organization (custodian, serviceProvider) say so even without a typed reference. */
function asOrganisation(reference: Reference | undefined): Reference | undefined {
  return reference && !reference.type ? { ...reference, type: 'Organization' } : reference;
}

/** The references that say who recorded or holds an item, in order of preference, per resource type. */
function sourceReferences(resource: FhirResource): Array<Reference | undefined> {
  switch (resource.resourceType) {
    case 'AllergyIntolerance':
      return [resource.recorder, resource.asserter];
    case 'Condition':
      return [resource.recorder, resource.asserter];
    case 'MedicationRequest':
      return [resource.requester, resource.recorder];
    case 'MedicationStatement':
      return [resource.informationSource];
    case 'MedicationDispense':
      return (resource.performer ?? []).map((p) => p.actor);
    case 'Observation':
      return resource.performer ?? [];
    case 'DiagnosticReport':
      return [...(resource.performer ?? []), ...(resource.resultsInterpreter ?? [])];
    case 'Composition':
      return [asOrganisation(resource.custodian), ...(resource.author ?? [])];
    case 'DocumentReference':
      return [asOrganisation(resource.custodian), ...(resource.author ?? [])];
    case 'Encounter':
      return [asOrganisation(resource.serviceProvider), ...(resource.participant ?? []).map((p) => p.individual)];
    case 'CarePlan':
      return [resource.author, ...(resource.contributor ?? [])];
    case 'Goal':
      return [resource.expressedBy];
    case 'Immunization':
      return (resource.performer ?? []).map((p) => p.actor);
    case 'Procedure':
      return [resource.recorder, resource.asserter, ...(resource.performer ?? []).map((p) => p.actor)];
    case 'List':
      return [resource.source];
    default:
      return [];
  }
}

function declaredType(reference: Reference, target: FhirResource | undefined): string | undefined {
  const type = target?.resourceType ?? reference.type ?? referenceParts(reference.reference).type;
  // An ODS code identifies an organisation.
  return type ?? (reference.identifier?.system === ODS_SYSTEM ? 'Organization' : undefined);
}

function identifierKey(reference: Reference): string | undefined {
  const id = reference.identifier;
  return id?.value ? (id.system ? `${id.system}|${id.value}` : id.value) : undefined;
}

/**
 * Where an item came from: its organisation (custodian, performer or service provider, or the
 * organisation of the practitioner role that recorded it), the person, and when. Contained and
 * included Organizations and Practitioners are resolved through `resolve` for their names.
 */
export function sourceOf(resource: FhirResource, resolve?: ResourceLookup): RecordSource {
  const source: RecordSource = {};
  const setOrganisation = (reference: Reference, target: FhirResource | undefined) => {
    if (source.organisationRef || source.organisationName) return;
    source.organisationRef = referenceString(reference) ?? identifierKey(reference);
    const name = target?.resourceType === 'Organization' ? target.name : undefined;
    source.organisationName = name ?? reference.display;
    const ods =
      reference.identifier?.system === ODS_SYSTEM
        ? reference.identifier.value
        : target?.resourceType === 'Organization'
          ? target.identifier?.find((i) => i.system === ODS_SYSTEM)?.value
          : undefined;
    if (ods) source.organisationOds = ods;
  };
  for (const reference of sourceReferences(resource)) {
    if (!reference) continue;
    const target = resolveWith(resolve, reference, resource);
    const type = declaredType(reference, target);
    if (type && ORGANISATION_TYPES.has(type)) {
      setOrganisation(reference, target);
    } else if (!type || PERSON_TYPES.has(type)) {
      if (!source.authorRef && !source.authorName) {
        source.authorRef = referenceString(reference) ?? identifierKey(reference);
        source.authorName = personName(reference, target, resource, resolve);
      }
      if (target?.resourceType === 'PractitionerRole' && target.organization) {
        setOrganisation(target.organization, resolveWith(resolve, target.organization, target) ?? resolveWith(resolve, target.organization, resource));
      }
    }
  }
  if (!source.organisationRef && !source.organisationName) {
    // Contained Organizations name the sender when no element refers to them (e.g. GP Connect).
    const contained = (resource as { contained?: FhirResource[] }).contained?.find((r) => r.resourceType === 'Organization');
    if (contained?.resourceType === 'Organization') setOrganisation({ reference: `#${contained.id}` }, contained);
  }
  const recorded = recordedDateOf(resource);
  if (recorded) source.recorded = recorded;
  if (resource.meta?.source) source.sourceSystem = resource.meta.source;
  return compact(source);
}

function personName(reference: Reference, target: FhirResource | undefined, from: FhirResource, resolve?: ResourceLookup): string | undefined {
  if (target?.resourceType === 'Practitioner' || target?.resourceType === 'Patient' || target?.resourceType === 'RelatedPerson') {
    return humanNameText(target.name) ?? reference.display;
  }
  if (target?.resourceType === 'PractitionerRole') {
    const practitioner = target.practitioner ? (resolveWith(resolve, target.practitioner, target) ?? resolveWith(resolve, target.practitioner, from)) : undefined;
    const name = practitioner?.resourceType === 'Practitioner' ? humanNameText(practitioner.name) : undefined;
    return name ?? target.practitioner?.display ?? reference.display;
  }
  return reference.display;
}

/** A person, organisation or place a reference points to, named for display. */
export interface ReferencedParty {
  /** The reference (or `system|value` of its identifier). */
  reference?: string;
  resourceType?: string;
  name?: string;
}

/**
 * Names what a reference points to: the resolved resource's name (Organization, Location, Practitioner,
 * PractitionerRole's practitioner, Patient, RelatedPerson, CareTeam, HealthcareService), else the
 * reference's display. Undefined when there is no reference at all.
 */
export function describeReference(reference: Reference | undefined, from?: FhirResource, resolve?: ResourceLookup): ReferencedParty | undefined {
  if (!reference) return undefined;
  const target = resolveWith(resolve, reference, from);
  let name: string | undefined;
  switch (target?.resourceType) {
    case 'Organization':
    case 'Location':
    case 'HealthcareService':
    case 'CareTeam':
      name = target.name;
      break;
    case 'Practitioner':
    case 'Patient':
    case 'RelatedPerson':
    case 'PractitionerRole':
      name = personName(reference, target, from ?? target, resolve);
      break;
    case 'Device':
      name = target.deviceName?.[0]?.name;
      break;
    default:
      break;
  }
  return compact({
    reference: referenceString(reference) ?? identifierKey(reference),
    resourceType: declaredType(reference, target),
    name: name ?? reference.display,
  });
}
