import type { HandlingAction } from '../registry.ts';
import type { MappedAction } from './external-record.ts';

type Table = Readonly<Record<string, HandlingAction | 'other'>>;

/**
 * Microsoft 365 unified audit log, SharePoint/OneDrive file and sharing activities
 * (Microsoft Purview "Audit log activities"). A holder deleting a file is their act of
 * destruction: the recycle bins are the system's recovery facility, not a copy the holder still
 * keeps, and the purge that empties them is logged under a system account that maps to nobody.
 */
const m365: Table = {
  FileAccessed: 'opened',
  FileAccessedExtended: 'opened',
  FilePreviewed: 'opened',
  SecureLinkUsed: 'opened',
  CompanyLinkUsed: 'opened',
  AnonymousLinkUsed: 'opened',
  FileDownloaded: 'downloaded',
  FileSyncDownloadedFull: 'downloaded',
  FileSyncDownloadedPartial: 'downloaded',
  FileCopied: 'copied',
  SharingSet: 'shared',
  SharingInvitationCreated: 'shared',
  AnonymousLinkCreated: 'shared',
  AnonymousLinkUpdated: 'shared',
  SecureLinkCreated: 'shared',
  SecureLinkUpdated: 'shared',
  AddedToSecureLink: 'shared',
  CompanyLinkCreated: 'shared',
  FileDeleted: 'destroyed',
  FileRecycled: 'destroyed',
  FileDeletedFirstStageRecycleBin: 'destroyed',
  FileDeletedSecondStageRecycleBin: 'destroyed',
  FileModified: 'other',
  FileModifiedExtended: 'other',
  FileUploaded: 'other',
  FileSyncUploadedFull: 'other',
  FileRenamed: 'other',
  FileMoved: 'other',
  FileRestored: 'other',
  FileCheckedIn: 'other',
  FileCheckedOut: 'other',
  SharingInheritanceBroken: 'other',
  SharingInvitationAccepted: 'other',
  AccessRequestCreated: 'other',
  AddedToGroup: 'other',
  RemovedFromGroup: 'other',
  PageViewed: 'other',
};

/**
 * Google Workspace Admin SDK Reports, application `drive` (event names of the Drive audit
 * activity report). `trash` is the holder's disposal, as FileDeleted is for Microsoft 365.
 */
const gdrive: Table = {
  view: 'opened',
  preview: 'opened',
  access_item_content: 'opened',
  download: 'downloaded',
  print: 'printed',
  copy: 'copied',
  sheets_import_range: 'copied',
  email_as_attachment: 'shared',
  change_user_access: 'shared',
  change_document_access_scope: 'shared',
  change_document_visibility: 'shared',
  change_acl_editors: 'shared',
  publish_change: 'shared',
  shared_drive_membership_change: 'shared',
  sheets_import_range_access_change: 'shared',
  trash: 'destroyed',
  delete: 'destroyed',
  untrash: 'other',
  create: 'other',
  upload: 'other',
  edit: 'other',
  rename: 'other',
  move: 'other',
  add_to_folder: 'other',
  remove_from_folder: 'other',
  add_lock: 'other',
  remove_lock: 'other',
  access_url: 'other',
  search: 'other',
  shared_drive_settings_change: 'other',
  approval_canceled: 'other',
  approval_comment_added: 'other',
  approval_requested: 'other',
  approval_reviewer_responded: 'other',
};

/** AWS CloudTrail S3 data events (eventName). */
const cloudtrail: Table = {
  GetObject: 'downloaded',
  SelectObjectContent: 'opened',
  CopyObject: 'copied',
  UploadPartCopy: 'copied',
  PutObjectAcl: 'shared',
  DeleteObject: 'destroyed',
  HeadObject: 'other',
  PutObject: 'other',
  GetObjectAcl: 'other',
  GetObjectAttributes: 'other',
  GetObjectTagging: 'other',
  PutObjectTagging: 'other',
  RestoreObject: 'other',
  CreateMultipartUpload: 'other',
  UploadPart: 'other',
  CompleteMultipartUpload: 'other',
};

/**
 * Windows event 4663, one entry per access right in AccessList. Only reading the data is a
 * handling event: DELETE is also the right a rename or a move to the recycle bin asks for, so it
 * does not prove destruction, and writes do not move the copy anywhere.
 */
const windows4663: Table = {
  ReadData: 'opened',
  WriteData: 'other',
  AppendData: 'other',
  ReadEA: 'other',
  WriteEA: 'other',
  Execute: 'other',
  DeleteChild: 'other',
  ReadAttributes: 'other',
  WriteAttributes: 'other',
  DELETE: 'other',
  READ_CONTROL: 'other',
  WRITE_DAC: 'other',
  WRITE_OWNER: 'other',
  SYNCHRONIZE: 'other',
  ACCESS_SYS_SEC: 'other',
};

/** The vendor operation → Waymark action tables, per format (shown in the README). */
export const operationActions = { m365, gdrive, cloudtrail, windows4663 } as const;
export type VendorFormat = keyof typeof operationActions;

/** What a vendor operation means; null for one the table does not know (quarantined, not guessed). */
export function actionOf(format: VendorFormat, operation: string): MappedAction {
  const table: Table = operationActions[format];
  return Object.hasOwn(table, operation) ? (table[operation] ?? null) : null;
}
