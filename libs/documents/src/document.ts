/** What a document belongs to: the subject of the service that stores it. */
export const DOCUMENT_OWNER_TYPES = ['concept', 'allocation', 'obligation', 'revision'] as const;
export type DocumentOwnerType = (typeof DOCUMENT_OWNER_TYPES)[number];

/** Where a document's bytes are: a document keeps its backend when the configuration later changes. */
export type DocumentStorage = 'postgres' | 's3';

/** Who uploads or downloads a document, as recorded (G3). */
export interface DocumentActor {
  userId: string;
  role: string;
}

/** What the caller knows about a new document; the store adds what it measures (size, SHA-256, version). */
export interface NewDocument {
  ownerType: DocumentOwnerType;
  ownerId: string;
  kind: string;
  uploadedBy: DocumentActor;
  /** The document this one replaces: it stays, and the new one is its next version (G3). */
  supersedes?: string;
  public?: boolean;
}

/** The bytes to store, with their sanitised name and the media type detected from them. */
export interface DocumentContent {
  fileName: string;
  mediaType: string;
  content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/** A stored document's metadata; the bytes are read with DocumentStore.open. Immutable once stored. */
export interface StoredDocument {
  documentId: string;
  ownerType: DocumentOwnerType;
  ownerId: string;
  kind: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedByRole: string;
  uploadedAt: string;
  version: number;
  supersedes: string | null;
  public: boolean;
  storage: DocumentStorage;
}
