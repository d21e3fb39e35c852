// The Digital Bazaar packages ship no type declarations; these cover what Stapel uses.
declare module '@digitalbazaar/vc' {
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export function issue(options: {
    credential: object;
    suite: unknown;
    documentLoader: DocumentLoader;
    now?: string | Date;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: object;
    suite: unknown;
    documentLoader: DocumentLoader;
    purpose?: unknown;
    now?: string | Date;
    checkStatus?: (options: unknown) => Promise<unknown>;
  }): Promise<{
    verified: boolean;
    error?: unknown;
    results?: Array<{ verified: boolean; error?: unknown }>;
  }>;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { cryptosuite: unknown; signer?: unknown; date?: string | Date | null });
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export interface Signer {
    id: string;
    algorithm: 'Ed25519';
    sign(options: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    export(options?: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
      canonicalize?: boolean;
    }): Promise<Record<string, string>>;
    signer(): Signer;
  }
  export function generate(options?: {
    id?: string;
    controller?: string;
    seed?: Uint8Array;
  }): Promise<KeyPair>;
  export function from(options: Record<string, unknown>): Promise<KeyPair>;
}
declare module '@digitalbazaar/did-method-key' {
  export interface DidKeyDriver {
    use(options: {
      multibaseMultikeyHeader: string;
      fromMultibase: (options: Record<string, unknown>) => Promise<unknown>;
    }): void;
    get(options: { did?: string; url?: string }): Promise<Record<string, unknown>>;
  }
  export function driver(): DidKeyDriver;
}
declare module 'jsonld-signatures' {
  const jsigs: { purposes: { AssertionProofPurpose: new (options?: { date?: string | Date }) => unknown } };
  export default jsigs;
}
declare module 'did-context' {
  const didContext: { contexts: Map<string, unknown> };
  export default didContext;
}
declare module '@digitalbazaar/multikey-context' {
  const multikeyContext: { contexts: Map<string, unknown> };
  export default multikeyContext;
}
