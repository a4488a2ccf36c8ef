// The English (UK) sentences of <care-record-document-viewer>, apart from the element so that
// translations can import them alone.

/** Every sentence `<care-record-document-viewer>` shows; override any of them through the provider's `strings`. */
export interface DocumentViewerStrings {
  /** Accessible name of the list of attachments. */
  attachmentsLabel: string;
  /** Title of an attachment without one: "Document 2". */
  untitledAttachment: (position: number) => string;
  kindPdf: string;
  kindHtml: string;
  kindText: string;
  kindImage: string;
  kindOther: string;
  /** "Created 12-Mar-2024". */
  createdOn: (date: string) => string;
  openPdf: string;
  openDocument: string;
  /** Visually hidden after links that open a new tab. */
  opensInNewTab: string;
  /** "Download (PDF, 340 KB)": the type and size, as known. */
  download: (details: string) => string;
  preparing: string;
  loadFailed: string;
  retry: string;
  notReadable: string;
  noContent: string;
  /** The link goes somewhere our safety rules do not allow (not a web address). */
  unsafeLink: string;
  /** Shown above sanitised HTML from which something was removed. */
  contentRemoved: string;
  noAttachments: string;
}

export const defaultDocumentViewerStrings: DocumentViewerStrings = {
  attachmentsLabel: 'Document files',
  untitledAttachment: (position) => `Document ${position}`,
  kindPdf: 'PDF',
  kindHtml: 'Web page (HTML)',
  kindText: 'Text',
  kindImage: 'Image',
  kindOther: 'File',
  createdOn: (date) => `Created ${date}`,
  openPdf: 'Open PDF',
  openDocument: 'Open document',
  opensInNewTab: '(opens in a new tab)',
  download: (details) => (details ? `Download (${details})` : 'Download'),
  preparing: 'Preparing the document…',
  loadFailed: 'This document could not be loaded.',
  retry: 'Try again',
  notReadable: 'This document’s content could not be read: it may be damaged.',
  noContent: 'The content of this document was not included in the record.',
  unsafeLink: 'This document’s address is not a web address, so it is not linked.',
  contentRemoved: 'Some content in this document could not be shown safely and was removed (for example scripts, forms or pictures from other websites).',
  noAttachments: 'This document has no content to show.',
};
