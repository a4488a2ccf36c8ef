import type { AttachmentKind } from '@care-record/fhir';
import { defaultListControlStrings } from '../base/list-controls.strings.js';
import type { ListControlStrings } from '../base/list-controls.strings.js';
import { enteredInErrorNotice, plural } from '../base/english.strings.js';

/** Every sentence `<document-list>` shows; override any of them through the provider's `strings`. */
export interface DocumentListStrings extends ListControlStrings {
  documentHeading: string;
  documentLoading: string;
  documentUnavailable: string;
  documentNoneRecorded: string;
  /** "1 document marked as entered in error is not shown". */
  documentEnteredInError: (count: number) => string;
  documentCount: (count: number) => string;
  documentUntitled: string;
  /** DocumentReference.status / docStatus in words. */
  documentStatus: (status: string) => string;
  statusPrefix: string;
  labelType: string;
  documentLabelCategory: string;
  labelDate: string;
  labelAuthor: string;
  labelOrganisation: string;
  labelCareSetting: string;
  labelCovers: string;
  labelFiles: string;
  notKnown: string;
  /** What an attachment is: "PDF", "Web page (HTML)"… (its MIME type for anything else). */
  attachmentKind: (kind: AttachmentKind, contentType: string | undefined) => string;
  attachmentFormat: (format: string) => string;
  attachmentLanguage: (language: string) => string;
  noFiles: string;
  replacesEarlier: string;
  viewDocument: string;
  hideDocument: string;
  documentFiltersLabel: string;
  filterType: string;
  filterAllTypes: string;
  filterTypeNotKnown: string;
  filterStatus: string;
  filterStatusAll: string;
  filterStatusCurrent: string;
  filterFrom: string;
  filterTo: string;
  sortLabel: string;
  sortNewest: string;
  sortOldest: string;
  documentItems: string;
  documentLoadMoreFailed: string;
  serverNoted: (message: string) => string;
}


const STATUS_WORDS: Record<string, string> = {
  current: 'Current',
  superseded: 'Replaced by a newer version',
  preliminary: 'Preliminary',
  final: 'Final',
  amended: 'Amended',
  'entered-in-error': 'Entered in error',
};

export const documentListStrings: DocumentListStrings = {
  ...defaultListControlStrings,
  documentHeading: 'Documents',
  documentLoading: 'Loading documents…',
  documentUnavailable: 'Documents could not be loaded',
  documentNoneRecorded: 'No documents shared',
  documentEnteredInError: (count) => enteredInErrorNotice(count, 'document', 'documents'),
  documentCount: (count) => `${count} ${plural(count, 'document', 'documents')}`,
  documentUntitled: 'Untitled document',
  documentStatus: (status) => STATUS_WORDS[status] ?? status,
  statusPrefix: 'Status: ',
  labelType: 'Type',
  documentLabelCategory: 'Category',
  labelDate: 'Date',
  labelAuthor: 'Author',
  labelOrganisation: 'Organisation',
  labelCareSetting: 'Care setting',
  labelCovers: 'Covers',
  labelFiles: 'Files',
  notKnown: 'Not known',
  attachmentKind: (kind, contentType) =>
    kind === 'pdf'
      ? 'PDF'
      : kind === 'html'
        ? 'Web page (HTML)'
        : kind === 'text'
          ? 'Text'
          : (contentType?.split(';')[0].trim() ?? (kind === 'image' ? 'Image' : 'File of unknown type')),
  attachmentFormat: (format) => `format: ${format}`,
  attachmentLanguage: (language) => `language: ${language}`,
  noFiles: 'No files',
  replacesEarlier: 'Replaces an earlier version.',
  viewDocument: 'View document',
  hideDocument: 'Hide document',
  documentFiltersLabel: 'Sort and filter documents',
  filterType: 'Type',
  filterAllTypes: 'All types',
  filterTypeNotKnown: 'Type not known',
  filterStatus: 'Status',
  filterStatusAll: 'Current and replaced',
  filterStatusCurrent: 'Current only',
  filterFrom: 'From date',
  filterTo: 'To date',
  sortLabel: 'Sort by',
  sortNewest: 'Newest first',
  sortOldest: 'Oldest first',
  documentItems: 'documents',
  documentLoadMoreFailed: 'More documents could not be loaded.',
  serverNoted: (message) => `The record server noted: ${message}`,
};
