// @digitalbazaar/vc-bitstring-status-list ships no type declarations; this covers what the issuing tests call.
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export function decodeList(options: {
    encodedList: string;
  }): Promise<{ length: number; getStatus(index: number): boolean }>;
}
